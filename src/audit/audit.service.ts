import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { AuditEvent } from './audit-event.entity';
import { AuditAlgorithm } from './audit-hash';
import { ChainHead, chainRows, ChainRows, FirstEvent, firstEventRows, FirstEventRows, markForSealing } from './audit-seal';
import type { ItemRecord } from './item-records';
import { revisionRecord } from './item-records';

export interface AuditInput {
  actor: string;
  action: string;
  itemId?: string;
  fromState?: string;
  toState?: string;
  data?: Record<string, unknown>;
}

/** An item's events form its own chain; any other event belongs to the chain of its area, named by its action's prefix. */
export function chainOf(input: Pick<AuditInput, 'itemId' | 'action'>): string {
  return input.itemId ? `item:${input.itemId}` : `scope:${input.action.split('.')[0]}`;
}

@Injectable()
export class AuditService {
  private readonly algorithm: AuditAlgorithm;

  // CLI commands construct it without Nest; they pass the config so AUDIT_HASH applies there too.
  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    this.algorithm = config?.audit.hash ?? 'sha256';
  }

  /**
   * Appends inside the caller's transaction: the event commits or rolls back with the change it records.
   * It is linked into its chain when the transaction flushes (see audit-seal.ts), locking that chain alone.
   */
  async append(em: EntityManager, input: AuditInput): Promise<AuditEvent> {
    if (!em.isInTransaction()) throw new Error('audit events are written inside the transaction of the change they record');
    const event = em.create(AuditEvent, {
      at: new Date(),
      actor: input.actor,
      action: input.action,
      itemId: input.itemId,
      fromState: input.fromState,
      toState: input.toState,
      data: input.data ?? {},
      chain: chainOf(input),
      algorithm: this.algorithm,
    });
    markForSealing(event, this.algorithm);
    em.persist(event);
    return event;
  }

  /**
   * The rows of the first event of a new item whose own rows are written with plain inserts (the intake's path,
   * items/new-item.ts), to be written in the same transaction or statement: they start the item's chain and
   * cover its first revision, exactly as `append` would at a flush.
   */
  firstEventOfItem(input: AuditInput & { itemId: string; at: Date }, revision: { contentHash: string; attachmentCount: number }): FirstEventRows {
    return firstEventRows(this.algorithm, itemEvent(input), [revisionRecord(1, revision.contentHash, revision.attachmentCount)]);
  }

  /**
   * Events of one item appended after its chain's head, read and locked by the caller with the item, for a write
   * path of plain statements (the scan's verdict, scan/scan-verdict.ts): sealed as `append` would seal them at a
   * flush, the first covering whatever of `records` (the item's stored rows) no earlier event covered.
   */
  itemEventsAfter(head: ChainHead, inputs: Array<AuditInput & { itemId: string; at: Date }>, records: ItemRecord[]): ChainRows {
    return chainRows(this.algorithm, head, inputs.map(itemEvent), records);
  }

  itemHistory(em: EntityManager, itemId: string): Promise<AuditEvent[]> {
    return em.getRepository(AuditEvent).itemHistory(itemId);
  }
}

/** An item's event as the plain-statement paths seal it (audit-seal.ts chainRows). */
function itemEvent(input: AuditInput & { itemId: string; at: Date }): FirstEvent {
  return { at: input.at, actor: input.actor, action: input.action, itemId: input.itemId, fromState: input.fromState, toState: input.toState, data: input.data ?? {}, chain: chainOf(input) };
}
