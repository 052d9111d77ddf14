import { strToU8, unzipSync, zipSync } from 'fflate';
import { briefingDeck, buildPptx, textShape } from '../../test-fixtures/build/pptx-fixtures';
import { FULL_IDS } from '../../test-fixtures/build/xlsx-fixtures';
import { extractDocument } from '../extract-document';
import type { TextPiece } from '../types';

const texts = (pieces: TextPiece[], part: string, slide?: number): string[] =>
  pieces.filter((p) => p.location.part === part && (slide === undefined || p.location.slide === slide)).map((p) => p.text);

describe('readPptx', () => {
  describe('a briefing deck', () => {
    let pieces: TextPiece[];
    beforeAll(async () => {
      const sut = await extractDocument(briefingDeck(FULL_IDS[0]), '汇报.pptx');
      expect(sut.coverage.format).toBe('pptx');
      expect(sut.coverage.gaps).toEqual([]);
      pieces = sut.pieces;
    });

    it('keeps a marking split across runs whole, one piece per paragraph', () => {
      expect(texts(pieces, 'slide', 1)).toContain('机密★10年');
    });

    it('reads slides in presentation order, with tables and grouped shapes, and leaves the slide number out', () => {
      const slide1 = pieces.filter((p) => p.location.part === 'slide' && p.location.slide === 1 && p.location.field === undefined);
      expect(slide1.map((p) => [p.text, p.separator])).toEqual([
        ['机密★10年', undefined],
        ['一、工作进展', undefined],
        ['二、下一步安排', undefined],
        ['姓名', undefined],
        ['职务', '\t'],
        ['张三', undefined],
        ['科长', '\t'],
        ['联系电话：13812345678', undefined],
      ]);
    });

    it('reads a hidden slide like any other', () => {
      expect(texts(pieces, 'slide', 2)).toEqual(['备用页：征求意见稿']);
    });

    it('reads speaker notes with the slide number, without the notes page number', () => {
      expect(texts(pieces, 'notes', 1)).toEqual([`讲解时不要念出身份证号 ${FULL_IDS[0]}`]);
    });

    it('reads a legacy comment with its author and slide', () => {
      expect(pieces.filter((p) => p.location.part === 'comment' && p.location.slide === 2).map((p) => [p.text, p.location.author])).toEqual([['此页请删除手机号 13912345678', '王科员']]);
    });

    it('reads a modern comment and its reply, each with its own author', () => {
      expect(pieces.filter((p) => p.location.part === 'comment' && p.location.slide === 3).map((p) => [p.text, p.location.author])).toEqual([
        ['此页涉及工作秘密', '刘处长'],
        ['已改', '王科员'],
      ]);
    });

    it('reads SmartArt text on its slide', () => {
      expect(texts(pieces, 'slide', 3)).toEqual(['流程', '第一步', '第二步 报分管领导']);
    });

    it('reads the master’s own text once, not its placeholder prompts', () => {
      const template = pieces.filter((p) => p.location.field?.startsWith('ppt/slide'));
      expect(template.map((p) => [p.text, p.location.slide, p.location.field])).toEqual([['内部资料 注意保存', 1, 'ppt/slideMasters/slideMaster1.xml']]);
    });

    it('reads the document properties', () => {
      expect(texts(pieces, 'metadata')).toContain('专项工作汇报');
    });
  });

  it('reads a chart’s title and the category names cached from a linked workbook', async () => {
    const sut = await extractDocument(buildPptx({ slides: [{ shapes: [], chart: { title: '信访人员分布', categories: ['张三', '李四'] } }] }), 'c.pptx');
    expect(texts(sut.pieces, 'slide', 1)).toEqual(['信访人员分布', '人数', '张三', '李四']);
  });

  it('reads a slide part the presentation no longer lists, without a number', async () => {
    const files = unzipSync(buildPptx({ slides: [{ shapes: [textShape(2, [['正文']])] }] }));
    files['ppt/slides/slide9.xml'] = strToU8(
      '<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>' +
        `${textShape(2, [['已删除页：征求意见稿']])}</p:spTree></p:cSld></p:sld>`,
    );
    const sut = await extractDocument(zipSync(files), 'o.pptx');
    expect(sut.pieces.filter((p) => p.location.part === 'slide').map((p) => [p.text, p.location.slide, p.location.field])).toEqual([
      ['正文', 1, undefined],
      ['已删除页：征求意见稿', undefined, 'ppt/slides/slide9.xml'],
    ]);
  });

  it('follows sldIdLst, not file names, for the slide order', async () => {
    const files = unzipSync(buildPptx({ slides: [{ shapes: [textShape(2, [['甲']])] }, { shapes: [textShape(2, [['乙']])] }] }));
    const presentation = new TextDecoder().decode(files['ppt/presentation.xml']).replace('<p:sldId id="256" r:id="rId2"/><p:sldId id="257" r:id="rId3"/>', '<p:sldId r:id="rId3" id="257"/><p:sldId r:id="rId2" id="256"/>');
    files['ppt/presentation.xml'] = strToU8(presentation);
    const sut = await extractDocument(zipSync(files), 'order.pptx');
    expect(sut.pieces.filter((p) => p.location.part === 'slide').map((p) => [p.location.slide, p.text])).toEqual([
      [1, '乙'],
      [2, '甲'],
    ]);
  });

  it('reports a damaged slide and reads the others', async () => {
    const files = unzipSync(buildPptx({ slides: [{ shapes: [textShape(2, [['第一页']])] }, { shapes: [textShape(2, [['第二页']])] }] }));
    files['ppt/slides/slide1.xml'] = files['ppt/slides/slide1.xml'].subarray(0, 300);
    const sut = await extractDocument(zipSync(files), 'bad.pptx');
    expect(texts(sut.pieces, 'slide')).toEqual(['第二页']);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged', location: expect.objectContaining({ part: 'slide', slide: 1 }) })]);
  });

  it('stops at the character limit with an over-limit gap', async () => {
    const slides = Array.from({ length: 50 }, (_v, k) => ({ shapes: [textShape(2, [[`第${k + 1}页 ${'某某工作情况汇报'.repeat(20)}`]])] }));
    const sut = await extractDocument(buildPptx({ slides }), 'long.pptx', { limits: { maxChars: 1_000 } });
    expect(sut.pieces.reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(1_000);
    expect(sut.coverage.gaps.map((g) => g.reason)).toEqual(['over-limit']);
  });
});
