import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { JobMetrics } from './job-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsRegistry } from './metrics-registry';
import { metricQueuesProvider, StateMetrics } from './state-metrics';
import { WorkerMetricsServer } from './worker-metrics-server';

/** Prometheus metrics: GET /metrics in the api role, and on METRICS_PORT in a worker-role process (its job timings). */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [MetricsController],
  providers: [
    { provide: MetricsRegistry, useFactory: (config: AppConfig) => new MetricsRegistry(config.role), inject: [APP_CONFIG] },
    JobMetrics,
    StateMetrics,
    MetricsAccessGuard,
    metricQueuesProvider,
    WorkerMetricsServer,
  ],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
