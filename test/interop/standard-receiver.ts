import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * The receiver the README shows, as a channel or a CMS would write it with the `standardwebhooks` package: verify
 * the signature over the raw body, then handle each webhook-id once. `answer` lets a test lose the first 2xx.
 */
export class StandardReceiver {
  readonly seen = new Set<string>();
  readonly handled: Array<Record<string, unknown>> = [];
  readonly requests: Array<{ id: string; verified: boolean; duplicate: boolean }> = [];
  private readonly webhooks: Webhook[];
  private server!: Server;

  constructor(secrets: string[], private readonly answer: (index: number) => number = () => 204) {
    this.webhooks = secrets.map((secret) => new Webhook(secret));
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
      let payload: Record<string, unknown> | undefined;
      for (const webhook of this.webhooks) {
        try {
          payload = webhook.verify(body, headers) as Record<string, unknown>;
          break;
        } catch {
          // try the next secret
        }
      }
      const id = headers['webhook-id'];
      const duplicate = this.seen.has(id);
      this.requests.push({ id, verified: payload !== undefined, duplicate });
      if (!payload) return void res.writeHead(401).end();
      if (!duplicate) {
        this.seen.add(id);
        this.handled.push(payload);
      }
      res.writeHead(duplicate ? 204 : this.answer(this.requests.length - 1)).end();
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/clearance`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
