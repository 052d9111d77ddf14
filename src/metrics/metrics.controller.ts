import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsRegistry } from './metrics-registry';
import { StateMetrics } from './state-metrics';

/** Prometheus text format on the service's own port, outside /api/v1 like /health. */
@ApiTags('运维')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry, private readonly state: StateMetrics) {}

  @Get()
  @UseGuards(MetricsAccessGuard)
  async scrape(@Res() response: Response): Promise<void> {
    await this.state.refresh();
    response.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
