/** The API's answers as the page reads them (the server's ItemView, QueueEntry and delivery records). */
export type Severity = 'block' | 'review' | 'info';
export type Verdict = 'pass' | 'review' | 'block';

export interface User {
  username: string;
  roles: string[];
  unit: string;
}

export interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface QueueEntry {
  id: string;
  title: string;
  unit: string;
  state: string;
  level: string;
  revision: number;
  verdict: Verdict | null;
  hitCounts: Record<string, number>;
  submittedAt: string;
  waitingSince: string;
}

export interface QueuePage {
  items: QueueEntry[];
  next?: string;
}

export interface Hit {
  ruleId: string;
  category: string;
  severity: Severity;
  field: 'title' | 'body';
  start: number;
  end: number;
  text: string;
  plainStart?: number;
  plainEnd?: number;
  normalized: string;
  context: string;
  reason: string;
  suggestion?: string;
}

export interface ItemDetail {
  id: string;
  externalId: string;
  unit: string;
  channels: string[];
  title: string;
  body: string;
  format: 'text' | 'html';
  plainText?: string;
  state: string;
  revision: number;
  contentHash: string;
  submittedAt: string;
  waitingSince: string;
  referredFrom?: string | null;
  scan: { verdict: Verdict; hits: Hit[]; keywords: string[]; lexiconVersion: string; rulesVersion: string; durationMs: number; at: string } | null;
  decisions: Array<{ level: string; decision: string; by: string; at: string; comment?: string | null; revision: number; contentHash: string }>;
  history: Array<{ state: string; from?: string | null; at: string; by?: string; revision?: number; comment?: string }>;
}

/** kind release or recall goes to a channel; a callback (channel null) goes to the submitting CMS. */
export interface Delivery {
  id: string;
  channel: string | null;
  kind: 'release' | 'recall' | 'callback';
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  lastError?: string | null;
  attempts: Array<{ at: string; statusCode?: number | null; durationMs?: number | null; error?: string | null }>;
}

export interface RecallAnswer {
  id: string;
  state: string;
  revision: number;
  recalledChannels: string[];
}

export interface ErrorAnswer {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
}

export interface LevelTimes {
  decided: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  maxMinutes: number | null;
}

/** GET /api/v1/reports/summary (the server's UnitReport). */
export interface UnitReport {
  unit: { code: string; name: string };
  period: { from: string; to: string };
  now: { byState: Record<string, number>; awaitingReview: number; oldestWaitingSince: string | null };
  inPeriod: {
    received: number;
    entered: Record<string, number>;
    scans: { total: number; byVerdict: Record<string, number>; hitsByCategory: Record<string, number>; hitsByRule: Record<string, number> };
    reviewTimes: Record<'filler' | 'leader' | 'chief', LevelTimes>;
  };
}

/** GET /api/v1/lexicon/terms (the server's LexiconTermView). */
export interface LexiconTerm {
  source: 'default' | 'custom';
  id?: string;
  term: string;
  category: string;
  severity: Severity;
  allow: string[];
  active: boolean;
  note?: string;
  createdBy?: string;
  createdAt?: string;
}

export interface LexiconList {
  revision: number;
  terms: LexiconTerm[];
}
