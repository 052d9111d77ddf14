import { EntityManager, LockMode } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from './audit-event.entity';
import { AuditHead } from './audit-head.entity';
import { auditHash, GENESIS_HASH } from './audit-hash';

export interface AuditInput {
  actor: string;
  action: string;
  itemId?: string;
  fromState?: string;
  toState?: string;
  data?: Record<string, unknown>;
}

export type AuditVerification = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; reason: string };

@Injectable()
export class AuditService {
  /**
   * Appends inside the caller's transaction: the head row is locked, so the chain grows one
   * event at a time and the event commits or rolls back with the state change it records.
   */
  async append(em: EntityManager, input: AuditInput): Promise<AuditEvent> {
    if (!em.isInTransaction()) throw new Error('audit events are written inside the transaction of the change they record');
    const head = await em.findOneOrFail(AuditHead, { id: 1 }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const seq = head.count + 1;
    const at = new Date();
    const data = input.data ?? {};
    const hash = auditHash(head.lastHash, { seq, at, ...input, data });
    const event = em.create(AuditEvent, { seq, at, actor: input.actor, action: input.action, itemId: input.itemId, fromState: input.fromState, toState: input.toState, data, prevHash: head.lastHash, hash });
    head.lastHash = hash;
    head.count = seq;
    em.persist(event);
    return event;
  }

  /** Recomputes the whole chain in order; names the first event whose link does not hold. */
  async verify(em: EntityManager, batchSize = 1000): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (;;) {
      const batch = await em.find(AuditEvent, { seq: { $gte: expectedSeq } }, { orderBy: { seq: 'asc' }, limit: batchSize, disableIdentityMap: true });
      for (const event of batch) {
        if (event.seq !== expectedSeq) return { ok: false, count: expectedSeq - 1, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing` };
        if (event.prevHash !== prevHash) return { ok: false, count: expectedSeq - 1, brokenAt: event.seq, reason: `event ${event.seq} does not link to the event before it` };
        if (auditHash(prevHash, event) !== event.hash) return { ok: false, count: expectedSeq - 1, brokenAt: event.seq, reason: `event ${event.seq} was altered (its hash does not match its content)` };
        prevHash = event.hash;
        expectedSeq += 1;
      }
      if (batch.length < batchSize) break;
    }
    const head = await em.findOneOrFail(AuditHead, { id: 1 }, { disableIdentityMap: true });
    const count = expectedSeq - 1;
    if (head.count !== count || head.lastHash !== prevHash) {
      return { ok: false, count, brokenAt: count + 1, reason: `the chain head records ${head.count} events but ${count} remain: events were deleted from the end` };
    }
    return { ok: true, count };
  }

  itemHistory(em: EntityManager, itemId: string): Promise<AuditEvent[]> {
    return em.find(AuditEvent, { itemId }, { orderBy: { seq: 'asc' } });
  }
}
