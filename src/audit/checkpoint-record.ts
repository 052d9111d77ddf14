import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../common/canonical-json';
import type { LegacySeal } from './audit-checkpoint.entity';
import { AuditAlgorithm, hexDigest, isAuditAlgorithm } from './audit-hash';

export const CHECKPOINT_FORMAT = 'clearance-audit-checkpoint/1';

/** What a checkpoint's hash and signature cover; the same text in the database row and in the exported file. */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  number: number;
  createdAt: string;
  algorithm: AuditAlgorithm;
  firstSeq: number;
  lastSeq: number;
  events: number;
  root: string;
  prevHash: string;
  legacy: LegacySeal | null;
  keyId: string | null;
}

export interface CheckpointRecord extends CheckpointBody {
  hash: string;
  signature: string | null;
}

export function checkpointBody(c: Omit<CheckpointBody, 'format' | 'createdAt' | 'legacy' | 'keyId'> & { createdAt: Date | string; legacy?: LegacySeal | null; keyId?: string | null }): CheckpointBody {
  return {
    format: CHECKPOINT_FORMAT,
    number: c.number,
    createdAt: new Date(c.createdAt).toISOString(),
    algorithm: c.algorithm,
    firstSeq: c.firstSeq,
    lastSeq: c.lastSeq,
    events: c.events,
    root: c.root,
    prevHash: c.prevHash,
    legacy: c.legacy ? { events: c.legacy.events, head: c.legacy.head, broken: c.legacy.broken ?? null } : null,
    keyId: c.keyId ?? null,
  };
}

/** The signed text: canonical JSON of the body. */
export function signedText(body: CheckpointBody): string {
  return canonicalJson(body);
}

export function checkpointHash(body: CheckpointBody): string {
  return hexDigest(body.algorithm, signedText(body));
}

export function checkpointFileName(number: number): string {
  return `checkpoint-${String(number).padStart(8, '0')}.json`;
}

export class CheckpointFileError extends Error {}

/**
 * Writes the checkpoint as a new file; never replaces one. An identical file already there (a retry after a
 * crash) is fine; a different one means another database shares the directory, or this one was rewound.
 */
export function exportCheckpoint(dir: string, record: CheckpointRecord): 'written' | 'present' {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, checkpointFileName(record.number));
  const text = `${JSON.stringify(record)}\n`;
  try {
    writeFileSync(file, text, { flag: 'wx', mode: 0o644 });
    return 'written';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (readFileSync(file, 'utf8') === text) return 'present';
    throw new CheckpointFileError(`${file} already exists with other content; a checkpoint file is never overwritten (is another database writing to ${dir}?)`);
  }
}

export function isExported(dir: string, number: number): boolean {
  return existsSync(join(dir, checkpointFileName(number)));
}

/** Every checkpoint file of the directory, by number; a file that does not parse is reported, not skipped silently. */
export function readCheckpointDir(dir: string): { records: Map<number, CheckpointRecord>; problems: string[] } {
  const records = new Map<number, CheckpointRecord>();
  const problems: string[] = [];
  for (const name of readdirSync(dir).filter((n) => /^checkpoint-\d+\.json$/.test(n)).sort()) {
    try {
      const record = parseRecord(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (checkpointFileName(record.number) !== name) throw new Error(`it holds checkpoint ${record.number}`);
      records.set(record.number, record);
    } catch (error) {
      problems.push(`exported checkpoint file ${name} is not a checkpoint: ${(error as Error).message}`);
    }
  }
  return { records, problems };
}

function parseRecord(value: unknown): CheckpointRecord {
  const v = value as Record<string, unknown>;
  const int = (k: string) => {
    if (!Number.isSafeInteger(v[k])) throw new Error(`${k} is not an integer`);
    return v[k] as number;
  };
  const str = (k: string) => {
    if (typeof v[k] !== 'string') throw new Error(`${k} is not a string`);
    return v[k] as string;
  };
  if (!v || typeof v !== 'object' || v.format !== CHECKPOINT_FORMAT) throw new Error(`format is not ${CHECKPOINT_FORMAT}`);
  if (!isAuditAlgorithm(v.algorithm)) throw new Error('algorithm is not sha256 or sm3');
  const legacy = v.legacy as LegacySeal | null;
  const body = checkpointBody({
    number: int('number'), createdAt: str('createdAt'), algorithm: v.algorithm, firstSeq: int('firstSeq'), lastSeq: int('lastSeq'), events: int('events'),
    root: str('root'), prevHash: str('prevHash'), legacy: legacy ?? null, keyId: v.keyId === null ? null : str('keyId'),
  });
  return { ...body, hash: str('hash'), signature: v.signature === null ? null : str('signature') };
}
