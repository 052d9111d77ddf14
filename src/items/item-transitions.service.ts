import { Injectable } from '@nestjs/common';
import { assertTransition, ItemState } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { Tx } from '../database/transaction';
import { ItemNotices } from '../notifications/item-notices';
import { Item } from './entities/item.entity';

export interface TransitionEvent {
  tx: Tx;
  item: Item;
  from: ItemState;
  to: ItemState;
  actor: string;
  data: Record<string, unknown>;
}

/** Runs inside the transaction of the change; may write more rows or move the item further. */
export type TransitionHook = (event: TransitionEvent) => Promise<void>;

/**
 * The only way an item changes state: checks the transition table, writes the audit event in the
 * same transaction, then runs the hooks other modules registered for the state entered.
 */
@Injectable()
export class ItemTransitions {
  private readonly hooks = new Map<ItemState, TransitionHook[]>();

  constructor(private readonly audit: AuditService, private readonly notices: ItemNotices) {}

  onEnter(state: ItemState, hook: TransitionHook): void {
    this.hooks.set(state, [...(this.hooks.get(state) ?? []), hook]);
  }

  async move(tx: Tx, item: Item, to: ItemState, actor: string, data: Record<string, unknown> = {}): Promise<void> {
    const from = item.state;
    assertTransition(from, to);
    item.state = to;
    item.stateChangedAt = new Date();
    await this.audit.append(tx.em, { actor, action: 'item.state', itemId: item.id, fromState: from, toState: to, data: { revision: item.revision, ...data } });
    // Who must hear of it (mail, robots) goes to the outbox in this same transaction.
    await this.notices.itemMoved(tx, item, from, to, data);
    for (const hook of this.hooks.get(to) ?? []) await hook({ tx, item, from, to, actor, data });
  }
}
