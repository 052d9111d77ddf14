import { call } from './api.js';
import type { Hit, ItemDetail, Severity, Verdict } from './wire.js';

/** The item view's additions for the reviewer's record (the server's ItemView in src/items/item-view.service.ts). */
export type HitWithId = Hit & { id: string };

export interface HitGroup {
  ruleId: string;
  category: string;
  severity: Severity;
  reason: string;
  count: number;
  hits: HitWithId[];
  nextOffset?: number;
}

export interface Disposition {
  hitId: string;
  ruleId: string;
  outcome: 'verified' | 'false-positive';
  note?: string | null;
  level: string;
  revision: number;
  by: string;
  byName: string;
  at: string;
}

export interface ScanRecord {
  verdict: Verdict;
  hits: HitWithId[];
  hitCount?: number;
  reviewHitCount?: number;
  hitGroups?: HitGroup[];
  blockingMarking?: string | null;
  keywords: string[];
  lexiconVersion: string;
  rulesVersion: string;
  durationMs: number;
  at: string;
}

export interface DecisionRecord {
  id?: string;
  level: string;
  decision: string;
  by: string;
  byName?: string;
  at: string;
  comment?: string | null;
  revision: number;
  contentHash: string;
  dispositions?: Disposition[];
}

export type ItemRecord = Omit<ItemDetail, 'scan' | 'decisions' | 'history'> & {
  unitName?: string;
  scan: ScanRecord | null;
  decisions: DecisionRecord[];
  history: Array<{ state: string; from?: string | null; at: string; by?: string; byName?: string; revision?: number; comment?: string }>;
  revisions?: Array<{ number: number; contentHash: string; submittedAt: string }>;
};

export interface RevisionRecord {
  number: number;
  title: string;
  body: string;
  format: 'text' | 'html';
  plainText?: string;
  contentHash: string;
  submittedAt: string;
  current: boolean;
  scan: ScanRecord | null;
  attachments: Array<{ index: number; filename: string; contentType: string; size: number; sha256: string }>;
  decisions: DecisionRecord[];
}

export interface DiffSegment { op: 'equal' | 'delete' | 'insert'; text: string; from: number; to: number }
export interface SideHit { id: string; ruleId: string; category: string; severity: Severity; start: number; end: number; text: string }
export interface FieldDiff { segments: DiffSegment[]; fromHits: SideHit[]; toHits: SideHit[] }
export interface RevisionDiff {
  from: { number: number; contentHash: string; submittedAt: string };
  to: { number: number; contentHash: string; submittedAt: string };
  title: FieldDiff;
  body: FieldDiff;
  attachments: Array<{ filename: string; change: 'added' | 'removed' | 'changed' | 'same'; text?: FieldDiff; textOmitted?: string }>;
}

export interface HitPage { revision: number; ruleId: string; count: number; offset: number; hits: HitWithId[]; nextOffset?: number }

export interface DispositionInput { hitId: string; outcome: 'verified' | 'false-positive'; note?: string }

const itemPath = (id: string) => `/api/v1/items/${encodeURIComponent(id)}`;

export const recordApi = {
  item: (id: string) => call<ItemRecord>('GET', itemPath(id)),
  revision: (id: string, number: number) => call<RevisionRecord>('GET', `${itemPath(id)}/revisions/${number}`),
  diff: (id: string, from: number, to: number) => call<RevisionDiff>('GET', `${itemPath(id)}/diff?from=${from}&to=${to}`),
  hits: (id: string, ruleId: string, offset: number, limit = 200) =>
    call<HitPage>('GET', `${itemPath(id)}/hits?rule=${encodeURIComponent(ruleId)}&offset=${offset}&limit=${limit}`),
  decide: (id: string, body: { decision: string; revision: number; comment?: string; dispositions?: DispositionInput[] }) =>
    call<{ id: string; state: string; revision: number }>('POST', `${itemPath(id)}/decisions`, body),
  override: (id: string, comment: string, confirmMarking?: string) =>
    call<{ id: string; state: string }>('POST', `${itemPath(id)}/override`, { comment, ...(confirmMarking ? { confirmMarking } : {}) }),
  returnReferred: (id: string, comment: string) => call<{ id: string; state: string }>('POST', `${itemPath(id)}/return`, { comment }),
  withhold: (id: string, comment: string) => call<{ id: string; state: string }>('POST', `${itemPath(id)}/withhold`, { comment }),
};

/** A person as the record names them: the display name, or the username. */
export const nameOf = (d: { by: string; byName?: string }): string => d.byName ?? d.by;

export const OUTCOME: Record<string, string> = { verified: '已核实可公开', 'false-positive': '误报' };
