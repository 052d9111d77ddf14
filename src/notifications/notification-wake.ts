import { Injectable } from '@nestjs/common';

/**
 * Tells this process's notification worker, if it runs one, that a row was queued, so it looks a little later
 * (after the caller's transaction has committed) instead of at its next poll. Only a hint: the poll finds every row.
 */
@Injectable()
export class NotificationWake {
  private listener?: () => void;
  private timer?: NodeJS.Timeout;

  listen(listener: () => void): void {
    this.listener = listener;
  }

  soon(delayMs = 250): void {
    if (!this.listener || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.listener?.();
    }, delayMs);
    this.timer.unref();
  }
}
