import { DomainError } from '@clearance/workflow';
import { json, type RequestHandler } from 'express';
import { AttachmentLimits, jsonBodyLimit } from './attachment-upload';

/** The routes whose JSON bodies may carry attachments in base64. */
const ATTACHMENT_ROUTES = /^\/api\/v1\/(items|scan)\/?$/;

/**
 * A JSON parser with room for the attachments, for POST to the routes that accept them only; it runs before the
 * general 8 MB parser, which then finds the body read. Too large a body is refused naming the attachments' limit.
 */
export function attachmentJsonParser(limits: AttachmentLimits): RequestHandler {
  const limit = jsonBodyLimit(limits);
  const parse = json({ limit });
  return (request, response, next) => {
    if (request.method !== 'POST' || !ATTACHMENT_ROUTES.test(request.path)) return next();
    parse(request, response, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        return next(
          new DomainError(
            'too_large',
            `request body is larger than ${limit} bytes: attachments may total at most ${limits.maxTotalBytes} bytes (ATTACHMENT_MAX_TOTAL_BYTES), ` +
              `${limits.maxBytes} bytes each (ATTACHMENT_MAX_BYTES), before base64`,
            'attachments',
          ),
        );
      }
      next(error);
    });
  };
}
