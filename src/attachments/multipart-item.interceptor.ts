import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { Observable } from 'rxjs';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { AttachmentLimits, BASE_JSON_LIMIT } from './attachment-upload';

/** Per request: which file part is streaming and how many bytes all of them have brought so far. */
interface UploadState {
  files: number;
  total: number;
}

const tooLarge = (field: string, what: string, limit: number, variable: string) =>
  new DomainError('too_large', `${field} is larger than the limit of ${limit} bytes ${what} (${variable})`, field);

/** Memory storage that also counts the whole upload, so an item past the per-item total stops being buffered at once. */
function boundedMemoryStorage(state: UploadState, limits: AttachmentLimits): multer.StorageEngine {
  return {
    _handleFile(_req, file, done) {
      const chunks: Buffer[] = [];
      let failed = false;
      file.stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        state.total += chunk.length;
        if (state.total > limits.maxTotalBytes) {
          failed = true;
          chunks.length = 0;
          done(tooLarge('attachments', 'for all attachments of one item together', limits.maxTotalBytes, 'ATTACHMENT_MAX_TOTAL_BYTES'));
          return;
        }
        chunks.push(chunk);
      });
      file.stream.on('end', () => {
        if (!failed) done(null, { buffer: Buffer.concat(chunks), size: chunks.reduce((n, c) => n + c.length, 0) });
      });
    },
    _removeFile(_req, file, done) {
      file.buffer = Buffer.alloc(0);
      done(null);
    },
  };
}

function domainErrorOf(error: unknown, state: UploadState, limits: AttachmentLimits): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return tooLarge(`attachments[${state.files - 1}]`, 'for one attachment', limits.maxBytes, 'ATTACHMENT_MAX_BYTES');
      case 'LIMIT_FILE_COUNT':
        return new DomainError('unprocessable', `attachments: at most ${limits.maxCount} attachments may be sent with one item (ATTACHMENT_MAX_COUNT)`, 'attachments');
      case 'LIMIT_FIELD_VALUE':
        return new DomainError('too_large', `item is larger than the limit of ${BASE_JSON_LIMIT} bytes for the item's fields`, 'item');
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_PART_COUNT':
        return new DomainError('unprocessable', 'a multipart item has one part "item" holding its fields as JSON, and file parts named "attachments"', 'item');
      default:
        return new DomainError('invalid', `multipart body refused: ${error.message}`);
    }
  }
  return new DomainError('invalid', `multipart body is malformed: ${(error as Error)?.message ?? String(error)}`);
}

/**
 * multipart/form-data for the routes that take attachments: a part `item` with the JSON fields and file parts
 * named `attachments`. The files stay on req.files; req.body becomes the item's fields, validated like JSON.
 * Other content types pass through untouched.
 */
@Injectable()
export class MultipartItemInterceptor implements NestInterceptor {
  private readonly limits: AttachmentLimits;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = config.attachments;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (!request.is('multipart')) return next.handle();
    const state: UploadState = { files: 0, total: 0 };
    const upload = multer({
      storage: boundedMemoryStorage(state, this.limits),
      // The client's own path is kept so the one filename rule (attachmentFilename) applies to JSON and multipart alike.
      preservePath: true,
      // Browsers and curl send a UTF-8 filename unencoded; busboy would read it as latin1 (mojibake for 中文名).
      defParamCharset: 'utf8',
      limits: { fileSize: this.limits.maxBytes, files: this.limits.maxCount, fields: 1, fieldSize: BASE_JSON_LIMIT, parts: this.limits.maxCount + 1 },
      fileFilter: (_req, file, accept) => {
        state.files++;
        if (file.fieldname !== 'attachments') {
          accept(new DomainError('unprocessable', `file part "${file.fieldname}" is not expected: name file parts "attachments"`, 'attachments'));
          return;
        }
        accept(null, true);
      },
    }).any();
    await new Promise<void>((resolve, reject) =>
      upload(request, http.getResponse<Response>(), (error?: unknown) => (error ? reject(domainErrorOf(error, state, this.limits)) : resolve())),
    );
    request.body = itemFields(request.body as Record<string, unknown>, (request.files as unknown[] | undefined)?.length ?? 0);
    return next.handle();
  }
}

function itemFields(body: Record<string, unknown>, files: number): Record<string, unknown> {
  if (typeof body.item !== 'string') throw new DomainError('unprocessable', 'item is required: a part named "item" holding the item\'s fields as JSON', 'item');
  let fields: unknown;
  try {
    fields = JSON.parse(body.item);
  } catch {
    throw new DomainError('invalid', 'item is not valid JSON', 'item');
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw new DomainError('unprocessable', 'item must be a JSON object of the item\'s fields', 'item');
  if (files > 0 && (fields as Record<string, unknown>).attachments !== undefined) {
    throw new DomainError('unprocessable', 'attachments are sent either as file parts or in the item JSON, not both', 'attachments');
  }
  return fields as Record<string, unknown>;
}
