import { DomainError } from '@clearance/workflow';
import type { NextFunction, Request, Response } from 'express';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Mounted right after the body parsers. Nest would turn their SyntaxError into a 400 carrying V8's parser message
 * (with a slice of the body); this names the problem instead. The parser takes only objects and arrays, so `null`,
 * `5` or a blank body arrive here too, though what is wrong with them is their shape, not their syntax.
 */
export function bodyParserErrors(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  const failed = error as { type?: unknown; body?: unknown } | null;
  if (failed?.type !== 'entity.parse.failed') return next(error);
  const text = typeof failed.body === 'string' ? failed.body.trim() : '';
  const shape = text === '' || (text[0] !== '{' && text[0] !== '[' && isJson(text));
  next(new DomainError('invalid', shape ? 'the body must be a JSON object' : 'request body is not valid JSON'));
}

/**
 * The JSON parser reads an empty body (Content-Length: 0) as `{}`, which would pass every DTO without required
 * fields; an empty body is no body, and a route that takes one then says "the body must be a JSON object".
 */
export function emptyBodyIsNoBody(request: Request, _response: Response, next: NextFunction): void {
  if (request.headers['transfer-encoding'] === undefined && request.headers['content-length'] === '0') request.body = undefined;
  next();
}
