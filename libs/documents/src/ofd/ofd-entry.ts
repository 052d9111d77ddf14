import { parseXml } from '../xml/parse-xml';

/** A DocInfo field with text a reviewer should see: title, author, subject, abstract, keyword, custom data. */
export interface DocInfoField {
  field: string;
  text: string;
}

/** One `DocBody` of `OFD.xml`: a document of the package. */
export interface DocBody {
  info: DocInfoField[];
  /** `DocRoot`: the document's `Document.xml`. */
  root?: string;
}

export interface OfdEntry {
  bodies: DocBody[];
  /** The entry names an encryption (GM/T 0099 `Encryptions`). */
  encrypted: boolean;
}

const INFO_FIELDS = new Set(['Title', 'Author', 'Subject', 'Abstract', 'Keyword']);

/** The package entry `OFD.xml` (GB/T 33190 §7.4): each document's root and DocInfo. */
export function parseOfdEntry(xml: string): OfdEntry {
  const entry: OfdEntry = { bodies: [], encrypted: false };
  let body: DocBody | undefined;
  let field: { name: string; text: string } | undefined;
  let root: string | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'Encryptions' || el.local === 'EncryptInfo') entry.encrypted = true;
      if (el.local === 'DocBody') {
        body = { info: [] };
        entry.bodies.push(body);
      } else if (!body) return;
      else if (INFO_FIELDS.has(el.local)) field = { name: el.local, text: '' };
      else if (el.local === 'CustomData') field = { name: el.attrs.Name || 'CustomData', text: '' };
      else if (el.local === 'DocRoot') root = '';
    },
    text(t) {
      if (field) field.text += t;
      else if (root !== undefined) root += t;
    },
    close(el) {
      if (!body) return;
      if (field && (el.local === 'CustomData' || INFO_FIELDS.has(el.local))) {
        if (/\S/.test(field.text)) body.info.push({ field: field.name, text: field.text.trim() });
        field = undefined;
      } else if (el.local === 'DocRoot' && root !== undefined) {
        body.root = root.trim() || undefined;
        root = undefined;
      }
    },
  });
  return entry;
}
