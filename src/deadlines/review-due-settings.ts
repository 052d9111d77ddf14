import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { DueSpec, Level, parseDueSpec } from '@clearance/workflow';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { sql } from '../database/raw-sql';

/** How long a level has in a unit: the unit's own setting (unit:set-due), else REVIEW_DUE. */
@Injectable()
export class ReviewDueSettings {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async specFor(em: EntityManager, unitId: string, level: Level): Promise<DueSpec> {
    // A plain statement (the level is one of three column names): every item entering a level reads it.
    const [own] = await sql<Record<Level, string | null>>(em, 'select filler, leader, chief from unit_review_due where unit_id = ?', [unitId]);
    return this.specOf(own?.[level] ?? null, level);
  }

  /** The spec of a level from the unit's stored setting for it (null: none, REVIEW_DUE applies), read by the caller. */
  specOf(text: string | null, level: Level): DueSpec {
    // Stored only after parseDueSpec accepted it (the CLI), so a parse failure here means a hand-edited row.
    return text ? parseDueSpec(text, `unit_review_due.${level}`) : this.config.deadlines.reviewDue;
  }
}
