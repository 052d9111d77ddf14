import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Level, Role } from '@clearance/workflow';
import { User } from '../auth/entities/user.entity';
import { Decision } from '../items/entities/decision.entity';
import { UnitRobot } from './entities/unit-robot.entity';
import type { NotificationAudience } from './notification-request';

export interface Recipients {
  /** Active users of the unit the audience names who have a mail address. */
  mail: Array<{ userId: string; email: string }>;
  /** Of those the audience names, how many have no address (told in the log, not an error). */
  withoutAddress: number;
  /** The unit's active robots; a message to named people (userIds) goes to them alone, not to the group. */
  robots: string[];
}

const rolesOf = (audience: NotificationAudience): Role[] | null => {
  if ('level' in audience) return [audience.level];
  if ('levels' in audience) return audience.levels;
  if ('role' in audience) return [audience.role];
  return null;
};

/** Who an audience is, inside the notification's unit only: never a user or robot of another unit. */
@Injectable()
export class NotificationRecipients {
  async of(em: EntityManager, unitId: string, audience: NotificationAudience, itemId: string | null): Promise<Recipients> {
    const roles = rolesOf(audience);
    const users = await em.find(User, roles ? { unit: unitId, active: true } : { unit: unitId, active: true, id: { $in: (audience as { userIds: string[] }).userIds } });
    let named = roles ? users.filter((u) => u.roles.some((r) => roles.includes(r))) : users;
    if (itemId && 'level' in audience) named = named.filter(await this.mayActAt(em, itemId, audience.level));
    const robots = roles ? await em.find(UnitRobot, { unit: unitId, active: true }, { fields: ['id'], orderBy: { createdAt: 'asc' } }) : [];
    const mail = named.filter((u) => u.email).map((u) => ({ userId: u.id, email: u.email! }));
    return { mail, withoutAddress: named.length - mail.length, robots: robots.map((r) => r.id) };
  }

  /** Separation of duties: whoever decided the item at another level cannot act at this one, so is not asked to. */
  private async mayActAt(em: EntityManager, itemId: string, level: Level): Promise<(user: User) => boolean> {
    const decisions = await em.find(Decision, { item: itemId, level: { $ne: level } }, { fields: ['user'] });
    const excluded = new Set(decisions.map((d) => d.user.id));
    return (user) => !excluded.has(user.id);
  }
}
