import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** The exact bytes of one attachment, checked against their content address, and what to call them. */
export interface AttachmentFile {
  filename: string;
  sha256: string;
  data: Buffer;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * RFC 6266 / 5987: an ASCII fallback for old clients and the exact name as UTF-8. Control characters
 * and path separators never reach the header; the browser decides nothing from the name but where to save.
 */
export function contentDisposition(filename: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a header
  const safe = filename.replace(LONE_SURROGATE, '\ufffd').replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim() || 'attachment';
  const fallback = safe.replace(/[^\x20-\x7e]|["%;\\]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sets the headers of a download and hands Nest the bytes. Always octet-stream and never inline, so
 * no browser renders or sniffs what a submitter sent; nothing keeps a copy.
 */
export function attachmentDownload(response: Response, file: AttachmentFile): StreamableFile {
  response.setHeader('Content-Type', 'application/octet-stream');
  response.setHeader('Content-Disposition', contentDisposition(file.filename));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('ETag', `"${file.sha256}"`);
  // Opened by a mistaken navigation, the response still may run nothing.
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  return new StreamableFile(file.data, { type: 'application/octet-stream', length: file.data.length });
}
