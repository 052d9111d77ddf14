import type { CoverageGap, GapReason } from '@clearance/documents';
import { locationLabel } from './location-label';
import { unreadableAt } from './part-grouping';
import type { Hit } from './types';

const REASON: Record<GapReason, string> = {
  encrypted: '已加密',
  damaged: '已损坏',
  unsupported: '格式不支持',
  'over-limit': '超过限制',
  'ocr-unavailable': '未安装文字识别',
  'timed-out': '超时',
};

/** What could not be read is never passed: it goes to a human, who reads the original. */
export function gapHit(gap: CoverageGap, attachment: number, filename: string): Hit {
  const location = unreadableAt(gap.location);
  const where = location.part === 'unreadable' && !location.page && !location.sheet && !location.slide ? '' : `（${locationLabel(location)}）`;
  return {
    ruleId: `coverage:${gap.reason}`,
    category: 'not-examined',
    severity: 'review',
    field: 'attachment',
    attachment,
    location,
    start: 0,
    end: 0,
    text: '',
    normalized: '',
    context: gap.detail,
    reason: `附件“${filename}”${where}有内容未能审查（${REASON[gap.reason]}），须由人工阅读原件后再决定能否公开。`,
  };
}
