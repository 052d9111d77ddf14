import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What a sealed value is for; bound into the ciphertext, so one cannot be moved into another's column. */
export type SecretPurpose = 'channel-secret' | 'callback-secret' | 'jwt-key' | 'robot-secret';

export class SecretsError extends Error {}

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export interface SecretsKey {
  id: string;
  key: Buffer;
}

/** A key's id when none is given: a short hash of it, so the same key always has the same id. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('clearance-secrets-key\0').update(key).digest('hex').slice(0, 8);
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/**
 * AES-256-GCM with a fresh 96-bit IV per value: `enc:v1:<key id>:<base64url(iv | ciphertext | tag)>`.
 * The first key seals; every key opens, so values sealed before a rotation stay readable until
 * `secrets:reencrypt` has moved them to the current key.
 */
export class KeyRing {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly keys: readonly SecretsKey[]) {
    if (keys.length === 0) throw new SecretsError('a key ring needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    if (this.byId.size !== keys.length) throw new SecretsError('two secrets keys have the same id');
    for (const k of keys) if (k.key.length !== KEY_BYTES) throw new SecretsError(`secrets key ${k.id} is not ${KEY_BYTES} bytes`);
  }

  get currentId(): string {
    return this.keys[0].id;
  }

  seal(plain: string, purpose: SecretPurpose): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0].key, iv);
    cipher.setAAD(Buffer.from(`${purpose}\0${this.currentId}`, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.currentId}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  open(sealed: string, purpose: SecretPurpose): string {
    if (!isSealed(sealed)) throw new SecretsError(`a ${purpose} is stored in clear; run the migrations (npm run -s cli -- migrate) with a secrets key configured`);
    const rest = sealed.slice(PREFIX.length);
    const colon = rest.indexOf(':');
    const id = rest.slice(0, colon);
    const key = this.byId.get(id);
    if (colon < 0 || !key) throw new SecretsError(`a ${purpose} is sealed with secrets key ${id || '?'}, which is not configured (SECRETS_KEY / SECRETS_KEY_FILE)`);
    const raw = Buffer.from(rest.slice(colon + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretsError(`a sealed ${purpose} is truncated`);
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`${purpose}\0${id}`, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretsError(`a sealed ${purpose} does not authenticate under secrets key ${id}: it was altered or moved`);
    }
  }

  /** True when the value is sealed with a key other than the current one. */
  isStale(sealed: string): boolean {
    return !sealed.startsWith(`${PREFIX}${this.currentId}:`);
  }
}

/** `[id:]base64` items (comma- or line-separated), first the current key. */
export function parseKeySpec(spec: string, where: string): SecretsKey[] {
  const items = spec.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
  if (items.length === 0) throw new SecretsError(`${where} holds no key`);
  return items.map((item, index) => {
    const match = /^(?:([A-Za-z0-9_-]{1,32}):)?([A-Za-z0-9+/=_-]+)$/.exec(item);
    const key = match ? Buffer.from(match[2], match[2].includes('-') || match[2].includes('_') ? 'base64url' : 'base64') : Buffer.alloc(0);
    if (!match || key.length !== KEY_BYTES) {
      throw new SecretsError(`${where}: key ${index + 1} must be the base64 of ${KEY_BYTES} random bytes (openssl rand -base64 32), optionally prefixed with an id and a colon`);
    }
    return { id: match[1] ?? keyIdOf(key), key };
  });
}
