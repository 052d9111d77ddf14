import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per application (tests start several in one process), with every metric the service exports.
 * Counters and histograms of work are per process; gauges read at scrape (queues, items, deliveries) are shared state.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'clearance_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'clearance_job_duration_seconds',
    help: 'Run time of queue jobs in this process (queue scan: text scans; extract: scans with attachment extraction and OCR; publish/notify: one delivery attempt)',
    labelNames: ['queue', 'result'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'clearance_jobs_total',
    help: 'Queue jobs finished in this process, by queue and result (scan: awaiting_filler, blocked, skipped; deliveries: delivered, failed, cancelled, skipped; error: threw)',
    labelNames: ['queue', 'result'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({ name: 'clearance_queue_jobs', help: 'BullMQ jobs per queue and state, read from Redis at scrape', labelNames: ['queue', 'state'] as const, registers: [this.registry] });

  readonly itemsWaiting = new Gauge({
    name: 'clearance_items_waiting',
    help: 'Items waiting, read from the database at scrape: per review level (filler, leader, chief), blocked (for a secrecy administrator) and referred (with the secrecy office)',
    labelNames: ['level'] as const,
    registers: [this.registry],
  });

  readonly oldestWait = new Gauge({ name: 'clearance_items_oldest_wait_seconds', help: 'Age of the longest-waiting item per level, 0 when none waits', labelNames: ['level'] as const, registers: [this.registry] });

  readonly deliveries = new Gauge({ name: 'clearance_deliveries', help: 'Deliveries by kind (release, recall, callback) and status (pending, delivered, failed, cancelled), read from the database at scrape', labelNames: ['kind', 'status'] as const, registers: [this.registry] });

  readonly verdicts = new Counter({ name: 'clearance_scan_verdicts_total', help: 'Scans stored since this process started, by verdict, read from the database (so any api process counts every worker\'s scans)', labelNames: ['verdict'] as const, registers: [this.registry] });

  readonly hits = new Counter({ name: 'clearance_scan_hits_total', help: 'Hits of the scans counted in clearance_scan_verdicts_total, by category', labelNames: ['category'] as const, registers: [this.registry] });

  readonly scrapeErrors = new Counter({ name: 'clearance_metrics_scrape_errors_total', help: 'Scrapes whose database or Redis part failed (those gauges keep their last values)', labelNames: ['source'] as const, registers: [this.registry] });

  constructor(role: string) {
    new Gauge({ name: 'clearance_process_info', help: 'This process: its role (all, api, worker)', labelNames: ['role'] as const, registers: [this.registry] }).set({ role }, 1);
    collectDefaultMetrics({ register: this.registry });
  }
}
