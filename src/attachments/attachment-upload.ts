import { DomainError } from '@clearance/workflow';
import type { AppConfig } from '../config/env.schema';
import { sha256Of } from './blob-store';

/** One file as received, checked against the limits, with its content hash. */
export interface AttachmentUpload {
  filename: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

export type AttachmentLimits = AppConfig['attachments'];

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** A file part as multer hands it over. */
export interface ReceivedFile {
  originalname: string;
  mimetype?: string;
  buffer: Buffer;
}

const refuse = (field: string, message: string) => new DomainError('unprocessable', `${field} ${message}`, field);

const tooLarge = (field: string, what: string, limit: number, variable: string) =>
  new DomainError('too_large', `${field} is larger than the limit of ${limit} bytes ${what} (${variable})`, field);

/** C0/C1 controls, and the bidirectional overrides that make "报告\u202Excod.exe" display as "报告exe.docx". */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;[\x20-\x7e]*)?$/;
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The name kept for an attachment. Only the last path segment: a browser may send `C:\fakepath\通知.docx` and
 * a hostile client `../../etc/x`, and a directory would otherwise travel into reviewers' and channels' downloads.
 */
export function attachmentFilename(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw refuse(field, 'is required: the name of the file');
  if (CONTROL.test(raw)) throw refuse(field, 'must not contain control or bidirectional-override characters');
  const base = raw.split(/[/\\]/).pop()!.trim();
  if (base === '' || base === '.' || base === '..') throw refuse(field, 'must name a file, not a directory');
  if (base.length > 255) throw refuse(field, `must be at most 255 characters (got ${base.length})`);
  return base;
}

function contentTypeOf(raw: unknown, field: string): string {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_CONTENT_TYPE;
  if (typeof raw !== 'string' || raw.length > 255 || !MEDIA_TYPE.test(raw)) throw refuse(field, 'must be a media type such as application/pdf');
  return raw;
}

/** Strict base64 (RFC 4648 §4, padded, no whitespace): what does not decode back to itself is refused, not guessed at. */
function decodeBase64(data: unknown, field: string, index: number, limits: AttachmentLimits): Buffer {
  if (typeof data !== 'string') throw refuse(field, 'is required: the file\'s bytes in base64');
  // Refused before decoding, so an oversized file costs no allocation.
  const size = Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (size > limits.maxBytes) throw tooLarge(`attachments[${index}]`, 'for one attachment', limits.maxBytes, 'ATTACHMENT_MAX_BYTES');
  if (data.length % 4 !== 0 || !BASE64_CHARS.test(data)) throw refuse(field, 'is not valid base64');
  const bytes = Buffer.from(data, 'base64');
  if (bytes.toString('base64') !== data) throw refuse(field, 'is not valid base64');
  return bytes;
}

function checkCount(count: number, limits: AttachmentLimits): void {
  if (count > limits.maxCount) {
    throw new DomainError('unprocessable', `attachments: at most ${limits.maxCount} attachments may be sent with one item (ATTACHMENT_MAX_COUNT); got ${count}`, 'attachments');
  }
}

function finish(uploads: Array<Omit<AttachmentUpload, 'sha256'>>, limits: AttachmentLimits): AttachmentUpload[] {
  let total = 0;
  uploads.forEach((u, i) => {
    if (u.bytes.length > limits.maxBytes) throw tooLarge(`attachments[${i}]`, 'for one attachment', limits.maxBytes, 'ATTACHMENT_MAX_BYTES');
    total += u.bytes.length;
  });
  if (total > limits.maxTotalBytes) throw tooLarge('attachments', 'for all attachments of one item together', limits.maxTotalBytes, 'ATTACHMENT_MAX_TOTAL_BYTES');
  return uploads.map((u) => ({ ...u, sha256: sha256Of(u.bytes) }));
}

/** `attachments` of a JSON body: [{filename, contentType?, data}] with data in base64. Refusals name attachments[i].field. */
export function uploadsFromJson(raw: unknown, limits: AttachmentLimits): AttachmentUpload[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw refuse('attachments', 'must be an array of {filename, contentType?, data}');
  checkCount(raw.length, limits);
  let total = 0;
  const uploads = raw.map((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw refuse(`attachments[${i}]`, 'must be an object {filename, contentType?, data}');
    const { filename, contentType, data } = entry as Record<string, unknown>;
    const upload = {
      filename: attachmentFilename(filename, `attachments[${i}].filename`),
      contentType: contentTypeOf(contentType, `attachments[${i}].contentType`),
      bytes: decodeBase64(data, `attachments[${i}].data`, i, limits),
    };
    total += upload.bytes.length;
    if (total > limits.maxTotalBytes) throw tooLarge('attachments', 'for all attachments of one item together', limits.maxTotalBytes, 'ATTACHMENT_MAX_TOTAL_BYTES');
    return upload;
  });
  return finish(uploads, limits);
}

/** File parts of a multipart body, in the order they were sent. */
export function uploadsFromFiles(files: ReceivedFile[], limits: AttachmentLimits): AttachmentUpload[] {
  checkCount(files.length, limits);
  return finish(
    files.map((file, i) => ({
      filename: attachmentFilename(file.originalname, `attachments[${i}].filename`),
      // A part's declared type is only informative: one that is not a media type is replaced, not refused.
      contentType: file.mimetype && file.mimetype.length <= 255 && MEDIA_TYPE.test(file.mimetype) ? file.mimetype : DEFAULT_CONTENT_TYPE,
      bytes: file.buffer,
    })),
    limits,
  );
}

/**
 * The JSON body limit where attachments are accepted: the item's own fields (8 MB, as elsewhere) plus every
 * attachment in base64, which takes 4 bytes for every 3 (rounded up per file).
 */
export function jsonBodyLimit(limits: AttachmentLimits): number {
  if (limits.maxCount === 0) return BASE_JSON_LIMIT;
  return BASE_JSON_LIMIT + Math.ceil(limits.maxTotalBytes / 3) * 4 + limits.maxCount * (4 + 64);
}

export const BASE_JSON_LIMIT = 8 * 1024 * 1024;
