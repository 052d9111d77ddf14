import { EntityMetadata, Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadKeyRing } from '../auth/secrets/load-key-ring';
import { secretsExtension } from '../auth/secrets/sealed-types';
import { AppConfig } from '../config/env.schema';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-timeouts';

/** One set of entities and migrations; the driver follows DATABASE_URL. */
export function ormOptions(config: AppConfig): Options {
  const common: Options = {
    entities: ENTITIES,
    // The key ring seals webhook secrets in their columns (sealed-types.ts) and in the migration that sealed the old ones.
    extensions: [Migrator, secretsExtension(loadKeyRing(config.secrets))],
    // No schema snapshot after migrating: migrations are hand-written, and reading SQLite's FTS5 tables (untyped columns) would throw.
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, tableName: 'mikro_orm_migrations', silent: true, snapshot: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: false, onMetadata: compareDatetimesAsDates },
    debug: false,
  };
  if (config.database.driver === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: config.database.url,
      pool: { min: 0, max: 10 },
      // A lock wait that outlasts these is a lost race (55P03), retried by inTransaction, not a request that hangs;
      // a transaction left idle by a stuck process is ended so it cannot hold an item's lock for good.
      driverOptions: { connection: { options: `-c lock_timeout=${PG_LOCK_TIMEOUT_MS} -c idle_in_transaction_session_timeout=${PG_IDLE_IN_TRANSACTION_MS}` } },
    };
  }
  const file = resolve(config.database.sqlitePath ?? './data/clearance.sqlite');
  mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName: file,
    // WAL lets the api and worker processes read while one writes; busy_timeout waits out the writer.
    pool: {
      afterCreate: (conn: { pragma: (s: string) => void }, done: (err: Error | null, conn: unknown) => void) => {
        conn.pragma('journal_mode = WAL');
        // In WAL mode NORMAL still survives a process crash; only a power cut may lose the last commits.
        conn.pragma('synchronous = NORMAL');
        // Applies to a write transaction's first statement, which takes the write lock (see inTransaction).
        conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  } as Options;
}

const PG_LOCK_TIMEOUT_MS = 10_000;
const PG_IDLE_IN_TRANSACTION_MS = 60_000;

/**
 * `type: 'datetime'` (as the entities spell it) gets no Date comparator: on SQLite, where dates are stored as
 * epoch milliseconds, every loaded Date then differs from its snapshot and each flush rewrote every loaded row
 * (and bumped the item's version). MikroORM maps its own `t.datetime` to `Date` the same way.
 */
function compareDatetimesAsDates(meta: EntityMetadata): void {
  for (const prop of Object.values(meta.properties)) {
    if (prop.type === 'datetime') prop.type = 'Date';
  }
}
