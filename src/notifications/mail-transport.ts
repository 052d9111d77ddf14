import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import type { MailBody } from './robot-payloads';

/** What one send came to: sent, worth another try later, or never going to work. */
export type SendOutcome = { ok: true } | { ok: false; final: boolean; error: string };

/** Mail over SMTP_URL with nodemailer; without SMTP_URL there is no mail, said once at start. */
@Injectable()
export class MailTransport implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.notifications.smtpUrl !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) this.logger.log('e-mail notifications are off: SMTP_URL is not set (group robots and the page still tell people)');
  }

  private get mailer(): Transporter {
    const timeout = this.config.notifications.timeoutMs;
    // nodemailer's SMTP transport reads the connection URL from `url` and merges the options given beside it.
    this.transporter ??= createTransport({ url: this.config.notifications.smtpUrl!, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as SMTPTransport.Options);
    return this.transporter;
  }

  /**
   * One message. Its Message-ID is derived from the message row, the same on every attempt, so a mail system that
   * received a copy before a crash can tell the resend for what it is.
   */
  async send(to: string, body: MailBody, messageId: string, kind: string): Promise<SendOutcome> {
    try {
      await this.mailer.sendMail({
        from: this.config.notifications.from,
        to,
        subject: body.subject,
        text: body.text,
        html: body.html,
        messageId: `<${messageId}@clearance.notifications>`,
        headers: { 'X-Clearance-Notification': kind, 'Auto-Submitted': 'auto-generated' },
      });
      return { ok: true };
    } catch (error) {
      const e = error as Error & { responseCode?: number; code?: string };
      // 5xx is a permanent refusal (unknown mailbox, policy); 4xx and network errors may pass later.
      const final = typeof e.responseCode === 'number' && e.responseCode >= 500;
      return { ok: false, final, error: e.responseCode ? `SMTP ${e.responseCode}` : `SMTP ${e.code ?? 'error'}: ${e.message.slice(0, 120)}` };
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
