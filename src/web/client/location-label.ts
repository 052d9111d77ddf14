/**
 * Where a piece of an attachment (or of an HTML body) sits, in the words reviewers use. locationLabel is a
 * copy of libs/scanner/src/location-label.ts, which the page cannot import (it compiles on its own): change
 * the two together.
 */
import type { GapReason, Location, Part } from './wire.js';

export const PART: Record<Part, string> = {
  body: '正文',
  header: '页眉',
  footer: '页脚',
  footnote: '脚注',
  endnote: '尾注',
  comment: '批注',
  'tracked-insertion': '修订时插入的内容',
  'tracked-deletion': '修订时删除的内容',
  'hidden-text': '隐藏文字',
  metadata: '文档属性',
  sheet: '工作表',
  'hidden-sheet': '隐藏工作表',
  'cell-comment': '单元格批注',
  slide: '幻灯片',
  notes: '演讲者备注',
  embedded: '嵌入文件',
  ocr: '图片识别文字',
  'html-comment': '网页注释',
  'html-attribute': '网页属性',
  'html-hidden': '隐藏的网页元素',
  script: '脚本/样式',
  unreadable: '未能读取的内容',
};

export const GAP_REASON: Record<GapReason, string> = {
  encrypted: '文件已加密',
  damaged: '文件已损坏',
  unsupported: '格式不受支持',
  'over-limit': '超出处理上限',
  'ocr-unavailable': '无法识别图片中的文字',
  'timed-out': '处理超时',
};

const by = (author: string | undefined): string => (author ? `（${author}）` : '');
const sheetName = (sheet: string | undefined): string => (sheet === undefined ? '工作表' : `工作表“${sheet}”`);

/**
 * Where a hit sits, in the words a reviewer reads: 第3页, 工作表“原始数据”（隐藏）B2, 批注（李科员）,
 * 修订时删除的内容, 嵌入文件 x.xlsx › 第2页. The file's own name is left to the caller.
 */
export function locationLabel(location: Location): string {
  const { part, page, slide, sheet, cell, paragraph, author, field, inner } = location;
  let own: string;
  switch (part) {
    case 'body':
      own = `${page !== undefined ? `第${page}页` : '正文'}${paragraph !== undefined ? `第${paragraph}段` : ''}`;
      break;
    case 'comment':
    case 'tracked-insertion':
    case 'tracked-deletion':
      own = `${PART[part]}${by(author)}`;
      break;
    case 'metadata':
      own = field ? `文档属性“${field}”` : '文档属性';
      break;
    case 'sheet':
      own = `${sheetName(sheet)}${cell ?? ''}`;
      break;
    case 'hidden-sheet':
      own = `${sheetName(sheet)}（隐藏）${cell ?? ''}`;
      break;
    case 'cell-comment':
      own = `${sheetName(sheet)}${cell ?? ''}的批注${by(author)}`;
      break;
    case 'slide':
      own = slide !== undefined ? `第${slide}张幻灯片` : '幻灯片';
      break;
    case 'notes':
      own = slide !== undefined ? `第${slide}张幻灯片的备注` : '演讲者备注';
      break;
    case 'embedded':
      own = inner ? `嵌入文件 ${inner.file} › ${locationLabel(inner)}` : `嵌入文件${field ? ` ${field}` : ''}`;
      break;
    case 'html-attribute':
      own = field ? `网页属性“${field}”` : '网页属性';
      break;
    case 'script':
      own = field ? `脚本/样式（<${field}>）` : '脚本/样式';
      break;
    case 'unreadable':
      return `${page !== undefined ? `第${page}页` : slide !== undefined ? `第${slide}张幻灯片` : sheet !== undefined ? sheetName(sheet) : '文件'}（未能读取）`;
    default:
      own = PART[part] ?? part;
  }
  // Where the part sits, when the part's own words do not say it: 第2页 图片识别文字, 第3张幻灯片 批注.
  const scope: string[] = [];
  if (page !== undefined && part !== 'body') scope.push(`第${page}页`);
  if (slide !== undefined && part !== 'slide' && part !== 'notes') scope.push(`第${slide}张幻灯片`);
  if (sheet !== undefined && part !== 'sheet' && part !== 'hidden-sheet' && part !== 'cell-comment') scope.push(`${sheetName(sheet)}${cell ?? ''}`);
  return part === 'embedded' || scope.length === 0 ? own : `${scope.join(' ')} ${own}`;
}
