import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 {db: "up", redis: "up"} when both answer; 503 naming what does not. */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  }
}
