import { DomainError } from '@clearance/workflow';
import { attachmentFilename, jsonBodyLimit, uploadsFromFiles, uploadsFromJson } from './attachment-upload';

const limits = { maxBytes: 10, maxCount: 2, maxTotalBytes: 15 };
const refusal = (work: () => unknown): DomainError => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('attachmentFilename', () => {
  it('keeps the last segment of a Windows or POSIX path', () => {
    expect(attachmentFilename('C:\\fakepath\\通知.docx', 'f')).toBe('通知.docx');
    expect(attachmentFilename('../../etc/passwd', 'f')).toBe('passwd');
    expect(attachmentFilename(' 附件 一.pdf ', 'f')).toBe('附件 一.pdf');
  });

  it('refuses control and bidirectional-override characters, empty names, directories and names past 255 characters', () => {
    for (const bad of ['a\u0000.txt', 'a\r\n.txt', '报告\u202Etxt.exe', 'a\u2066b.txt', '', '   ', 'dir/', '..', 'a/..', 'x'.repeat(256), 42]) {
      expect(refusal(() => attachmentFilename(bad, 'attachments[3].filename'))).toMatchObject({ kind: 'unprocessable', field: 'attachments[3].filename' });
    }
    expect(attachmentFilename('x'.repeat(255), 'f')).toHaveLength(255);
  });
});

describe('uploadsFromJson', () => {
  it('decodes strict base64 and hashes each file', () => {
    const [sut] = uploadsFromJson([{ filename: 'a.txt', data: 'YWJj' }], limits);
    expect(sut).toMatchObject({ filename: 'a.txt', contentType: 'application/octet-stream', sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    expect(sut.bytes.toString()).toBe('abc');
    expect(uploadsFromJson(undefined, limits)).toEqual([]);
    expect(uploadsFromJson([], limits)).toEqual([]);
  });

  it('refuses what does not decode back to itself: whitespace, missing padding, base64url, stray bits', () => {
    for (const data of ['YW Jj', 'YWJ', 'YQ', 'a-_b', 'YR==', 'YWJj\n', '====']) {
      expect(refusal(() => uploadsFromJson([{ filename: 'a.txt', data }], limits))).toMatchObject({ kind: 'unprocessable', field: 'attachments[0].data' });
    }
  });

  it('names the limit that was passed: count 422, one file or all together 413', () => {
    const file = (n: number) => ({ filename: 'a', data: Buffer.alloc(n).toString('base64') });
    expect(refusal(() => uploadsFromJson([file(1), file(1), file(1)], limits))).toMatchObject({ kind: 'unprocessable', field: 'attachments' });
    const one = refusal(() => uploadsFromJson([file(1), file(11)], limits));
    expect(one).toMatchObject({ kind: 'too_large', field: 'attachments[1]' });
    expect(one.message).toContain('ATTACHMENT_MAX_BYTES');
    const all = refusal(() => uploadsFromJson([file(10), file(6)], limits));
    expect(all).toMatchObject({ kind: 'too_large', field: 'attachments' });
    expect(all.message).toContain('ATTACHMENT_MAX_TOTAL_BYTES');
  });
});

describe('uploadsFromFiles', () => {
  it('replaces a declared type that is not a media type instead of refusing the file', () => {
    const [sut] = uploadsFromFiles([{ originalname: 'a.txt', mimetype: 'text/plain; charset="utf-8"\u0000', buffer: Buffer.from('x') }], limits);
    expect(sut.contentType).toBe('application/octet-stream');
  });
});

describe('jsonBodyLimit', () => {
  it('adds the base64 size of the largest total to the 8 MB of the item fields, and nothing when attachments are off', () => {
    expect(jsonBodyLimit({ maxBytes: 1, maxCount: 0, maxTotalBytes: 1 })).toBe(8 * 1024 * 1024);
    const sut = jsonBodyLimit({ maxBytes: 20 * 1024 * 1024, maxCount: 20, maxTotalBytes: 50 * 1024 * 1024 });
    expect(sut).toBeGreaterThanOrEqual(8 * 1024 * 1024 + Math.ceil((50 * 1024 * 1024) / 3) * 4);
    expect(sut).toBeLessThan(8 * 1024 * 1024 + 50 * 1024 * 1024 * 1.34);
  });
});
