/** The API's answers as the page reads them (the server's ItemView, QueueEntry and delivery records). */
export type Severity = 'block' | 'review' | 'info';
export type Verdict = 'pass' | 'review' | 'block';

export interface User {
  username: string;
  roles: string[];
  unit: string;
  /** Absent from a session stored by an older page; shown instead of the username and the unit code. */
  displayName?: string | null;
  unitName?: string;
}

/** POST /auth/login and POST /auth/refresh. */
export interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  user: User;
  /** The session's cap: no renewal goes past it. */
  sessionExpiresAt?: string;
}

/** GET/PATCH /auth/account. */
export interface AccountView {
  username: string;
  displayName: string | null;
  email: string | null;
  roles: string[];
  unit: { code: string; name: string };
  createdAt: string;
  passwordRules: { minLength: number; maxLength: number; minKinds: number };
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
  /** When the level is due (null for blocked and referred items) and whether that has passed; who holds it (认领). */
  dueAt?: string | null;
  overdue?: boolean;
  claim?: ClaimHolder | null;
}

/** A live claim (认领) of an item at its level. */
export interface ClaimHolder {
  userId: string;
  username: string;
  displayName: string | null;
  level: string;
  claimedAt: string;
  expiresAt: string;
}

export interface QueuePage {
  items: QueueEntry[];
  next?: string;
}

/** Mirrors Part, Location, CoverageGap and Coverage in libs/documents/src/types.ts. */
export type Part =
  | 'body' | 'header' | 'footer' | 'footnote' | 'endnote' | 'comment' | 'tracked-insertion' | 'tracked-deletion' | 'hidden-text'
  | 'metadata' | 'sheet' | 'hidden-sheet' | 'cell-comment' | 'slide' | 'notes' | 'embedded' | 'ocr' | 'html-comment'
  | 'html-attribute' | 'html-hidden' | 'script' | 'unreadable';

export interface Location {
  file: string;
  part: Part;
  page?: number;
  sheet?: string;
  cell?: string;
  slide?: number;
  paragraph?: number;
  author?: string;
  field?: string;
  inner?: Location;
}

export type GapReason = 'encrypted' | 'damaged' | 'unsupported' | 'over-limit' | 'ocr-unavailable' | 'timed-out';

export interface Coverage {
  file: string;
  format: string;
  bytes: number;
  examined: Array<{ part: Part; pieces: number; chars: number }>;
  gaps: Array<{ location: Location; reason: GapReason; detail: string }>;
  durationMs: number;
}

export interface Hit {
  ruleId: string;
  category: string;
  severity: Severity;
  field: 'title' | 'body' | 'attachment';
  /** UTF-16 offsets into the title, the body (the HTML source for html), or an attachment part's text. */
  start: number;
  end: number;
  text: string;
  plainStart?: number;
  plainEnd?: number;
  /** field attachment: the attachment's index and the part of its text the offsets point into. */
  attachment?: number;
  partIndex?: number;
  location?: Location;
  normalized: string;
  context: string;
  reason: string;
  suggestion?: string;
}

/** One file of the revision, as GET /items/:id lists it; verdict and coverage are null until it has been scanned. */
export interface Attachment {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  verdict: Verdict | null;
  coverage: Coverage | null;
}

/** GET /items/:id/attachments/:index/parts: the text the scanner read, part by part. */
export interface AttachmentParts {
  parts: Array<{ partIndex: number; location: Location; text: string }>;
  /** True when the stored text was cut at the per-scan cap: later parts, or the end of the last one, are missing. */
  capped?: boolean;
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
  /** Absent from a service without attachments. */
  attachments?: Attachment[];
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
  now: { byState: Record<string, number>; awaitingReview: number; oldestWaitingSince: string | null; overdue: Record<'filler' | 'leader' | 'chief', number> & { total: number } };
  inPeriod: {
    received: number;
    entered: Record<string, number>;
    recalls: number;
    scans: { total: number; byVerdict: Record<string, number>; hitsByCategory: Record<string, number>; hitsByRule: Record<string, number> };
    reviewTimes: Record<'filler' | 'leader' | 'chief', LevelTimes>;
    /** Levels whose due time passed inside the period. */
    overdue: number;
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
