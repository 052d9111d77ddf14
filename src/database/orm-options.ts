import { Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppConfig } from '../config/env.schema';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One set of entities and migrations; the driver follows DATABASE_URL. */
export function ormOptions(config: AppConfig): Options {
  const common: Options = {
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, tableName: 'mikro_orm_migrations', silent: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: false },
    debug: false,
  };
  if (config.database.driver === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: config.database.url, pool: { min: 0, max: 10 } };
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
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  } as Options;
}
