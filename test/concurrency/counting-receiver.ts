import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/publishing/webhook-signature';

/**
 * A channel (or CMS) endpoint on 127.0.0.1 that answers 200 after `delayMs`, as a slow portal would, and counts
 * every request by its webhook-id; requests whose Standard Webhooks signature does not verify are counted apart.
 */
export class CountingReceiver {
  readonly counts = new Map<string, number>();
  readonly events = new Map<string, string>();
  unverified = 0;

  private constructor(private readonly server: Server) {}

  static async start(secret: string, delayMs = 0): Promise<CountingReceiver> {
    // eslint-disable-next-line prefer-const
    let receiver!: CountingReceiver;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(req.headers['webhook-id']);
        try {
          verifyWebhook(secret, req.headers, body);
        } catch {
          receiver.unverified++;
        }
        receiver.counts.set(id, (receiver.counts.get(id) ?? 0) + 1);
        receiver.events.set(id, String((JSON.parse(body) as { event?: unknown }).event));
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), delayMs);
      });
    });
    receiver = new CountingReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Webhook-ids received more than once. */
  repeated(): string[] {
    return [...this.counts].filter(([, n]) => n > 1).map(([id]) => id);
  }

  requests(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
