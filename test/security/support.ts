import { Logger } from '@nestjs/common';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { AppLogger } from '../../src/logging/app-logger';

export interface Heard {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP endpoint on 127.0.0.1 that records what reaches it and answers as told. */
export class LoopbackEndpoint {
  readonly heard: Heard[] = [];

  private constructor(private readonly server: Server) {}

  static async start(answer: (heard: Heard) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200 })): Promise<LoopbackEndpoint> {
    // Assigned once the server exists; the handler closes over it before that.
    // eslint-disable-next-line prefer-const
    let endpoint!: LoopbackEndpoint;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const heard = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        endpoint.heard.push(heard);
        const { status, headers, body } = answer(heard);
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body ?? '');
      });
    });
    endpoint = new LoopbackEndpoint(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Routes Nest's loggers into an AppLogger writing JSON lines here, as the service logs in production. */
export function captureLogs(): { lines: () => string[]; text: () => string } {
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  Logger.overrideLogger(new AppLogger({ level: 'debug', format: 'json' }, out));
  return { lines: () => [...lines], text: () => lines.join('\n') };
}
