import { strToU8, zipSync } from 'fflate';
import { InflateBudget, ZipArchive } from '../zip/zip-archive';
import { XmlError } from '../xml/parse-xml';
import { readRelationships, resolveTarget } from './relationships';

const open = (files: Record<string, string>): ZipArchive =>
  new ZipArchive(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))), new InflateBudget(1 << 20, 100));

const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const T = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

describe('readRelationships', () => {
  it("reads a part's relationships from its folder's _rels, resolving targets against that folder", () => {
    const zip = open({
      'xl/worksheets/sheet1.xml': '<worksheet/>',
      'xl/worksheets/_rels/sheet1.xml.rels':
        `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${T}/comments" Target="../comments1.xml"/>` +
        `<Relationship Id="rId2" Type="${T}/hyperlink" Target="http://10.0.0.1/内部" TargetMode="External"/>` +
        `<Relationship Id="rId3" Type="${T}/drawing" Target="/xl/drawings/drawing%201.xml"/></Relationships>`,
    });

    const sut = readRelationships(zip, 'xl/worksheets/sheet1.xml');

    expect([...sut.entries()]).toEqual([
      ['rId1', { type: `${T}/comments`, target: 'xl/comments1.xml', external: false }],
      ['rId2', { type: `${T}/hyperlink`, target: 'http://10.0.0.1/内部', external: true }],
      ['rId3', { type: `${T}/drawing`, target: 'xl/drawings/drawing 1.xml', external: false }],
    ]);
  });

  it("reads the package relationships for ''", () => {
    const zip = open({ '_rels/.rels': `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${T}/officeDocument" Target="word/document.xml"/></Relationships>` });

    expect(readRelationships(zip, '').get('rId1')?.target).toBe('word/document.xml');
  });

  it('is empty for a part without relationships and throws XmlError for damaged ones', () => {
    const zip = open({ 'word/document.xml': '<w/>', 'word/_rels/document.xml.rels': '<Relationships><Relationship' });

    expect(readRelationships(zip, 'word/footnotes.xml').size).toBe(0);
    expect(() => readRelationships(zip, 'word/document.xml')).toThrow(XmlError);
  });
});

describe('resolveTarget', () => {
  it.each([
    ['word/', 'media/image1.png', 'word/media/image1.png'],
    ['word/charts/', '../embeddings/Microsoft_Excel_Worksheet.xlsx', 'word/embeddings/Microsoft_Excel_Worksheet.xlsx'],
    ['ppt/slides/', './../media/a.png', 'ppt/media/a.png'],
    ['word/', '/customXml/item1.xml', 'customXml/item1.xml'],
    ['word/', 'media\\image2.jpeg', 'word/media/image2.jpeg'],
    ['', 'word/document.xml', 'word/document.xml'],
  ])('%s + %s → %s', (folder, target, expected) => {
    expect(resolveTarget(folder, target)).toBe(expected);
  });
});
