import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { canonicalJson } from '../../src/common/canonical-json';
import type { SubmitBody } from '../support/fixtures';

export interface JsonAttachment {
  filename: string;
  contentType?: string;
  data: string;
}

export const asJson = (filename: string, bytes: Uint8Array, contentType?: string): JsonAttachment => ({
  filename, ...(contentType ? { contentType } : {}), data: Buffer.from(bytes).toString('base64'),
});

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** The content hash as it was before attachments existed, written out again so a change to it is caught. */
export const hashWithoutAttachments = (item: Pick<SubmitBody, 'title' | 'body' | 'format'>): string =>
  sha256(canonicalJson({ body: item.body, format: item.format, title: item.title }));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal Word file whose body says `body` and whose one comment says `comment`. */
export function docxWithComment(body: string, comment: string): Uint8Array {
  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${w}><w:body>` +
        `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>${escape(body)}</w:t></w:r><w:commentRangeEnd w:id="0"/>` +
        '<w:r><w:commentReference w:id="0"/></w:r></w:p></w:body></w:document>',
    ),
    'word/comments.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments ${w}>` +
        `<w:comment w:id="0" w:author="张科员" w:date="2026-11-01T09:00:00Z" w:initials="张"><w:p><w:r><w:t>${escape(comment)}</w:t></w:r></w:p></w:comment></w:comments>`,
    ),
  });
}

/** A zip cut off halfway: its central directory is gone. */
export function truncatedZip(): Uint8Array {
  const whole = zipSync({ '材料.txt': strToU8('各科室：请按要求做好政务公开工作。'.repeat(200)) }, { level: 0 });
  return whole.subarray(0, Math.floor(whole.length / 2));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A grey-scale PNG of the given size with a few dark bars (`seed` varies them), so each is different content for OCR. */
export function png(width: number, height: number, seed = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grey scale
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width + 1, 255);
    row[0] = 0;
    if (Math.floor(y / 8) % 3 === seed % 3) for (let x = 10; x < width - 10; x++) row[x + 1] = (x + seed) % 7 === 0 ? 255 : 0;
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
