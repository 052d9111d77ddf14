import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { COMMANDS } from './cli/commands';
import { UsageError } from './cli/cli-args';
import { CliCommand } from './cli/cli-command';
import { AppConfig, ConfigError, loadConfig } from './config/env.schema';
import { DatabaseUnavailableError, openDatabase } from './database/open-database';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

function usage(commands: CliCommand[]): string {
  return ['usage: npm run -s cli -- <command> …', ...commands.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`)].join('\n');
}

/** Runs one operator command; the database is migrated before any command touches it. Returns the exit code. */
export async function runCli(argv: string[], io: CliIo, config?: AppConfig): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(name && name !== '--help' && name !== 'help' ? `unknown command: ${name}\n${usage(COMMANDS)}` : usage(COMMANDS));
    return 2;
  }
  let orm: MikroORM | undefined;
  try {
    config ??= loadConfig();
    orm = await openDatabase(config);
    return await command.run(rest, { orm, config, ...io });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${command.name}: ${error.message}\nusage: npm run -s cli -- ${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
      io.err(`clearance: ${error.message}`);
      return 3;
    }
    throw error;
  } finally {
    await orm?.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`clearance: ${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
