import type { Part } from '@clearance/documents';

/**
 * Places released with a file (or a page's source) that a reader of the published page does not see. Metadata is
 * not one of them (every file has it, and its text is scanned like the rest); headers, footers and footnotes are
 * shown; speaker notes ship inside a .pptx.
 */
const HIDDEN_PARTS: Partial<Record<Part, string>> = {
  comment: '批注',
  'cell-comment': '单元格批注',
  'tracked-insertion': '修订（插入的内容）',
  'tracked-deletion': '修订（删除的内容）',
  'hidden-text': '隐藏文字',
  'hidden-sheet': '隐藏工作表',
  notes: '演讲者备注',
  'html-comment': '网页注释',
  'html-hidden': '隐藏的网页元素',
};

/** The Chinese name of a hidden kind of place, or undefined when the part is not hidden. */
export function hiddenPartName(part: Part): string | undefined {
  return HIDDEN_PARTS[part];
}

// Conditions of IE conditional comments and the markers the Windows clipboard wraps pasted HTML in hold no text.
const NOT_TEXT = /\[if\b[^\]]*\]>?|<?!?\[endif\]|\b(?:Start|End)Fragment\b/gi;

/** Whether hidden text is worth a reviewer's look: anything but whitespace and markup conventions. */
export function holdsText(text: string, part: Part): boolean {
  return /\S/.test(part === 'html-comment' ? text.replace(NOT_TEXT, '') : text);
}

export function hiddenReason(name: string, inAttachment: boolean): string {
  return inAttachment
    ? `附件含有${name}，阅读页面时看不到，但发布后仍可从文件中读取，请删除或确认可以公开。`
    : `正文含有${name}，页面上不显示，但发布后仍可从网页源代码读取，请删除或确认可以公开。`;
}
