import { currentSession } from './session.js';

/**
 * Typed opinions kept for this tab (sessionStorage), so an expired session and a new sign-in do not lose
 * them. Keys are the caller's (e.g. `decision:<item>:r<revision>`), held under the signed-in username so
 * the next person at the same browser never sees them; an explicit sign-out clears them all.
 */
const PREFIX = 'clearance.draft.';

function storageKey(key: string): string | null {
  const user = currentSession()?.user.username;
  return user ? `${PREFIX}${user}:${key}` : null;
}

export function saveDraft(key: string, text: string): void {
  const at = storageKey(key);
  if (!at) return;
  try {
    if (text.trim() === '') sessionStorage.removeItem(at);
    else sessionStorage.setItem(at, text);
  } catch {
    // storage full or disabled: the draft lives only in the form
  }
}

export function loadDraft(key: string): string | null {
  const at = storageKey(key);
  return at ? sessionStorage.getItem(at) : null;
}

export function clearDraft(key: string): void {
  const at = storageKey(key);
  if (at) sessionStorage.removeItem(at);
}

/** On sign-out: nothing typed stays behind in the tab. */
export function clearAllDrafts(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(PREFIX)) sessionStorage.removeItem(key);
  }
}

/** Keeps a textarea's text as a draft while typed, restores it now, and returns the function that drops it (after sending). */
export function keepDraft(field: HTMLTextAreaElement | HTMLInputElement, key: string): () => void {
  const saved = loadDraft(key);
  if (saved !== null && field.value === '') field.value = saved;
  field.addEventListener('input', () => saveDraft(key, field.value));
  return () => clearDraft(key);
}
