import { EntityManager, OptimisticLockError } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { inTransaction, Tx } from '../database/transaction';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { ItemTransitions } from '../items/item-transitions.service';
import { DeliveryJobs } from './delivery-jobs';
import { FAILURE_EVENTS, failurePayload, recallPayload, webhookIdOf } from './delivery-payloads';
import { DeliveryRequests } from './delivery-requests';
import { FailedDeliveries } from './failed-deliveries.service';
import { Delivery } from './entities/delivery.entity';
import { DeliveryAttempt } from './entities/delivery-attempt.entity';
import { judgeAttempt, retryDelayMs, SendResult } from './retry-policy';
import { OutboundTrust } from './outbound/outbound-policy';
import { WebhookSender } from './webhook-sender';

/** Runs of the transaction that records a channel's answer; a lost race costs a few ms, a resend a duplicate. */
const RECORD_ATTEMPTS = 10;

/** What one run of a delivery job came to; `retryAt` tells the processor when to run it again. */
export type AttemptOutcome =
  | { outcome: 'delivered' | 'failed' | 'cancelled' | 'skipped' }
  | { outcome: 'retry' | 'not_due'; retryAt: Date };

type Prepared =
  | { done: AttemptOutcome }
  | { send: { url: string; body: string; secrets: string[]; outbound: OutboundTrust; attemptId: string; webhookId: string } };

