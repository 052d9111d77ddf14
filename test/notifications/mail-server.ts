import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), as in the Subject of a Chinese mail. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function headers(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

function decodePart(part: string): { type: string; body: string } {
  const split = part.indexOf('\r\n\r\n');
  const head = headers(part.slice(0, split));
  const raw = part.slice(split + 4);
  const encoding = (head.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : raw;
  return { type: (head.get('content-type') ?? 'text/plain').split(';')[0].toLowerCase(), body };
}

/** Just enough MIME for nodemailer's output: headers, and the text and HTML parts of a multipart/alternative. */
export function parseMail(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = headers(raw.slice(0, split));
  const boundary = /boundary="?([^";]+)"?/i.exec(head.get('content-type') ?? '')?.[1];
  const parts = boundary ? raw.slice(split + 4).split(`--${boundary}`).slice(1, -1).map((p) => decodePart(p.replace(/^\r\n/, ''))) : [decodePart(raw)];
  return {
    messageId: head.get('message-id') ?? '',
    subject: decodeWords(head.get('subject') ?? ''),
    text: parts.find((p) => p.type === 'text/plain')?.body ?? '',
    html: parts.find((p) => p.type === 'text/html')?.body ?? '',
    raw,
  };
}

/**
 * A real SMTP server on 127.0.0.1 for the test. A mail counts as received only when the server accepts it
 * (answers 250 to DATA); `hold` keeps that answer back, as a slow server would, until `releaseHeld`.
 */
export class MailServer {
  readonly received: ReceivedMail[] = [];
  /** Errors of client connections (ECONNRESET when a client was killed), in order. */
  readonly connectionErrors: string[] = [];
  hold = false;
  /** Holds from the n-th mail on (0-based), when set. */
  holdFrom?: number;
  private held: Array<{ accept: () => void; reject: () => void }> = [];

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<MailServer> {
    // eslint-disable-next-line prefer-const
    let mail!: MailServer;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          const accept = () => {
            mail.received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), ...parseMail(Buffer.from(raw, 'latin1').toString('latin1')) });
            callback();
          };
          if (!mail.hold && (mail.holdFrom === undefined || mail.received.length + mail.held.length < mail.holdFrom)) return accept();
          mail.held.push({ accept, reject: () => callback(new Error('held mail dropped')) });
        });
      },
    });
    mail = new MailServer(server);
    // A client killed mid-mail (the crash tests do it) resets its connection: smtp-server reports that as an error
    // event, which a server without a listener would throw. A real server logs it and goes on; so does this one.
    server.on('error', (error: NodeJS.ErrnoException) => mail.connectionErrors.push(error.code ?? error.message));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return mail;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  heldCount(): number {
    return this.held.length;
  }

  /** Answers the held mails: accepted (250) or refused. */
  releaseHeld(accept: boolean): void {
    for (const h of this.held.splice(0)) (accept ? h.accept : h.reject)();
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    this.held.splice(0);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
