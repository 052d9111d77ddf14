import { DomainError } from '@clearance/workflow';

/** Deeper than any request of the service needs (an item's attachments are 3 levels), far below what overflows a recursive walk. */
export const MAX_NESTING = 32;
/** Arrays and objects in one request: thousands of times what any request needs, and walked in milliseconds. */
export const MAX_CONTAINERS = 10_000;

// NUL cuts SQL text on SQLite and PostgreSQL refuses it; a lone surrogate is stored as U+FFFD while the hash covers the original.
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000\ud800-\udfff]/;

/** Why a string cannot be stored as it was sent, or null when it can. */
export function textProblem(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return 'must not contain NUL (U+0000)';
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      return `contains a lone UTF-16 surrogate (U+${code.toString(16).toUpperCase()} at character ${i}): send valid Unicode text`;
    }
  }
  return null;
}

/** A container still to look into; its path is built only when something in it is refused. */
interface Pending {
  value: object;
  depth: number;
  parent: Pending | null;
  key: string | number | null;
}

function pathOf(root: string, at: Pending | null, key?: string | number): string {
  const keys: Array<string | number> = key === undefined ? [] : [key];
  for (let p = at; p && p.key !== null; p = p.parent) keys.unshift(p.key);
  return keys.reduce<string>((path, k) => (typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k), root);
}

/**
 * Walks a request's body, query or path value without recursion, so a hostile nesting cannot overflow the stack:
 * refuses nesting deeper than MAX_NESTING, more than MAX_CONTAINERS arrays and objects, and any string or key that
 * cannot be stored as sent, naming its field.
 * `root` names a value that is itself a string (`:id`, `cursor`); an object's fields are named from their keys.
 */
export function assertCleanInput(value: unknown, root: string, what: string): void {
  let containers = 0;
  const look = (child: unknown, at: Pending | null, key: string | number | null, depth: number, pending: Pending[]) => {
    if (typeof child === 'string') {
      const problem = textProblem(child);
      if (problem) {
        const field = pathOf(root, at, key ?? undefined);
        throw new DomainError('invalid', `${field || what} ${problem}`, field || undefined);
      }
    } else if (child !== null && typeof child === 'object') {
      if (depth >= MAX_NESTING) throw new DomainError('invalid', `the ${what} is nested more than ${MAX_NESTING} levels`);
      if (++containers > MAX_CONTAINERS) throw new DomainError('invalid', `the ${what} holds more than ${MAX_CONTAINERS} arrays and objects`);
      pending.push({ value: child, depth, parent: at, key });
    }
  };
  const pending: Pending[] = [];
  look(value, null, null, 0, pending);
  while (pending.length) {
    const at = pending.pop()!;
    if (Array.isArray(at.value)) {
      at.value.forEach((child, i) => look(child, at, i, at.depth + 1, pending));
      continue;
    }
    for (const [key, child] of Object.entries(at.value)) {
      const problem = textProblem(key);
      if (problem) {
        const where = pathOf(root, at);
        throw new DomainError('invalid', `a field name in ${where || `the ${what}`} ${problem}`, where || undefined);
      }
      look(child, at, key, at.depth + 1, pending);
    }
  }
}

/** What a DTO-bound body must be before any field is looked at. */
export function assertJsonObject(value: unknown): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value)) {
    throw new DomainError('invalid', 'the body must be a JSON object');
  }
}
