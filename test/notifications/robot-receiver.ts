import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RobotCall {
  path: string;
  query: URLSearchParams;
  json: Record<string, unknown>;
}

/** A real local HTTP endpoint standing in for the WeCom, DingTalk and Feishu robot services: records each POST and answers as they do. */
export class RobotReceiver {
  readonly calls: RobotCall[] = [];
  /** The body of the answer: WeCom and DingTalk say {errcode: 0}, Feishu {code: 0}. */
  answer: (call: RobotCall) => { status: number; body: Record<string, unknown> } = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok', code: 0 } });

  private constructor(private readonly server: Server) {}

  static async start(): Promise<RobotReceiver> {
    // eslint-disable-next-line prefer-const
    let receiver!: RobotReceiver;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const call = { path: url.pathname, query: url.searchParams, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> };
        receiver.calls.push(call);
        const { status, body } = receiver.answer(call);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    receiver = new RobotReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  at(path: string): RobotCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
