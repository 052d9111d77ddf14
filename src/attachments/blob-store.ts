import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Blob } from './entities/blob.entity';

/** Where attachment bytes live, addressed by their SHA-256; every call runs in the caller's EntityManager (and transaction). */
export interface BlobStore {
  /** Stores the bytes unless they are there already; returns their SHA-256 (lowercase hex). */
  put(em: EntityManager, bytes: Uint8Array): Promise<string>;
  /** The bytes with that SHA-256, or null when none are stored. */
  get(em: EntityManager, sha256: string): Promise<Buffer | null>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The default store: a row per distinct content in the `blobs` table of the service's own database. */
@Injectable()
export class DatabaseBlobStore implements BlobStore {
  async put(em: EntityManager, bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Of(bytes);
    const sql = em as unknown as SqlEntityManager;
    // Known content is not sent to the database again; two writers of new content race on the key, and the loser's insert does nothing.
    const known = await sql.createQueryBuilder(Blob).select('sha256').where({ sha256 }).execute('get');
    if (known) return sha256;
    await sql
      .createQueryBuilder(Blob)
      .insert({ sha256, size: bytes.byteLength, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), createdAt: new Date() })
      .onConflict('sha256')
      .ignore()
      .execute('run');
    return sha256;
  }

  async get(em: EntityManager, sha256: string): Promise<Buffer | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const row = await (em as unknown as SqlEntityManager).createQueryBuilder(Blob).select(['sha256', 'data']).where({ sha256 }).execute('get');
    if (!row) return null;
    const data = Buffer.isBuffer(row.data) ? row.data : Buffer.from((row.data as Uint8Array | null) ?? []);
    // Whatever is released or scanned must be the bytes the hash names; a damaged row is an error, not content.
    if (sha256Of(data) !== sha256) throw new Error(`blob ${sha256} is damaged: its bytes no longer have that SHA-256`);
    return data;
  }
}
