import type { Level } from '@clearance/workflow';
import type { NotificationContent, Segment, StoredNotificationKind } from './entities/notification.entity';

/** What the words of a notification are made of; nothing here reads the database. */
export interface NoticeFacts {
  kind: StoredNotificationKind;
  item: { id: string; title: string; revision: number } | null;
  unitName: string;
  detail: Record<string, unknown>;
  /** PUBLIC_URL, no trailing slash. */
  publicUrl: string;
  timeZone: string;
}

export const LEVEL_NAMES: Record<Level, { step: string; who: string }> = {
  filler: { step: '初审', who: '信息填报员' },
  leader: { step: '复审', who: '分管领导' },
  chief: { step: '复核', who: '单位主要领导' },
};

const ours = (t: string): Segment => ({ t });
const theirs = (u: string): Segment => ({ u });

export const itemLink = (publicUrl: string, itemId: string): string => `${publicUrl}/#/items/${encodeURIComponent(itemId)}`;

function levelOf(detail: Record<string, unknown>): Level | null {
  const level = detail.level;
  return level === 'filler' || level === 'leader' || level === 'chief' ? level : null;
}

export function formatTime(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The subject, paragraphs and link of one item notification, in Chinese; the item's title stays marked as submitted text. */
export function itemNoticeContent(facts: NoticeFacts): NotificationContent {
  const { kind, item, detail } = facts;
  if (!item) throw new Error(`a ${kind} notification names an item`);
  const level = levelOf(detail);
  const step = level ? LEVEL_NAMES[level].step : '审核';
  const who = level ? LEVEL_NAMES[level].who : '审核人员';
  const title = [ours('《'), theirs(item.title), ours('》')];
  const due = formatTime(detail.dueAt, facts.timeZone);
  const reason = text(detail.reason);
  const lines: Segment[][] = [];
  let tag: string;
  switch (kind) {
    case 'awaiting':
      tag = `待${step}`;
      lines.push([...title, ours(`（第${item.revision}版）已提交${step}，请${who}审核。`)]);
      break;
    case 'returned':
      if (detail.cause === 'revised') {
        tag = `重新${step}`;
        lines.push([...title, ours(`已报送第${item.revision}版修订稿，请${who}重新${step}。`)]);
      } else if (detail.cause === 'secrecy_office') {
        tag = `退回${step}`;
        lines.push([ours('保密办已将'), ...title, ours(`退回${step}，请${who}继续审核。`)]);
      } else {
        const by = levelOf({ level: detail.rejectedAt });
        tag = '已退回';
        lines.push([...title, ours(`${by ? `在${LEVEL_NAMES[by].step}时` : ''}被退回报送单位，待修改后重新报送；重新报送后将再次通知${who}。`)]);
      }
      break;
    case 'referred':
      tag = '报保密办';
      lines.push([...title, ours(`已在${step}时报请保密办审查，请保密管理员处理。`)]);
      break;
    case 'blocked':
      tag = '已拦截';
      lines.push([...title, ours('扫描发现国家秘密标志，已被拦截，请保密管理员核查处理。')]);
      break;
    case 'delivery_failed': {
      tag = '发布失败';
      const channel = text(detail.channel);
      const what = detail.deliveryKind === 'recall' || detail.kind === 'recall' ? '撤稿' : '发布';
      lines.push([...title, ours(`向发布渠道`), ...(channel ? [ours('「'), theirs(channel), ours('」')] : []), ours(`${what}失败，请保密管理员查看并重新投递。`)]);
      break;
    }
    case 'due_soon':
      tag = `${step}将到期`;
      lines.push([...title, ours(`的${step}已过半程${due ? `，请${who}于 ${due} 前完成` : `，请${who}尽快完成`}。`)]);
      break;
    case 'overdue':
      tag = `${step}已超时`;
      lines.push([...title, ours(`的${step}已超过期限${due ? `（${due}）` : ''}，请${who}尽快审核。`)]);
      break;
    case 'escalated': {
      tag = `${step}超时督办`;
      const to = detail.escalatedTo === 'admin' ? '保密管理员' : levelOf({ level: detail.escalatedTo }) ? LEVEL_NAMES[levelOf({ level: detail.escalatedTo })!].who : '您';
      lines.push([...title, ours(`的${step}已超过期限${due ? `（${due}）` : ''}仍未办理，特告知${to}，请督促${who}处理。`)]);
      break;
    }
    default:
      throw new Error(`not an item notification: ${kind}`);
  }
  if (reason) lines.push([ours('理由：'), theirs(reason)]);
  lines.push([ours('单位：'), theirs(facts.unitName)]);
  return { subject: [ours(`【${tag}】`), theirs(item.title)], lines, link: itemLink(facts.publicUrl, item.id), linkText: '打开审核页面' };
}

/** Plain text of a segment list, the submitted parts unescaped (for a mail subject, which is not markup). */
export function plainOf(segments: Segment[]): string {
  return segments.map((s) => ('t' in s ? s.t : s.u)).join('');
}

/** A segment list with the submitted parts passed through `escape`. */
export function renderSegments(segments: Segment[], escape: (text: string) => string): string {
  return segments.map((s) => ('t' in s ? s.t : escape(s.u))).join('');
}
