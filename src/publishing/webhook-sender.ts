import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Agent as HttpAgent, IncomingMessage, request as httpRequest, STATUS_CODES } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { hostOf, OutboundPolicy, OutboundTrust } from './outbound/outbound-policy';
import { SendResult } from './retry-policy';
import { webhookHeaders } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  id: string;
  body: string;
  secrets: readonly string[];
  /** Operator-registered targets are trusted as given; everything else is checked on connection. */
  outbound: OutboundTrust;
}

/** Bytes of a channel's answer read at most; the rest is not waited for. */
const ANSWER_BYTES = 2048;
/** Characters of it kept for the operator's log. */
const ANSWER_EXCERPT = 200;

/**
 * POSTs one signed webhook with the configured timeout; never throws, every outcome is a SendResult.
 * Redirects are never followed (a 3xx is an answer like any other). What the receiver answered goes
 * to the operator's log only, trimmed: the stored error, which reviewers and the CMS see, is the status
 * code and its standard reason phrase.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookSender.name);
  // Separate pools: a socket opened for a trusted target is never reused for a checked one to the same host.
  private readonly agents = {
    trusted: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
    checked: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
  };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly policy: OutboundPolicy) {}

  async send(request: WebhookRequest): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const timeoutMs = this.config.publishing.timeoutMs;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { statusCode: null, durationMs: 0, error: 'not sent: the URL is not valid', final: true };
    }
    if (request.outbound === 'checked') {
      const refusal = this.policy.refusalOfUrl(url);
      if (refusal) return { statusCode: null, durationMs: 0, error: `not sent: refused by the outbound policy (${firstClause(refusal)})`, final: true };
    } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { statusCode: null, durationMs: 0, error: 'not sent: only http and https URLs may be sent to', final: true };
    }
    try {
      const response = await this.post(url, request, timeoutMs);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      if (!ok) this.logger.warn(`webhook ${request.id} to ${url.origin} answered HTTP ${response.statusCode}${response.excerpt ? `: ${JSON.stringify(response.excerpt)}` : ''}`);
      return {
        statusCode: response.statusCode,
        durationMs: elapsed(),
        error: ok ? null : `HTTP ${response.statusCode}${STATUS_CODES[response.statusCode] ? ` ${STATUS_CODES[response.statusCode]}` : ''}`,
        retryAfterMs: retryAfter(response.retryAfter),
      };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'EOUTBOUNDREFUSED') return { statusCode: null, durationMs: elapsed(), error: `not sent: refused by the outbound policy (${e.message})`, final: true };
      this.logger.warn(`webhook ${request.id} to ${url.origin} failed: ${e.code ?? e.name}: ${e.message}`);
      return { statusCode: null, durationMs: elapsed(), error: genericFailure(e, timeoutMs) };
    }
  }

  private post(url: URL, request: WebhookRequest, timeoutMs: number): Promise<{ statusCode: number; excerpt: string; retryAfter: string | null }> {
    const secure = url.protocol === 'https:';
    const agents = this.agents[request.outbound];
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = send(
        {
          protocol: url.protocol,
          hostname: hostOf(url),
          port: url.port || (secure ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          agent: secure ? agents.https : agents.http,
          // Checked targets connect only to the addresses this lookup approved; IP literals were checked above.
          ...(request.outbound === 'checked' ? { lookup: this.policy.lookup } : {}),
          headers: {
            host: url.host,
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(request.body, 'utf8'),
            'user-agent': 'Clearance-Webhooks/1',
            ...webhookHeaders(request.secrets, request.id, request.body),
          },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => readAnswer(response).then((excerpt) => resolve({ statusCode: response.statusCode ?? 0, excerpt, retryAfter: header(response, 'retry-after') }), reject),
      );
      outgoing.on('error', reject);
      outgoing.end(request.body, 'utf8');
    });
  }

  onModuleDestroy(): void {
    for (const pool of Object.values(this.agents)) {
      pool.http.destroy();
      pool.https.destroy();
    }
  }
}

/** The first ANSWER_BYTES of the body, as one line of printable text; the rest is dropped unread. */
function readAnswer(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      const text = Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8');
      // Control characters and line breaks would let a receiver forge lines in the operator's log.
      const flat = text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
      resolve(flat.length > ANSWER_EXCERPT ? `${flat.slice(0, ANSWER_EXCERPT)}…` : flat);
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= ANSWER_BYTES) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return typeof value === 'string' ? value : null;
}

/** What went wrong in words that tell nothing of the network behind the receiver. */
function genericFailure(error: NodeJS.ErrnoException, timeoutMs: number): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError' || error.code === 'ABORT_ERR' || error.code === 'ETIMEDOUT') return `timed out after ${timeoutMs} ms`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return 'the host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    default:
      if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(error.code ?? '')) return 'TLS handshake failed';
      return 'request failed';
  }
}

function firstClause(reason: string): string {
  return reason.split(';')[0];
}

function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
