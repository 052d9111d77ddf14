import type { Location } from '@clearance/documents';
import { locationLabel } from './location-label';

describe('locationLabel', () => {
  const f = 'a.docx';
  it.each<[Location, string]>([
    [{ file: f, part: 'body', page: 3 }, '第3页'],
    [{ file: f, part: 'body', paragraph: 12 }, '正文第12段'],
    [{ file: f, part: 'hidden-sheet', sheet: '原始数据', cell: 'B2' }, '工作表“原始数据”（隐藏）B2'],
    [{ file: f, part: 'sheet', sheet: '汇总', cell: 'C7' }, '工作表“汇总”C7'],
    [{ file: f, part: 'cell-comment', sheet: '汇总', cell: 'C7', author: '王科长' }, '工作表“汇总”C7的批注（王科长）'],
    [{ file: f, part: 'comment', author: '李科员' }, '批注（李科员）'],
    [{ file: f, part: 'tracked-deletion' }, '修订时删除的内容'],
    [{ file: f, part: 'tracked-insertion', author: '李科员' }, '修订时插入的内容（李科员）'],
    [{ file: f, part: 'header' }, '页眉'],
    [{ file: f, part: 'hidden-text' }, '隐藏文字'],
    [{ file: f, part: 'metadata', field: 'dc:creator' }, '文档属性“dc:creator”'],
    [{ file: f, part: 'notes', slide: 4 }, '第4张幻灯片的备注'],
    [{ file: f, part: 'ocr', page: 2 }, '第2页 图片识别文字'],
    [{ file: f, part: 'ocr' }, '图片识别文字'],
    [{ file: f, part: 'html-attribute', field: 'href' }, '网页属性“href”'],
    [{ file: f, part: 'script', field: 'style' }, '脚本/样式（<style>）'],
    [{ file: f, part: 'unreadable' }, '文件（未能读取）'],
    [{ file: f, part: 'unreadable', page: 5 }, '第5页（未能读取）'],
    [{ file: 'a.zip', part: 'embedded', field: 'x.xlsx', inner: { file: 'x.xlsx', part: 'sheet', sheet: 'S', cell: 'A1' } }, '嵌入文件 x.xlsx › 工作表“S”A1'],
    [{ file: f, part: 'embedded', inner: { file: 'x.xlsx', part: 'embedded', inner: { file: 'p.png', part: 'ocr' } } }, '嵌入文件 x.xlsx › 嵌入文件 p.png › 图片识别文字'],
  ])('%j → %s', (location, label) => {
    expect(locationLabel(location)).toBe(label);
  });
});
