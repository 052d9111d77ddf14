import { classifiedMarkingRule } from './classified-marking.rule';
import type { Finding, KeywordRule, RuleContext } from './rule';

/**
 * Level words as Tesseract (chi_sim) also reads them from a scan: 密 as 蜜 or 宓 (the same 宀 top, the bottom
 * blurred), 机 as 杌, 秘 as 袐 — one stroke apart at scan resolution. 絶/祕 are folded to 绝/秘 by normalisation.
 */
const LEVELS = ['绝密', '机密', '秘密', '绝蜜', '绝宓', '机蜜', '机宓', '杌密', '秘蜜', '秘宓', '袐密'];
const TRUE_LEVEL = /^(?:绝密|机密|秘密)$/;
/** What OCR makes of a ★: a character of the same spiky shape, or an ASCII stand-in. */
// Seen from Tesseract chi_sim on rendered and scanned markings (see libs/documents/src/pdf and image specs).
const STAR_LIKE = '大太犬天夭夫六木本米水火头女妇青食贪友文雪广娘支码妆冯交★☆*xX+#%&@^·•';
/**
 * A period that cannot be read any other way, digits possibly split by OCR spaces: 1–2 digits then 年 or 个月
 * (no period exceeds 30 years), 长期, 启用前, or a full date (a bare year could be a report's year).
 */
const PERIOD =
  '(?:长\\s*[期其]|启用前|\\d(?:\\s?\\d)?\\s*(?:个\\s*月|[年午])|\\d(?:\\s?\\d){3}\\s*年\\s*\\d(?:\\s?\\d)?\\s*月(?:\\s*\\d(?:\\s?\\d)?\\s*日)?|\\d{4}\\s*[-./]\\s*\\d{1,2}\\s*[-./]\\s*\\d{1,2})';
// At a level word: at most two misread characters where the ★ was (none when it was dropped), then the period.
const OCR_MARKING = new RegExp(`[\\s\\S]{2}((?:\\s*[${STAR_LIKE.replace(/[\\^\]-]/g, '\\$&')}]){0,2})\\s*${PERIOD}`, 'y');

/** Only spaces or an opening bracket between the start of the line and `at`. */
function startsLine(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0 && text[k] !== '\n'; k--) if (!/[\s[【(〔「『《<]/.test(text[k])) return false;
  return true;
}

/**
 * 国家秘密标志 in text recognised from an image, where ★ is often misread or lost: a level word followed, within
 * two characters, by an unmistakable period. Only for OCR text: in typed text `机密10年` is not a marking.
 */
export const ocrMarkingRule: KeywordRule = {
  kind: 'keyword',
  id: 'ocr-marking',
  category: 'classified-marking',
  severity: 'block',
  version: 1,
  keywords: LEVELS,

  match(ctx: RuleContext, keyword: string, start: number, end: number): Finding | undefined {
    if (ctx.part !== 'ocr') return undefined;
    const text = ctx.doc.text;
    if (/^[秘袐]/.test(keyword) && /工作|商业/.test(text.slice(Math.max(0, start - 2), start))) return undefined;
    // The strict rule reports what it recognises; this one adds only what OCR noise hides from it.
    if (TRUE_LEVEL.test(keyword) && classifiedMarkingRule.match(ctx, keyword, start, end)) return undefined;
    OCR_MARKING.lastIndex = start;
    const m = OCR_MARKING.exec(text);
    if (!m) return undefined;
    // With no trace of the star, only a marking's usual place (the start of a line, as in a header) tells it from prose.
    if (m[1].trim() === '' && !startsLine(text, start)) return undefined;
    const found = m[0].replace(/\s+$/, '');
    return {
      start,
      end: start + found.length,
      reason: `图片识别文字“${found}”疑为国家秘密标志（识别时★常被误读或漏读），不得公开，请核对原件。`,
    };
  },
};
