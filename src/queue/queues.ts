/**
 * The one list of queues and job names. Job ids derive from the item, so duplicates collapse:
 * scan-<item>-r<rev>, pub-<item>-<channel>-r<rev>.
 */
export const QUEUES = {
  scan: 'scan',
  publish: 'publish',
  notify: 'notify',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface ScanJob {
  name: 'scan-revision';
  data: { itemId: string; revision: number };
}
export interface MaintenanceJob {
  name: 'reconcile';
  data: Record<string, never>;
}

export type JobOf<Q extends QueueName> = Q extends 'scan' ? ScanJob : Q extends 'maintenance' ? MaintenanceJob : never;

export const scanJobId = (itemId: string, revision: number): string => `scan-${itemId}-r${revision}`;
