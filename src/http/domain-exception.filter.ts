import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, ErrorKind } from '@clearance/workflow';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const STATUS: Record<ErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  too_many: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const PHRASES: Partial<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
  errorId?: string;
  [extra: string]: unknown;
}

/** The one place errors become HTTP: domain errors by kind, everything unknown as 500 with an error id. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const body = this.toBody(exception, request);
    if ((body.statusCode === 429 || body.statusCode === 503) && exception instanceof DomainError && 'retryAfterSeconds' in exception) {
      response.setHeader('Retry-After', String((exception as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS[exception.kind];
      return { statusCode, error: PHRASES[statusCode] ?? 'Error', message: exception.message, ...(exception.field ? { field: exception.field } : {}) };
    }
    if (exception instanceof OptimisticLockError) {
      return { statusCode: 409, error: 'Conflict', message: 'the item was changed by someone else at the same time; reload it and try again' };
    }
    if (exception instanceof UniqueConstraintViolationException) {
      return { statusCode: 409, error: 'Conflict', message: 'a record with the same key was written at the same time; retry' };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      const payload = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message ?? exception.message);
      return { ...payload, statusCode, error: PHRASES[statusCode] ?? String(payload.error ?? 'Error'), message };
    }
    // body-parser reports oversized and malformed bodies as plain errors carrying a status.
    const status = (exception as { status?: number; type?: string })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message =
        type === 'entity.too.large' ? 'request body is too large' : type === 'entity.parse.failed' ? 'request body is not valid JSON' : (exception as Error).message;
      return { statusCode: status, error: PHRASES[status] ?? 'Error', message };
    }
    const errorId = randomUUID();
    this.logger.error({ msg: 'unhandled error', errorId, method: request.method, path: request.path, stack: (exception as Error)?.stack ?? String(exception) });
    return { statusCode: 500, error: 'Internal Server Error', message: 'an unexpected error occurred; quote the errorId when reporting it', errorId };
  }
}
