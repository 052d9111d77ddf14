import { currentSession, endSession } from './session.js';
import type { AccountView, AttachmentParts, Delivery, ErrorAnswer, ItemDetail, LexiconList, LexiconTerm, LoginAnswer, QueuePage, RecallAnswer, UnitReport } from './wire.js';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorAnswer, readonly retryAfter?: number) {
    super(body.message);
  }
}

/** Dispatched on window after my own change to an item succeeds (a decision, claim, release…), so the header badge asks again. */
export const WORK_CHANGED = 'clearance:work-changed';

/** Called when the server no longer accepts the session (401): the page goes back to sign-in. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/** Exported for views that keep their own calls beside them (claim-panel, failed-deliveries-view). */
export async function call<T>(method: string, path: string, body?: unknown, authorised = true): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (authorised) {
    const session = currentSession();
    if (!session) {
      onSignedOut();
      throw new ApiError(401, { statusCode: 401, error: 'Unauthorized', message: 'the session has expired: sign in again' });
    }
    headers.Authorization = `Bearer ${session.token}`;
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  const answer = (await response.json().catch(() => ({ statusCode: response.status, error: response.statusText, message: '' }))) as unknown;
  if (response.ok) {
    if (method !== 'GET' && path.startsWith('/api/v1/items/')) window.dispatchEvent(new Event(WORK_CHANGED));
    return answer as T;
  }
  if (response.status === 401 && authorised) {
    endSession();
    onSignedOut();
  }
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  throw new ApiError(response.status, answer as ErrorAnswer, retryAfter);
}

/** The reviewer download: the bytes as a Blob, fetched with the session's token (a plain link could not carry it). */
async function download(path: string): Promise<Blob> {
  const session = currentSession();
  if (!session) {
    onSignedOut();
    throw new ApiError(401, { statusCode: 401, error: 'Unauthorized', message: 'the session has expired: sign in again' });
  }
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.token}` }, credentials: 'same-origin', cache: 'no-store' });
  if (response.ok) return response.blob();
  const answer = (await response.json().catch(() => ({ statusCode: response.status, error: response.statusText, message: '' }))) as ErrorAnswer;
  if (response.status === 401) {
    endSession();
    onSignedOut();
  }
  throw new ApiError(response.status, answer);
}

export const attachmentPath = (id: string, revision: number, index: number): string =>
  `/api/v1/items/${encodeURIComponent(id)}/revisions/${revision}/attachments/${index}`;

export const api = {
  login: (username: string, password: string) => call<LoginAnswer>('POST', '/api/v1/auth/login', { username, password }, false),
  refresh: () => call<LoginAnswer>('POST', '/api/v1/auth/refresh'),
  logout: () => call<void>('POST', '/api/v1/auth/logout'),
  account: () => call<AccountView>('GET', '/api/v1/auth/account'),
  updateAccount: (change: { email: string | null }) => call<AccountView>('PATCH', '/api/v1/auth/account', change),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<{ endedSessions: number }>('POST', '/api/v1/auth/password', { currentPassword, newPassword }),
  queue: (limit = 100, cursor?: string) =>
    call<QueuePage>('GET', `/api/v1/reviews/queue?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  item: (id: string) => call<ItemDetail>('GET', `/api/v1/items/${encodeURIComponent(id)}`),
  deliveries: (id: string) => call<{ deliveries: Delivery[] }>('GET', `/api/v1/items/${encodeURIComponent(id)}/deliveries`),
  decide: (id: string, decision: string, revision: number, comment?: string) =>
    call<{ id: string; state: string; revision: number }>('POST', `/api/v1/items/${encodeURIComponent(id)}/decisions`, { decision, revision, ...(comment ? { comment } : {}) }),
  override: (id: string, comment: string) => call<{ id: string; state: string }>('POST', `/api/v1/items/${encodeURIComponent(id)}/override`, { comment }),
  returnReferred: (id: string, comment: string) => call<{ id: string; state: string }>('POST', `/api/v1/items/${encodeURIComponent(id)}/return`, { comment }),
  recall: (id: string, comment: string) => call<RecallAnswer>('POST', `/api/v1/items/${encodeURIComponent(id)}/recall`, { comment }),
  report: (from?: string, to?: string) =>
    call<UnitReport>('GET', `/api/v1/reports/summary${from && to ? `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : ''}`),
  lexicon: () => call<LexiconList>('GET', '/api/v1/lexicon/terms'),
  addTerm: (term: { term: string; category: string; severity: string; allow: string[]; note: string }) =>
    call<{ term: LexiconTerm; revision: number }>('POST', '/api/v1/lexicon/terms', term),
  deactivateTerm: (id: string) => call<{ term: LexiconTerm; revision: number }>('DELETE', `/api/v1/lexicon/terms/${encodeURIComponent(id)}`),
  attachmentParts: (id: string, index: number) => call<AttachmentParts>('GET', `/api/v1/items/${encodeURIComponent(id)}/attachments/${index}/parts`),
  attachment: (id: string, revision: number, index: number) => download(attachmentPath(id, revision, index)),
  redeliver: (deliveryId: string) => call<Delivery>('POST', `/api/v1/deliveries/${encodeURIComponent(deliveryId)}/redeliver`),
};
