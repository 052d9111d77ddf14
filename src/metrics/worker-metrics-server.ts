import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { MetricsRegistry } from './metrics-registry';
import { StateMetrics } from './state-metrics';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * A worker-role process has no HTTP server, yet its job timings and counters exist only in it: with METRICS_PORT
 * it serves GET /metrics there, to METRICS_TOKEN alone (no sessions: the worker is not the api).
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly metrics: MetricsRegistry, private readonly state: StateMetrics) {}

  async onApplicationBootstrap(): Promise<void> {
    const { workerPort, token } = this.config.metrics;
    if (this.config.role !== 'worker' || workerPort === undefined || token === undefined) return;
    const expected = digest(token);
    this.server = createServer((request, response) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const send = (status: number, type: string, body: string) => response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') return void send(404, 'application/json', JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'only GET /metrics is served here' }));
      if (!bearer || !timingSafeEqual(digest(bearer[1]), expected)) return void send(401, 'application/json', JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'send Authorization: Bearer <METRICS_TOKEN>' }));
      this.state
        .refresh()
        .then(() => this.metrics.registry.metrics())
        .then((text) => send(200, this.metrics.registry.contentType, text), (error: Error) => send(500, 'text/plain', error.message));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(workerPort, this.config.host, () => resolve());
    });
    this.logger.log(`worker metrics on port ${workerPort}`);
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
