import { textLines, type PlacedText } from './text-lines';

const code = (text: string, x: number, y: number, object: number, size = 5): PlacedText => ({ text, x, y, end: x + [...text].length * size, size, object, vertical: false });

describe('textLines', () => {
  it('joins the codes of one object on one baseline without a separator', () => {
    expect(textLines([code('机密', 0, 10, 1), code('★10年', 10, 10, 1)])).toEqual(['机密★10年']);
  });

  it('starts a new line when the baseline moves by more than half the font size', () => {
    expect(textLines([code('第一行', 0, 10, 1), code('第二行', 0, 17, 1)])).toEqual(['第一行', '第二行']);
  });

  it('keeps a superscript-sized shift on the same line', () => {
    expect(textLines([code('注', 0, 10, 1), code('1', 5, 8, 2)])).toEqual(['注1']);
  });

  it('writes a wide gap between two objects on one line as a space', () => {
    expect(textLines([code('姓名', 0, 10, 1), code('张三', 60, 10, 2)])).toEqual(['姓名 张三']);
  });

  it('keeps vertical text of one object together', () => {
    const vertical = (text: string, y: number): PlacedText => ({ ...code(text, 100, y, 3), vertical: true });
    expect(textLines([vertical('机', 10), vertical('密', 15)])).toEqual(['机密']);
  });
});
