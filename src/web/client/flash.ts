/** A one-time message carried to the next screen (a decision's outcome, an expired session). */
export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

let pending: Flash | null = null;

export function setFlash(flash: Flash): void {
  pending = flash;
}

export function takeFlash(): Flash | null {
  const flash = pending;
  pending = null;
  return flash;
}
