import { MikroORM } from '@mikro-orm/core';
import { AppConfig } from '../config/env.schema';

export interface CliContext {
  orm: MikroORM;
  config: AppConfig;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Returns the exit code. Throws UsageError for bad arguments (exit 2). */
  run(argv: string[], ctx: CliContext): Promise<number>;
}
