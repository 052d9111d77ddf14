import { textLines, type PositionedText } from './text-lines';

/** A horizontal item at (x, y) in a 16-point font, each character one em wide. */
const item = (str: string, x: number, y: number, hasEOL = false): PositionedText => ({ str, transform: [16, 0, 0, 16, x, y], width: 16 * str.length, height: 16, hasEOL });

describe('textLines', () => {
  it('keeps a marking written as three items (the ★ from a symbol font) on one line', () => {
    expect(textLines([item('机密', 440, 800), item('★', 472, 800), item('10年', 488, 800), item('关于印发通知', 72, 700)])).toEqual(['机密★10年', '关于印发通知']);
  });

  it('breaks lines at a change of baseline, and at hasEOL where the text starts over along the baseline', () => {
    expect(textLines([item('第一行', 72, 700), item('', 72, 672, true), item('第二行', 72, 672, true), item('第三行', 72, 672), item('第四行', 72, 644)])).toEqual(['第一行', '第二行', '第三行', '第四行']);
  });

  it('keeps words flagged hasEOL together while they carry on along the baseline (OCR layers)', () => {
    expect(textLines([item('关于', 72, 700, true), item('加强', 110, 700, true), item('管理', 150, 700, true), item('的通知', 72, 670)])).toEqual(['关于加强管理', '的通知']);
  });

  it('keeps a superscript on its line', () => {
    expect(textLines([item('见附件', 72, 700), { ...item('1', 120, 706), height: 9, transform: [9, 0, 0, 9, 120, 706] }, item('。', 126, 700)])).toEqual(['见附件1。']);
  });

  it('puts a space between items far apart on one line (table cells), and none between adjacent ones', () => {
    expect(textLines([item('姓名', 72, 500), item('张三', 300, 500), item('身份证号', 400, 500)])).toEqual(['姓名 张三 身份证号']);
  });

  it('follows rotated text along its own baseline', () => {
    const up = (str: string, y: number, x = 100): PositionedText => ({ str, transform: [0, 16, -16, 0, x, y], width: 16 * str.length, height: 16, hasEOL: false });
    expect(textLines([up('机密', 300), up('★10年', 332), up('下一行', 300, 130)])).toEqual(['机密★10年', '下一行']);
  });
});
