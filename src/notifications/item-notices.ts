import { Injectable } from '@nestjs/common';
import { ItemState, Level, LEVELS } from '@clearance/workflow';
import type { Tx } from '../database/transaction';
import type { Item } from '../items/entities/item.entity';
import { NotificationOutbox, NotificationRequest } from './notification-request';

const levelOfState = (state: ItemState): Level | null => {
  const level = state.startsWith('awaiting_') ? state.slice('awaiting_'.length) : null;
  return level && (LEVELS as readonly string[]).includes(level) ? (level as Level) : null;
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Which people an item's change of state concerns, written to the outbox in the transaction of the change:
 * the level it now waits for (awaiting), the level it came back to (returned: a new revision, back from the
 * secrecy office; or the fillers, when a later level rejected it), the secrecy administrators (referred, blocked).
 */
@Injectable()
export class ItemNotices {
  constructor(private readonly outbox: NotificationOutbox) {}

  async itemMoved(tx: Tx, item: Item, from: ItemState, to: ItemState, data: Record<string, unknown>): Promise<void> {
    const request = this.requestFor(item, from, to, data);
    if (request) await this.outbox.enqueue(tx.em, request);
  }

  /** The notification a move asks for, if any (a write path of plain statements writes it itself: scan/scan-verdict.ts). */
  requestFor(item: Pick<Item, 'id' | 'revision' | 'stateChangedAt'> & { unit: { id: string } }, from: ItemState, to: ItemState, data: Record<string, unknown>): NotificationRequest | null {
    const base = { itemId: item.id, unitId: item.unit.id };
    // Each move is its own event: a second referral of the same revision is told again. A retried transaction rolls its row back with it.
    const at = item.stateChangedAt.getTime();
    const revision = item.revision;
    const reason = text(data.comment);
    const level = levelOfState(to);
    if (level) {
      if (from === 'referred') {
        return { ...base, kind: 'returned', audience: { level }, dedupeKey: `returned:${item.id}:r${revision}:${level}:${at}`, detail: { level, revision, cause: 'secrecy_office', reason } };
      }
      if (level === 'filler' && revision > 1 && from === 'scanning') {
        return { ...base, kind: 'returned', audience: { level }, dedupeKey: `returned:${item.id}:r${revision}:${level}:${at}`, detail: { level, revision, cause: 'revised' } };
      }
      return { ...base, kind: 'awaiting', audience: { level }, dedupeKey: `awaiting:${item.id}:r${revision}:${level}:${at}`, detail: { level, revision } };
    }
    if (to === 'referred') {
      const referredAt = levelOfState(from) ?? undefined;
      return { ...base, kind: 'referred', audience: { role: 'admin' }, dedupeKey: `referred:${item.id}:r${revision}:${at}`, detail: { level: referredAt, revision, reason } };
    }
    if (to === 'blocked') {
      return { ...base, kind: 'blocked', audience: { role: 'admin' }, dedupeKey: `blocked:${item.id}:r${revision}:${at}`, detail: { revision } };
    }
    if (to === 'rejected' && (from === 'awaiting_leader' || from === 'awaiting_chief')) {
      return {
        ...base, kind: 'returned', audience: { level: 'filler' }, dedupeKey: `rejected:${item.id}:r${revision}:${at}`,
        detail: { level: 'filler', revision, cause: 'rejected', rejectedAt: levelOfState(from), reason },
      };
    }
    return null;
  }
}
