import { extractText } from './extract/extracted-text';
import { Scanner } from './scanner';
import type { Format } from './types';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const PIECES = [
  '机密★10年', '秘密*启用前', '密 级：秘 密', '【秘密】★5年', '機密＊5年', '机\u200b密★1年', '內部資料 注意保存',
  '13800138000', '+86-138-0013-8000', '11010519491231002X', '6222 0212 3456 7890 128', '（此件不公开）',
  '征求意见稿', '兵力部署', '😀', '𝐀', '㈱', '\ufeff', '\u3000', 'ＡＢＣ', '，', '。', '\n', ' ', '文字', '保密局', '*', '—',
];
const HTML_PIECES = ['<p>', '</p>', '<b>', '</b>', '&amp;', '&#9733;', '&starf;', '&nbsp;', '<img alt="秘密★1年">', '<br/>', '<!-- c -->', '<!-- ', ' -->', '<a href="/f?sfz=%31%31', '0105194912', '31002X">', '</a>', '<span hidden>', '</span>'];

function* inputs(format: Format): Generator<string> {
  let seed = 11;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pool = format === 'html' ? [...PIECES, ...HTML_PIECES] : PIECES;
  for (let k = 0; k < 400; k++) yield Array.from({ length: 1 + rnd(12) }, () => pool[rnd(pool.length)]).join('');
}

describe('hit offsets', () => {
  const sut = Scanner.create({ keywords: 0 });

  it.each(['text', 'html'] as const)('satisfy input.slice(start, end) === text for %s input', (format) => {
    let hits = 0;
    for (const body of inputs(format)) {
      const plain = extractText(body, format).text;
      for (const h of sut.scan({ body, format }).hits) {
        hits++;
        expect(body.slice(h.start, h.end)).toBe(h.text);
        expect(h.end).toBeGreaterThan(h.start);
        if (format === 'html' && h.location) {
          // A hit in a hidden place (here the comment) has source offsets only.
          expect(h.plainStart).toBeUndefined();
        } else if (format === 'html') {
          expect(h.plainStart).toBeDefined();
          expect(plain.slice(h.plainStart, h.plainEnd).length).toBeGreaterThan(0);
        }
      }
    }
    expect(hits).toBeGreaterThan(100);
  });

  it('never cuts a surrogate pair', () => {
    for (const body of inputs('text')) {
      for (const h of sut.scan({ body }).hits) {
        expect(h.text).not.toMatch(LONE_SURROGATE);
        expect(h.context).not.toMatch(LONE_SURROGATE);
      }
    }
  });
});
