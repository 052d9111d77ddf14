import { strToU8, zipSync } from 'fflate';
import { ExtractionRun, ReadContext } from '../read-context';
import { DEFAULT_LIMITS } from '../types';
import { InflateBudget, ZipArchive } from '../zip/zip-archive';
import { readDocProps } from './doc-props';

const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function read(files: Record<string, string>): ExtractionRun {
  const run = new ExtractionRun({ ...DEFAULT_LIMITS }, null);
  const zip = new ZipArchive(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))), new InflateBudget(1 << 20, 100));
  readDocProps(zip, new ReadContext(run, 'a.xlsx', 0));
  return run;
}

describe('readDocProps', () => {
  it('finds property parts where the package relationships say, and reads every text field and custom property', () => {
    const sut = read({
      '_rels/.rels':
        `<Relationships xmlns="${RELS}"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="props/core-1.xml"/>` +
        `<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="/props/custom-1.xml"/></Relationships>`,
      'props/core-1.xml':
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">' +
        '<dc:subject>人事任免</dc:subject><dc:description>仅供内部使用</dc:description><cp:category>内部文件</cp:category><dcterms:created>2024-01-01T00:00:00Z</dcterms:created></cp:coreProperties>',
      'props/custom-1.xml':
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="承办人电话"><vt:lpwstr>13912345678</vt:lpwstr></property></Properties>',
      'docProps/app.xml':
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>某局</Company><Manager>王局长</Manager><Application>WPS Office</Application></Properties>',
      'customXml/item1.xml': '<root><审批人>李某</审批人></root>',
      'customXml/itemProps1.xml': '<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml" ds:itemID="{1}"/>',
    });

    expect(sut.pieces.map((p) => [p.location.part, p.location.field, p.text])).toEqual([
      ['metadata', 'dc:subject', '人事任免'],
      ['metadata', 'dc:description', '仅供内部使用'],
      ['metadata', 'cp:category', '内部文件'],
      ['metadata', 'Company', '某局'],
      ['metadata', 'Manager', '王局长'],
      ['metadata', '承办人电话', '13912345678'],
      ['metadata', 'customXml:审批人', '李某'],
    ]);
    expect(sut.gaps).toEqual([]);
  });

  it('reports a damaged property part and keeps the others', () => {
    const sut = read({
      'docProps/core.xml': '<cp:coreProperties xmlns:cp="x"><cp:keywords>机密',
      'docProps/app.xml': '<Properties><Company>某局</Company></Properties>',
    });

    expect(sut.pieces.map((p) => p.text)).toEqual(['某局']);
    expect(sut.gaps.map((g) => [g.reason, g.location.field])).toEqual([['damaged', 'docProps/core.xml']]);
  });
});
