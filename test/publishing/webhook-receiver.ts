import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/publishing/webhook-signature';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  // The parsed payload; tests read whichever fields the event carries.
  json: Record<string, unknown>;
  verified: boolean;
}

/** How the receiver answers the n-th request (0-based) overall: a status code, or 'hold' to keep it open. */
export type Responder = (request: Received, index: number) => number | 'hold';

/** A real channel or CMS endpoint on 127.0.0.1: records every request and checks its Standard Webhooks signature. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private held: ServerResponse[] = [];

  private constructor(private readonly server: Server, private readonly secret: string, public respond: Responder) {}

  static async start(secret: string, respond: Responder = () => 200): Promise<WebhookReceiver> {
    // Assigned once the server exists; the request handler closes over it before that.
    // eslint-disable-next-line prefer-const
    let receiver!: WebhookReceiver;
    const server = createServer((req, res) => void receiver.handle(req, res));
    receiver = new WebhookReceiver(server, secret, respond);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  ids(): string[] {
    return this.received.map((r) => r.id);
  }

  events(): Array<Record<string, unknown>> {
    return this.received.map((r) => r.json);
  }

  heldCount(): number {
    return this.held.length;
  }

  /** Answers every held request now (the receiver did take them, however late). */
  releaseHeld(status = 200): void {
    for (const res of this.held.splice(0)) if (!res.writableEnded) res.writeHead(status).end('late');
  }

  async close(): Promise<void> {
    this.releaseHeld(503);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let verified = true;
    try {
      verifyWebhook(this.secret, req.headers, body);
    } catch {
      verified = false;
    }
    const request: Received = {
      id: String(req.headers['webhook-id']),
      timestamp: String(req.headers['webhook-timestamp']),
      signature: String(req.headers['webhook-signature']),
      body,
      json: JSON.parse(body) as Record<string, unknown>,
      verified,
    };
    const index = this.received.push(request) - 1;
    const answer = this.respond(request, index);
    if (answer === 'hold') this.held.push(res);
    else res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? 'refused by test receiver' : 'ok');
  }
}
