import type { ScanResult } from '@clearance/scanner';
import type { ScanAttachment } from '../items/entities/scan.entity';

type AttachmentScan = ScanResult['attachments'][number];
type AttachmentPart = AttachmentScan['parts'][number];

/** Characters of attachment text kept per scan for reviewers to read back (about 6 MB of Chinese in UTF-8). */
export const MAX_STORED_PART_CHARS = 2_000_000;

export interface StoredAttachment {
  summary: ScanAttachment;
  /** The parts kept, the last one possibly cut short. */
  parts: AttachmentPart[];
}

/**
 * The attachments' parts up to `maxChars` in all, in order; what is past the cap is dropped and each attachment
 * says whether it lost anything. The scan itself always ran on the whole text: only what is kept is bounded.
 */
export function boundParts(attachments: AttachmentScan[], maxChars = MAX_STORED_PART_CHARS): StoredAttachment[] {
  let left = maxChars;
  return attachments.map((a) => {
    const parts: AttachmentPart[] = [];
    let capped = false;
    for (const part of a.parts) {
      if (left <= 0) {
        capped = true;
        break;
      }
      if (part.text.length > left) {
        parts.push({ ...part, text: part.text.slice(0, left) });
        left = 0;
        capped = true;
        break;
      }
      parts.push(part);
      left -= part.text.length;
    }
    return {
      summary: { filename: a.filename, verdict: a.verdict, coverage: a.coverage, parts: a.parts.length, partsStored: parts.length, partsCapped: capped },
      parts,
    };
  });
}
