import type { Hit, Severity } from '@clearance/scanner';

/** A hit as the item view shows it: with an id that is the same on every read of the same scan. */
export type HitView = Hit & { id: string };

export interface HitGroup {
  ruleId: string;
  category: Hit['category'];
  severity: Severity;
  reason: string;
  /** All hits of this rule in the revision. */
  count: number;
  /** The first ones, in the scanner's order; the rest through GET /items/:id/hits?rule=… */
  hits: HitView[];
  /** Where the next page of this group starts, when there is one. */
  nextOffset?: number;
}

/** How many hits of each rule the item view carries. */
export const HITS_PER_GROUP = 50;
export const MAX_HIT_PAGE = 500;

/**
 * Ids from what locates a hit (rule, field, attachment, part, offsets), so a disposition recorded on one read
 * names the same hit on the next; the rare exact repeat gets a counter. A 64-bit FNV-1a, not SHA-256: an id
 * names a hit within one revision's scan and guards nothing, and an item may have tens of thousands of hits.
 */
export function hitIds(hits: readonly Hit[]): string[] {
  const seen = new Map<string, number>();
  return hits.map((hit) => {
    const base = fnv64([hit.ruleId, hit.field, hit.attachment ?? '', hit.partIndex ?? '', hit.location?.part ?? '', hit.start, hit.end].join('\u0000'));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

export function withHitIds(hits: readonly Hit[]): HitView[] {
  const ids = hitIds(hits);
  return hits.map((hit, i) => ({ ...hit, id: ids[i] }));
}

/** FNV-1a over UTF-16 code units in two 32-bit lanes (different offset bases), as 16 hex digits. */
function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const SEVERITY_ORDER: Record<Severity, number> = { block: 0, review: 1, info: 2 };

/**
 * Hits grouped by rule, most severe first, then the largest; each group with its first `perGroup` hits. Only
 * those get a view object: an item with tens of thousands of hits costs one pass, not a copy of each.
 */
export function groupHits(hits: readonly Hit[], ids: readonly string[], perGroup = HITS_PER_GROUP): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  hits.forEach((hit, i) => {
    let group = groups.get(hit.ruleId);
    if (!group) {
      group = { ruleId: hit.ruleId, category: hit.category, severity: hit.severity, reason: hit.reason, count: 0, hits: [] };
      groups.set(hit.ruleId, group);
    }
    if (SEVERITY_ORDER[hit.severity] < SEVERITY_ORDER[group.severity]) group.severity = hit.severity;
    group.count++;
    if (group.hits.length < perGroup) group.hits.push({ ...hit, id: ids[i] });
  });
  return [...groups.values()]
    .map((g) => (g.count > g.hits.length ? { ...g, nextOffset: g.hits.length } : g))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
}

/**
 * What the item view shows of a scan's hits, computed once when the scan is stored (scans.hit_summary), so a view
 * reads a few kilobytes instead of parsing and hashing every hit.
 */
export interface HitSummary {
  /** The page size it was made with: a summary made with another is made again from the hits. */
  perGroup: number;
  hitCount: number;
  reviewHitCount: number;
  blockingMarking: string | null;
  /** The first `perGroup` hits of each rule, with their ids, in the scanner's order. */
  hits: HitView[];
  /** The groups as groupHits orders them, without their hits (those are in `hits`). */
  groups: Array<Omit<HitGroup, 'hits'>>;
}

/** Ids are computed over all hits, as the decision path does, so the ones shown are the ones a disposition names. */
export function summarizeHits(hits: readonly Hit[], perGroup = HITS_PER_GROUP): HitSummary {
  const ids = hitIds(hits);
  const groups = groupHits(hits, ids, perGroup);
  const shownPerRule = new Map<string, number>();
  const shown: HitView[] = [];
  let reviewHitCount = 0;
  hits.forEach((hit, i) => {
    if (hit.severity === 'review') reviewHitCount++;
    const n = shownPerRule.get(hit.ruleId) ?? 0;
    if (n >= perGroup) return;
    shownPerRule.set(hit.ruleId, n + 1);
    shown.push({ ...hit, id: ids[i] });
  });
  return {
    perGroup, hitCount: hits.length, reviewHitCount, blockingMarking: blockingMarking(hits), hits: shown,
    groups: groups.map(({ hits: _shown, ...group }) => group),
  };
}

/** The groups of a summary with their hits put back, as the item view carries them. */
export function summaryGroups(summary: HitSummary): HitGroup[] {
  const byRule = new Map<string, HitView[]>();
  for (const hit of summary.hits) {
    const list = byRule.get(hit.ruleId);
    if (list) list.push(hit);
    else byRule.set(hit.ruleId, [hit]);
  }
  return summary.groups.map((group) => ({ ...group, hits: byRule.get(group.ruleId) ?? [] }));
}

/** One page of one rule's hits. */
export function hitPage(hits: readonly Hit[], ids: readonly string[], ruleId: string, offset: number, limit: number) {
  const ofRule: number[] = [];
  hits.forEach((hit, i) => { if (hit.ruleId === ruleId) ofRule.push(i); });
  const page = ofRule.slice(offset, offset + limit).map((i): HitView => ({ ...hits[i], id: ids[i] }));
  const next = offset + page.length;
  return { ruleId, count: ofRule.length, offset, hits: page, ...(next < ofRule.length ? { nextOffset: next } : {}) };
}

/**
 * The text an administrator types back to lift a block: the first classified marking that blocked the
 * revision (as it appears in the text), else the first block-level hit of any kind.
 */
export function blockingMarking(hits: readonly Hit[]): string | null {
  const blocking = hits.filter((h) => h.severity === 'block');
  const hit = blocking.find((h) => h.category === 'classified-marking') ?? blocking[0];
  return hit ? hit.text.trim() : null;
}