/**
 * Sends one delivery once per call: records the attempt, re-checks the item, sends, records the
 * outcome, and moves the item to published when its last channel accepts. Safe to run again for
 * the same row at any point: the row says what is still owed, and the webhook-id never changes.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly requests: DeliveryRequests,
    private readonly sender: WebhookSender,
    private readonly transitions: ItemTransitions,
    private readonly jobs: DeliveryJobs,
    private readonly audit: AuditService,
    private readonly failed: FailedDeliveries,
  ) {}

  async attempt(deliveryId: string): Promise<AttemptOutcome> {
    const prepared = await this.prepare(deliveryId);
    if ('done' in prepared) return prepared.done;
    const { attemptId, webhookId, ...request } = prepared.send;
    const result = await this.sender.send({ ...request, id: webhookId });
    return this.record(deliveryId, attemptId, result);
  }

  /** Claims the next attempt before sending, so a crash mid-request still counts and waits out its backoff. */
  private prepare(deliveryId: string): Promise<Prepared> {
    return inTransaction(this.em, async (tx) => {
      const { em } = tx;
      const delivery = await em.getRepository(Delivery).lockWithItem(deliveryId, ['item.unit', 'item.client']);
      if (!delivery || delivery.status !== 'pending') return { done: { outcome: 'skipped' } };
      const now = new Date();
      if (delivery.nextAttemptAt && delivery.nextAttemptAt > now) return { done: { outcome: 'not_due', retryAt: delivery.nextAttemptAt } };
      const request = await this.requests.build(em, delivery);
      if (request.kind === 'cancel') {
        Object.assign(delivery, { status: 'cancelled', lastError: request.reason, nextAttemptAt: null });
        // Still publishing this revision: nothing else would ever move the item, so it must not be left there.
        if (delivery.kind === 'release' && delivery.item.state === 'publishing' && delivery.item.revision === delivery.revision) {
          await this.endCancelledRelease(tx, delivery, request.reason);
        }
        return { done: { outcome: 'cancelled' } };
      }
      delivery.attemptCount += 1;
      const attempt = em.create(DeliveryAttempt, { delivery, number: delivery.attemptCount, at: now });
      if (request.kind === 'fail') {
        Object.assign(attempt, { error: request.reason, durationMs: 0 });
        Object.assign(delivery, { lastError: request.reason, lastStatusCode: null });
        return { done: { outcome: (await this.fail(tx, delivery, delivery.item)) ? 'failed' : 'skipped' } };
      }
      delivery.nextAttemptAt = new Date(now.getTime() + retryDelayMs(delivery.attemptCount, this.config.publishing.backoffMs, { statusCode: null, durationMs: 0, error: null }));
      return { send: { url: request.url, body: request.body, secrets: request.secrets, outbound: request.outbound, attemptId: attempt.id, webhookId: webhookIdOf(delivery) } };
    });
  }

  /**
   * Retried for longer than other transactions, and on its own: the channel has answered, and running the whole
   * attempt again after a 200 would send the same webhook-id twice.
   */
  private record(deliveryId: string, attemptId: string, result: SendResult): Promise<AttemptOutcome> {
    return inTransaction(this.em, async (tx) => {
      const { em } = tx;
      // The item locked first, so two channels accepting at once cannot both miss that they were the last.
      const delivery = await em.getRepository(Delivery).lockWithItem(deliveryId, ['item.unit']);
      if (!delivery) throw new Error(`delivery ${deliveryId} was not found`);
      const item = delivery.item;
      const attempt = await em.findOneOrFail(DeliveryAttempt, { id: attemptId });
      Object.assign(attempt, { statusCode: result.statusCode, durationMs: result.durationMs, error: result.error });
      Object.assign(delivery, { lastStatusCode: result.statusCode, lastError: result.error });
      const verdict = judgeAttempt(result);

      if (verdict === 'delivered') {
        // The receiver has it whatever happened meanwhile (a withdraw or recall): the row must say so.
        Object.assign(delivery, { status: 'delivered', deliveredAt: new Date(), nextAttemptAt: null });
        if (delivery.kind === 'release') await this.afterReleaseAccepted(tx, item, delivery);
        return { outcome: 'delivered' };
      }
      if (delivery.status !== 'pending') return { outcome: 'cancelled' };
      if (verdict === 'retry' && delivery.attemptCount < this.config.publishing.maxAttempts) {
        const retryAt = new Date(Date.now() + retryDelayMs(delivery.attemptCount, this.config.publishing.backoffMs, result));
        delivery.nextAttemptAt = retryAt;
        return { outcome: 'retry', retryAt };
      }
      return { outcome: (await this.fail(tx, delivery, item)) ? 'failed' : 'cancelled' };
    }, { attempts: RECORD_ATTEMPTS, retryOn: (e) => e instanceof OptimisticLockError });
  }

  /**
   * pending → failed, claimed by a conditional update so that only one transaction makes it however
   * often the outcome is recorded; that one writes the audit event and tells the CMS. False when
   * the row had already left pending (cancelled by a recall or withdraw, or failed by another run).
   */
  private async fail(tx: Tx, delivery: Delivery, item: Item): Promise<boolean> {
    const claimed = await tx.em.nativeUpdate(Delivery, { id: delivery.id, status: 'pending' }, { status: 'failed', nextAttemptAt: null });
    if (claimed === 0) return false;
    Object.assign(delivery, { status: 'failed', nextAttemptAt: null });
    this.logger.warn(`delivery ${delivery.id} (${delivery.kind} ${delivery.channel ?? 'callback'}) failed after ${delivery.attemptCount} attempt(s): ${delivery.lastError}`);
    const event = FAILURE_EVENTS[delivery.kind];
    if (!event) return true;
    const { id: deliveryId, kind, channel, revision, attemptCount: attempts, lastStatusCode, lastError } = delivery;
    await this.audit.append(tx.em, { actor: 'system', action: 'delivery.failed', itemId: item.id, data: { deliveryId, kind, channel, revision, attempts, lastStatusCode, lastError } });
    await this.failed.onFailed(tx, delivery, item);
    this.callback(tx, item, failurePayload(event, item, delivery));
    return true;
  }

  /**
   * A release the re-check refused while its item is still publishing that revision (what is stored is no longer
   * what the chief approved): the item is recalled by the system, so what is pending is dropped, any channel that
   * already took the revision is told to take it down, and the CMS hears item.release_cancelled with the reason;
   * the CMS can then send a new revision, which is reviewed from the start. In the transaction of the cancel, under
   * the item's lock, so a crash cannot leave the release cancelled and the item still publishing.
   */
  private async endCancelledRelease(tx: Tx, delivery: Delivery, reason: string): Promise<void> {
    const item = delivery.item;
    const comment = `the release was cancelled: ${reason.replace(/^not sent: /, '')}`;
    await this.transitions.move(tx, item, 'recalled', 'system', { comment, cancelledDelivery: delivery.id, channel: delivery.channel ?? null });
    this.callback(tx, item, {
      event: 'item.release_cancelled', itemId: item.id, externalId: item.externalId, revision: delivery.revision, state: item.state,
      channel: delivery.channel ?? null, deliveryId: delivery.id, reason: comment,
    });
    this.logger.warn(`item ${item.id} revision ${delivery.revision}: ${comment}; the item is recalled and its CMS told`);
  }

  /** A signed event to the item's CMS, created in the caller's transaction and enqueued after it commits; none without a callbackUrl. */
  callback(tx: Tx, item: Item, payload: { event: string } & Record<string, unknown>): Delivery | null {
    if (!item.callbackUrl) return null;
    const delivery = tx.em.create(Delivery, { item, kind: 'callback', channel: null, revision: item.revision, event: payload.event, url: item.callbackUrl, payload });
    tx.afterCommit(() => this.jobs.ensure(delivery));
    return delivery;
  }

  private async afterReleaseAccepted(tx: Tx, item: Item, release: Delivery): Promise<void> {
    const { em } = tx;
    if (item.state === 'publishing' && item.revision === release.revision) {
      const releases = await em.getRepository(Delivery).releasesOf(item.id, release.revision);
      if (releases.every((d) => d.status === 'delivered')) {
        await this.transitions.move(tx, item, 'published', 'system', { channels: releases.map((d) => d.channel) });
      }
      return;
    }
    // Accepted after the item was recalled or withdrawn mid-request: that channel must take it down again.
    if ((item.state === 'recalled' || item.state === 'withdrawn') && item.revision === release.revision) {
      const recall = await this.ensureRecall(em, item, release, `the item was ${item.state} while this release was in flight`);
      if (recall) tx.afterCommit(() => this.jobs.ensure(recall));
    }
  }

  /** A recall for a release that reached its channel, naming the attachments released with it; null when one exists already. */
  async ensureRecall(em: EntityManager, item: Item, release: Delivery, reason: string | null): Promise<Delivery | null> {
    if (await em.findOne(Delivery, { item, kind: 'recall', channel: release.channel, revision: release.revision })) return null;
    const revision = await em.findOneOrFail(Revision, { item, number: release.revision });
    const attachments = await em.getRepository(RevisionAttachment).forRevision(revision.id);
    return em.create(Delivery, {
      item, kind: 'recall', channel: release.channel, revision: release.revision, event: 'item.recalled', contentHash: release.contentHash,
      payload: recallPayload(item, release, attachments, reason, new Date()),
    });
  }
}
