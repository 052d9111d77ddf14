import { MikroORM } from '@mikro-orm/core';
import { AppConfig } from '../config/env.schema';

export interface CliContext {
  orm: MikroORM;
  config: AppConfig;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Standard input, read by --password-stdin and --secret-stdin. */
  input?: NodeJS.ReadableStream;
  /** Asks for a secret at the terminal without echoing it; absent without a terminal. */
  prompt?: (question: string) => Promise<string>;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Returns the exit code. Throws UsageError for bad arguments (exit 2). */
  run(argv: string[], ctx: CliContext): Promise<number>;
}
