import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../config/env.schema';
import { ormOptions } from './orm-options';
import { isLostRace } from './lost-race';

export class DatabaseUnavailableError extends Error {}

function describe(config: AppConfig): string {
  if (config.database.driver === 'sqlite') return `SQLite file ${config.database.sqlitePath}`;
  return `PostgreSQL at ${config.database.url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1@')}`;
}

/** Connects, proves the connection with a query, and applies pending migrations. */
export async function openDatabase(config: AppConfig): Promise<MikroORM> {
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(ormOptions(config));
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot open the ${describe(config)}: ${(error as Error).message}`);
  }
  const check = await orm.checkConnection();
  if (!check.ok) {
    await orm.close(true).catch(() => undefined);
    const hint =
      config.database.driver === 'postgresql'
        ? 'is PostgreSQL running? start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
        : 'check that the directory is writable';
    throw new DatabaseUnavailableError(`cannot reach the ${describe(config)} (${check.reason}); ${hint}`);
  }
  await migrate(orm);
  return orm;
}

/**
 * Many processes may start at once (an api and a worker on one file, several api processes): on PostgreSQL an
 * advisory lock lets one migrate while the others wait. On SQLite a migration that lost the file to another
 * process (SQLITE_BUSY, or BUSY_SNAPSHOT once the other one has committed, or the migrations table created under
 * it) is rolled back whole; it is run again, reading afresh which migrations the other process has applied.
 */
export async function migrate(orm: MikroORM): Promise<void> {
  if (orm.config.get('driver') !== PostgreSqlDriver) {
    const giveUpAt = Date.now() + SQLITE_MIGRATION_WAIT_MS;
    for (;;) {
      try {
        await orm.getMigrator().up();
        return;
      } catch (error) {
        if (!lostMigrationRace(error) || Date.now() > giveUpAt) throw error;
        await sleep(50 + Math.random() * 200);
      }
    }
  }
  await orm.em.fork().transactional(async (em) => {
    // The connection's lock_timeout (orm-options.ts) is for the service's row locks; waiting out another process's migration may take longer.
    await em.getConnection().execute("set local lock_timeout = '5min'", [], 'run', em.getTransactionContext());
    await em.getConnection().execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK], 'run', em.getTransactionContext());
    await orm.getMigrator().up({ transaction: em.getTransactionContext() });
  });
}

const MIGRATION_LOCK = 0x636c7200; // "clr\0"
const SQLITE_MIGRATION_WAIT_MS = 5 * 60_000;

/** Busy or locked, or the migrations table created by another process between the migrator's check and its create. */
function lostMigrationRace(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return isLostRace(cause) || /table `?mikro_orm_migrations`? already exists/.test(String((cause as Error)?.message));
}

