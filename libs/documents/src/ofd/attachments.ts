import { parseXml } from '../xml/parse-xml';

export interface AttachmentEntry {
  name: string;
  loc: string;
}

/** `Attachments.xml` (GB/T 33190 §20): files carried inside the package. */
export function readAttachments(xml: string): AttachmentEntry[] {
  const list: AttachmentEntry[] = [];
  let name = '';
  let loc: string | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'Attachment') name = el.attrs.Name ?? '';
      else if (el.local === 'FileLoc') loc = '';
    },
    text(t) {
      if (loc !== undefined) loc += t;
    },
    close(el) {
      if (el.local === 'FileLoc' && loc !== undefined) {
        if (loc.trim()) list.push({ name, loc: loc.trim() });
        loc = undefined;
      }
    },
  });
  return list;
}
