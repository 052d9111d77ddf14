import { EntityManager } from '@mikro-orm/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ItemState } from '@clearance/workflow';
import { Tx } from '../database/transaction';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
import { Item } from '../items/entities/item.entity';
import { ItemTransitions, TransitionEvent } from '../items/item-transitions.service';
import { ItemsService } from '../items/items.service';
import { ChannelsService } from './channels.service';
import { DeliveryJobs } from './delivery-jobs';
import { callbackPayload } from './delivery-payloads';
import { DeliveryService } from './delivery.service';
import { Delivery } from './entities/delivery.entity';

/** States the CMS hears about at its callbackUrl. */
const CALLBACK_STATES: readonly ItemState[] = ['blocked', 'rejected', 'referred', 'published', 'recalled', 'withheld'];

/**
 * Wires publishing into the item's life, inside the transaction of each change: approval creates
 * the deliveries and moves the item to publishing; recall, withdraw and a new revision drop what
 * is still pending; the CMS gets a callback for the states it must know about.
 */
@Injectable()
export class PublishingHooks implements OnModuleInit {
  constructor(
    private readonly transitions: ItemTransitions,
    private readonly items: ItemsService,
    private readonly channels: ChannelsService,
    private readonly deliveries: DeliveryService,
    private readonly jobs: DeliveryJobs,
  ) {}

  onModuleInit(): void {
    this.items.useChannelCheck(this.channels);
    this.transitions.onEnter('approved', (e) => this.release(e));
    this.transitions.onEnter('recalled', (e) => this.recall(e));
    this.transitions.onEnter('withdrawn', (e) => this.dropPendingReleases(e.tx, e.item, 'cancelled: the CMS withdrew the item'));
    this.transitions.onEnter('submitted', (e) => this.dropPendingReleases(e.tx, e.item, 'cancelled: a new revision was submitted'));
    for (const state of CALLBACK_STATES) this.transitions.onEnter(state, (e) => this.callback(e));
  }

  private async release({ tx, item }: TransitionEvent): Promise<void> {
    const revision = await tx.em.findOneOrFail(Revision, { item, number: item.revision });
    const created = item.channels.map((channel) =>
      tx.em.create(Delivery, { item, kind: 'release', channel, revision: item.revision, event: 'item.released', contentHash: revision.contentHash }),
    );
    await this.transitions.move(tx, item, 'publishing', 'system', { channels: item.channels, contentHash: revision.contentHash });
    this.enqueueAfterCommit(tx, created);
  }

  /** 撤稿: every channel that accepted this revision gets item.recalled; releases not yet accepted are dropped. */
  private async recall({ tx, item, data }: TransitionEvent): Promise<void> {
    await this.dropPendingReleases(tx, item, 'cancelled: the item was recalled');
    const accepted = await tx.em.find(Delivery, { item, kind: 'release', revision: item.revision, status: 'delivered' }, { orderBy: { channel: 'asc' } });
    const reason = typeof data.comment === 'string' ? data.comment : null;
    const recalls: Delivery[] = [];
    for (const release of accepted) {
      const recall = await this.deliveries.ensureRecall(tx.em, item, release, reason);
      if (recall) recalls.push(recall);
    }
    this.enqueueAfterCommit(tx, recalls);
  }

  private async dropPendingReleases(tx: Tx, item: Item, reason: string): Promise<void> {
    const pending = await tx.em.find(Delivery, { item, kind: 'release', status: 'pending' });
    for (const delivery of pending) Object.assign(delivery, { status: 'cancelled', lastError: reason, nextAttemptAt: null });
    if (pending.length) tx.afterCommit(() => Promise.all(pending.map((d) => this.jobs.drop(d))));
  }

  private async callback({ tx, item, to, data }: TransitionEvent): Promise<void> {
    if (!item.callbackUrl) return;
    this.deliveries.callback(tx, item, callbackPayload(item, to, await this.reasons(tx.em, item, to, data)));
  }

  /** The written reason of a rejection, referral, recall or withholding (不予公开); for a block, what the scanner found. */
  private async reasons(em: EntityManager, item: Item, state: ItemState, data: Record<string, unknown>): Promise<string[] | undefined> {
    if (state === 'blocked') {
      const scan = await em.findOne(Scan, { revision: { item, number: item.revision } });
      return [...new Set((scan?.hits ?? []).filter((h) => h.severity === 'block').map((h) => h.reason))];
    }
    return typeof data.comment === 'string' && data.comment.trim() ? [data.comment.trim()] : undefined;
  }

  private enqueueAfterCommit(tx: Tx, deliveries: Delivery[]): void {
    if (deliveries.length) tx.afterCommit(() => Promise.all(deliveries.map((d) => this.jobs.ensure(d))));
  }
}
