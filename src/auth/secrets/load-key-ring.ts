import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppConfig } from '../../config/env.schema';
import { KEY_BYTES, KeyRing, parseKeySpec, SecretsError } from './key-ring';

/**
 * The key ring from SECRETS_KEY or SECRETS_KEY_FILE. Without either (development and test only; the
 * config refuses production), a key generated once into a file readable by its owner only.
 */
export function loadKeyRing(secrets: AppConfig['secrets']): KeyRing {
  if (secrets.key !== undefined) return new KeyRing(parseKeySpec(secrets.key, 'SECRETS_KEY'));
  if (secrets.keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(secrets.keyFile, 'utf8');
    } catch (error) {
      throw new SecretsError(`SECRETS_KEY_FILE ${secrets.keyFile} cannot be read: ${(error as Error).message}`);
    }
    return new KeyRing(parseKeySpec(text, `SECRETS_KEY_FILE ${secrets.keyFile}`));
  }
  return new KeyRing(parseKeySpec(generatedKey(resolve(secrets.generatedKeyFile)), secrets.generatedKeyFile));
}

function generatedKey(file: string): string {
  try {
    return readOwnerOnly(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails if the file exists: of processes starting together, the first one's key wins, whole.
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readOwnerOnly(file);
}

function readOwnerOnly(file: string): string {
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) throw new SecretsError(`${file} holds the secrets key and must be readable by its owner only: chmod 600 ${file}`);
  return readFileSync(file, 'utf8');
}
