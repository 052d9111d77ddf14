import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from './user.entity';

export type SessionEndReason = 'logout' | 'password-changed' | 'password-reset' | 'deactivated';

/**
 * One sign-in. Its id is the token's `sid`: every token renewed from it carries it, so ending the row ends them
 * all at once. `expiresAt` is the cap (SESSION_MAX_SECONDS after sign-in) no renewal passes.
 */
@Entity({ tableName: 'user_sessions' })
@Index({ properties: ['user', 'endedAt'] })
export class UserSession {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  renewedAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date;

  @Property({ type: 'string', length: 32, nullable: true })
  endReason?: SessionEndReason;

  @Property({ type: 'string', length: 64, nullable: true })
  address?: string;
}
