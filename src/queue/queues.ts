/**
 * The one list of queues and job names. Job ids derive from the item, so duplicates collapse:
 * scan-<item>-r<rev>, pub-<item>-<channel>-r<rev>, recall-<item>-<channel>-r<rev>, notify-<delivery>.
 */
export const QUEUES = {
  scan: 'scan',
  /** Scans of revisions with attachments: extraction (and OCR) is slow, so it never holds up plain items on `scan`. */
  extract: 'extract',
  publish: 'publish',
  notify: 'notify',
  /** Reminders and escalations of review deadlines, delayed to the moment each is due. */
  deadline: 'deadline',
  /** People's notifications (mail, group robots) from the outbox, and the daily and weekly digests. */
  notice: 'notice',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Scans one revision; the same job on `scan` (text only) and on `extract` (with attachments). */
export interface ScanJob {
  name: 'scan-revision';
  data: { itemId: string; revision: number };
}
/** Sends one release or recall delivery to its channel (one attempt; retries are the same job, delayed). */
export interface PublishJob {
  name: 'deliver';
  data: { deliveryId: string };
}
/** Sends one callback delivery to the CMS. */
export interface NotifyJob {
  name: 'callback';
  data: { deliveryId: string };
}

export const scanJobId = (itemId: string, revision: number): string => `scan-${itemId}-r${revision}`;
export const publishJobId = (itemId: string, channel: string, revision: number): string => `pub-${itemId}-${channel}-r${revision}`;
export const recallJobId = (itemId: string, channel: string, revision: number): string => `recall-${itemId}-${channel}-r${revision}`;
export const notifyJobId = (deliveryId: string): string => `notify-${deliveryId}`;
/** Writes the reminder or escalation of one review deadline that has come due (a notification only, never a decision). */
export interface DeadlineJob {
  name: 'deadline-due';
  data: { deadlineId: string };
}
export const deadlineJobId = (deadlineId: string, stage: 'remind' | 'due'): string => `deadline-${deadlineId}-${stage}`;
/** Notifications: send one message, or write a period's digests; `expand` jobs were queued by earlier versions (rows are now expanded by the reconciler). */
export type NoticeJob =
  | { name: 'expand'; data: { notificationId: string } }
  | { name: 'send'; data: { messageId: string } }
  | { name: 'digest'; data: { period: 'daily' | 'weekly' } };
export const noticeSendJobId = (messageId: string): string => `notice-msg-${messageId}`;
