import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { SendResult } from './retry-policy';
import { webhookHeaders } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  id: string;
  body: string;
  secrets: readonly string[];
}

const ERROR_SNIPPET = 300;

/** POSTs one signed webhook with the configured timeout; never throws, every outcome is a SendResult. */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(request: WebhookRequest): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const timeoutMs = this.config.publishing.timeoutMs;
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Clearance-Webhooks/1', ...webhookHeaders(request.secrets, request.id, request.body) },
        body: request.body,
        // A redirect is not an acceptance, and following one would send the content somewhere nobody registered.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text().catch(() => '');
      const ok = response.status >= 200 && response.status < 300;
      return {
        statusCode: response.status,
        durationMs: elapsed(),
        error: ok ? null : `HTTP ${response.status}${text ? `: ${text.slice(0, ERROR_SNIPPET)}` : ''}`,
        retryAfterMs: retryAfter(response.headers.get('retry-after')),
      };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
      const message = timedOut ? `timed out after ${timeoutMs} ms` : [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
      return { statusCode: null, durationMs: elapsed(), error: message || 'request failed' };
    }
  }
}

function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
