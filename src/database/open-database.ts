import { MikroORM } from '@mikro-orm/core';
import { AppConfig } from '../config/env.schema';
import { ormOptions } from './orm-options';

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

export async function migrate(orm: MikroORM): Promise<void> {
  await orm.getMigrator().up();
}
