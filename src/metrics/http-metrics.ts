import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from './metrics-registry';

/** Times every request under its route template (`/api/v1/items/:id`), never the raw path, so labels stay few. */
export function httpMetrics(metrics: MetricsRegistry) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: unknown } | undefined)?.path;
      stop({ method: request.method, route: typeof route === 'string' ? `${request.baseUrl}${route}` : 'unmatched', status: String(response.statusCode) });
    });
    next();
  };
}
