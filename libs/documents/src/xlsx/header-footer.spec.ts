import { headerFooterSections } from './header-footer';

describe('headerFooterSections', () => {
  it('splits left, centre and right sections and drops fonts, sizes and colours', () => {
    expect(headerFooterSections('&L&"宋体,加粗"&14机密★&K00FF0010年&C&12某某局&R&D')).toEqual(['机密★10年', '某某局']);
  });

  it('drops page fields with their offsets and keeps a literal ampersand', () => {
    expect(headerFooterSections('&C第&P+1页 共&N页&RA&&B')).toEqual(['第页 共页', 'A&B']);
  });

  it('treats text before any section code as one section', () => {
    expect(headerFooterSections('内部资料')).toEqual(['内部资料']);
  });

  it('reads a theme colour as six characters', () => {
    expect(headerFooterSections('&K01+000秘密')).toEqual(['秘密']);
  });
});
