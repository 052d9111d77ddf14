import { EntityRepository } from '@mikro-orm/core';
import type { AuditEvent } from './audit-event.entity';

export class AuditEventRepository extends EntityRepository<AuditEvent> {
  /** Every event of the item, the events from before per-item chains included, in the order they were written. */
  itemHistory(itemId: string): Promise<AuditEvent[]> {
    return this.find({ itemId }, { orderBy: { seq: 'asc' } });
  }

  /** Chains in name order and each chain's events in place order, `limit` at a time after (chain, position). */
  inChainOrder(after: { chain: string; position: number } | undefined, limit: number): Promise<AuditEvent[]> {
    const where = after ? { $or: [{ chain: { $gt: after.chain } }, { chain: after.chain, position: { $gt: after.position } }] } : {};
    return this.find(where, { orderBy: { chain: 'asc', position: 'asc' }, limit, disableIdentityMap: true });
  }

  /** (seq, hash) of the events with afterSeq < seq <= toSeq, in seq order, `limit` at a time. */
  async leaves(afterSeq: number, toSeq: number, limit: number): Promise<Array<{ seq: number; hash: string }>> {
    const events = await this.find({ seq: { $gt: afterSeq, $lte: toSeq } }, { fields: ['seq', 'hash'], orderBy: { seq: 'asc' }, limit, disableIdentityMap: true });
    return events.map((e) => ({ seq: e.seq, hash: e.hash }));
  }

  async lastSeq(): Promise<number> {
    const [last] = await this.find({}, { fields: ['seq'], orderBy: { seq: 'desc' }, limit: 1, disableIdentityMap: true });
    return last?.seq ?? 0;
  }
}
