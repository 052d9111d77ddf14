import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { hostOf, OutboundPolicy } from '../publishing/outbound/outbound-policy';
import type { SendOutcome } from './mail-transport';
import type { RobotRequest } from './robot-payloads';

const ANSWER_BYTES = 4096;

/**
 * POSTs to a group robot through the outbound policy, checked on every connection like a unit's own channel
 * (OUTBOUND_ALLOW for a 政务外网 deployment of the robot service). Redirects are not followed. The robots
 * answer HTTP 200 with an error code in the body (WeCom/DingTalk `errcode`, Feishu `code`), so that is read too.
 */
@Injectable()
export class RobotTransport implements OnModuleDestroy {
  private readonly logger = new Logger(RobotTransport.name);
  private readonly agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly policy: OutboundPolicy) {}

  async send(request: RobotRequest): Promise<SendOutcome> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { ok: false, final: true, error: 'not sent: the robot URL is not valid' };
    }
    const refusal = this.policy.refusalOfUrl(url);
    if (refusal) return { ok: false, final: true, error: `not sent: refused by the outbound policy (${refusal.split(';')[0]})` };
    try {
      const { statusCode, text } = await this.post(url, request.body);
      if (statusCode < 200 || statusCode >= 300) return { ok: false, final: statusCode >= 400 && statusCode < 500 && statusCode !== 408 && statusCode !== 429, error: `HTTP ${statusCode}` };
      const code = answerCode(text);
      if (code !== 0) {
        this.logger.warn(`robot at ${url.origin} refused a message: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
        return { ok: false, final: false, error: `robot error code ${code}` };
      }
      return { ok: true };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'EOUTBOUNDREFUSED') return { ok: false, final: true, error: `not sent: refused by the outbound policy (${e.message})` };
      return { ok: false, final: false, error: e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timed out' : `network: ${e.code ?? e.name}` };
    }
  }

  private post(url: URL, body: string): Promise<{ statusCode: number; text: string }> {
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(
        {
          protocol: url.protocol,
          hostname: hostOf(url),
          port: url.port || (secure ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          agent: secure ? this.agents.https : this.agents.http,
          lookup: this.policy.lookup,
          headers: { host: url.host, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body, 'utf8'), 'user-agent': 'Clearance-Notifications/1' },
          signal: AbortSignal.timeout(this.config.notifications.timeoutMs),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= ANSWER_BYTES) chunks.push(chunk);
          });
          response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body, 'utf8');
    });
  }

  onModuleDestroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

/** 0 when the robot accepted the message (or said nothing we can read: a 2xx is then taken as accepted). */
function answerCode(text: string): number {
  try {
    const answer = JSON.parse(text) as { errcode?: unknown; code?: unknown; StatusCode?: unknown };
    const code = answer.errcode ?? answer.code ?? answer.StatusCode;
    return typeof code === 'number' ? code : 0;
  } catch {
    return 0;
  }
}
