import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Role } from '@clearance/workflow';
import { rawDate, rawJson, sql } from '../database/raw-sql';
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

interface RecipientRow {
  kind: 'user' | 'robot' | 'decided';
  id: string;
  email: string | null;
  roles: unknown;
  created_at: unknown;
}

/**
 * Who an audience is, inside the notification's unit only: never a user or robot of another unit. One statement
 * for the unit's active users, its robots and (separation of duties) who decided the item at another level:
 * every item's move to a level is expanded here.
 */
@Injectable()
export class NotificationRecipients {
  async of(em: EntityManager, unitId: string, audience: NotificationAudience, itemId: string | null): Promise<Recipients> {
    const roles = rolesOf(audience);
    const userIds = roles ? [] : (audience as { userIds: string[] }).userIds;
    if (!roles && userIds.length === 0) return { mail: [], withoutAddress: 0, robots: [] };
    const parts = [
      `select 'user' as kind, id, email, roles, null as created_at from users where unit_id = ? and active = true${roles ? '' : ` and id in (${userIds.map(() => '?').join(', ')})`}`,
    ];
    const params: unknown[] = [unitId, ...userIds];
    if (roles) {
      parts.push(`select 'robot', id, null, null, created_at from unit_robots where unit_id = ? and active = true`);
      params.push(unitId);
    }
    // Whoever decided the item at another level cannot act at this one, so is not asked to.
    const level = itemId && 'level' in audience ? audience.level : null;
    if (level) {
      parts.push(`select 'decided', user_id, null, null, null from decisions where item_id = ? and level <> ?`);
      params.push(itemId, level);
    }
    const rows = await sql<RecipientRow>(em, parts.join(' union all '), params);
    const excluded = new Set(rows.filter((r) => r.kind === 'decided').map((r) => r.id));
    const named = rows
      .filter((r) => r.kind === 'user' && !excluded.has(r.id))
      .filter((r) => !roles || rawJson<Role[]>(r.roles).some((role) => roles.includes(role)));
    const mail = named.filter((u) => u.email).map((u) => ({ userId: u.id, email: u.email! }));
    const robots = rows
      .filter((r) => r.kind === 'robot')
      .map((r) => ({ id: r.id, at: rawDate(r.created_at).getTime() }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    return { mail, withoutAddress: named.length - mail.length, robots: robots.map((r) => r.id) };
  }
}
