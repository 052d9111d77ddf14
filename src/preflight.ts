import { AppConfig } from './config/env.schema';
import { openDatabase } from './database/open-database';
import { probeRedis } from './queue/redis-connection';

/** Before Nest starts: Redis answers, the database answers and is migrated. Throws one clear error otherwise. */
export async function preflight(config: AppConfig): Promise<void> {
  await probeRedis(config.redis.url);
  const orm = await openDatabase(config);
  await orm.close();
}
