import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { COMMANDS } from './cli/commands';
import { UsageError } from './cli/cli-args';
import { CliCommand } from './cli/cli-command';
import { hiddenPrompt } from './cli/secret-input';
import { AppConfig, ConfigError, loadConfig } from './config/env.schema';
import { DatabaseUnavailableError, openDatabase } from './database/open-database';
import { redactSql } from './logging/app-logger';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Standard input, for --password-stdin and --secret-stdin. */
  input?: NodeJS.ReadableStream;
  /** A prompt that does not echo, when there is a terminal. */
  prompt?: (question: string) => Promise<string>;
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
      io.err(`clearance: ${redactSql(error.message)}`);
      return 3;
    }
    throw error;
  } finally {
    await orm?.close();
  }
}

if (require.main === module) {
  const terminal = process.stdin.isTTY && process.stderr.isTTY;
  const io: CliIo = {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    input: process.stdin,
    ...(terminal ? { prompt: (question: string) => hiddenPrompt(process.stdin, process.stderr, question) } : {}),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (error: Error) => {
      // A failing query's message carries its values inline (usernames, secrets): never onto the terminal or into CI logs.
      process.stderr.write(`clearance: ${redactSql(error.stack ?? error.message)}\n`);
      process.exit(1);
    },
  );
}
