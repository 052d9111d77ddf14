import { webhookIdOf } from './delivery-payloads';
import type { Delivery, DeliveryKind, DeliveryStatus } from './entities/delivery.entity';
import type { DeliveryAttempt } from './entities/delivery-attempt.entity';

/** Where a delivery stands: shared by the item's summary and the full record. */
interface DeliveryOutcome {
  revision: number;
  status: DeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** One channel's release or recall inside GET /items/:id: its last outcome only. */
export interface DeliverySummary extends DeliveryOutcome {
  channel: string;
  kind: Exclude<DeliveryKind, 'callback'>;
}

/** One delivery with every attempt, as GET /items/:id/deliveries and redeliver answer. */
export interface DeliveryView extends DeliveryOutcome {
  id: string;
  webhookId: string;
  kind: DeliveryKind;
  channel: string | null;
  event: string;
  nextAttemptAt: Date | null;
  createdAt: Date;
  attempts: Array<{ at: Date; statusCode: number | null; durationMs: number | null; error: string | null }>;
}

function outcomeOf(d: Delivery): DeliveryOutcome {
  return {
    revision: d.revision,
    status: d.status,
    attemptCount: d.attemptCount,
    lastStatusCode: d.lastStatusCode ?? null,
    lastError: d.lastError ?? null,
    deliveredAt: d.deliveredAt ?? null,
  };
}

/** For a release or recall row (callbacks have no channel and are not summarised). */
export function deliverySummary(d: Delivery): DeliverySummary {
  return { channel: d.channel!, kind: d.kind as DeliverySummary['kind'], ...outcomeOf(d) };
}

export function deliveryView(d: Delivery, attempts: DeliveryAttempt[]): DeliveryView {
  return {
    id: d.id,
    webhookId: webhookIdOf(d),
    kind: d.kind,
    channel: d.channel ?? null,
    event: d.event,
    ...outcomeOf(d),
    nextAttemptAt: d.nextAttemptAt ?? null,
    createdAt: d.createdAt,
    attempts: attempts.map((a) => ({ at: a.at, statusCode: a.statusCode ?? null, durationMs: a.durationMs ?? null, error: a.error ?? null })),
  };
}
