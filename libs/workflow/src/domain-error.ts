/**
 * Base of every error the service expects. `kind` says what went wrong, and the one HTTP filter
 * turns it into a status; libraries never know about HTTP.
 */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'too_large' // 413
  | 'unprocessable' // 422
  | 'too_many' // 429
  | 'unavailable'; // 503

export class DomainError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly field?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ForbiddenActError extends DomainError {
  constructor(message: string) { super('forbidden', message); }
}

export class StateConflictError extends DomainError {
  constructor(message: string) { super('conflict', message); }
}

export class ReasonRequiredError extends DomainError {
  constructor(field = 'comment') { super('unprocessable', `${field} is required: a written reason must be recorded`, field); }
}
