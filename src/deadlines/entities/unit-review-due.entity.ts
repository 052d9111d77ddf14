import { Entity, OneToOne, Property, Opt } from '@mikro-orm/core';
import { Unit } from '../../auth/entities/unit.entity';

/** A unit's own time per level (`2wd`, `90m`…); a level left null takes REVIEW_DUE. Set with `unit:set-due`. */
@Entity({ tableName: 'unit_review_due' })
export class UnitReviewDue {
  @OneToOne(() => Unit, { primary: true, owner: true })
  unit!: Unit;

  @Property({ type: 'string', length: 16, nullable: true })
  filler?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  leader?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  chief?: string | null;

  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}
