import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/env.schema';
import { createHttpApp, createWorkerContext, listen } from './app.factory';
import { DatabaseUnavailableError } from './database/open-database';
import { AppLogger } from './logging/app-logger';
import { preflight } from './preflight';
import { RedisUnavailableError } from './queue/redis-connection';

const DRAIN_LIMIT_MS = 60_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`clearance: ${error.message}\n`);
    process.exit(78);
  }
  const logger = new AppLogger(config.log);
  try {
    await preflight(config);
  } catch (error) {
    if (error instanceof RedisUnavailableError || error instanceof DatabaseUnavailableError) {
      process.stderr.write(`clearance: ${error.message}\n`);
      process.exit(69);
    }
    throw error;
  }
  const app = config.role === 'worker' ? await createWorkerContext(config, logger) : await createHttpApp(config, logger);
  stopOnSignals(app, logger);
  if (config.role === 'worker') {
    logger.log(`worker started (queue prefix ${config.queue.prefix}, ${config.database.driver})`, 'main');
    return;
  }
  const where = await listen(app as Awaited<ReturnType<typeof createHttpApp>>, config);
  logger.log(`${config.role === 'all' ? 'api + worker' : 'api'} listening on ${where} (${config.database.driver})`, 'main');
}

/** SIGTERM/SIGINT: stop taking work, let jobs in flight finish, close connections, exit 0. A second signal exits at once. */
function stopOnSignals(app: INestApplicationContext, logger: AppLogger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.log(`${signal}: draining jobs in flight and closing connections`, 'main');
    // A drain that cannot finish (e.g. Redis gone for good) must not keep the process forever.
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${DRAIN_LIMIT_MS / 1000} s; exiting`, undefined, 'main');
      process.exit(1);
    }, DRAIN_LIMIT_MS).unref();
    app.close().then(
      () => {
        logger.log('stopped', 'main');
        process.exit(0);
      },
      (error: Error) => {
        logger.error(`shutdown failed: ${error.message}`, error.stack, 'main');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`clearance: failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
