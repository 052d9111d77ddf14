import { parseXml } from '../xml/parse-xml';

export interface PageEntry {
  id: string;
  loc: string;
}

export interface TemplateEntry {
  loc: string;
  zOrder: string;
}

/** What a document's `Document.xml` (GB/T 33190 §7.5) points to. */
export interface OfdDocument {
  pages: PageEntry[];
  templates: Map<string, TemplateEntry>;
  /** `PublicRes` and `DocumentRes` files. */
  resources: string[];
  annotations?: string;
  attachments?: string;
  /** Titles of the outline (bookmarks panel) and names of bookmarks. */
  outline: string[];
}

const LOCATIONS = new Set(['PublicRes', 'DocumentRes', 'Annotations', 'Attachments']);

export function parseOfdDocument(xml: string): OfdDocument {
  const doc: OfdDocument = { pages: [], templates: new Map(), resources: [], outline: [] };
  let loc: { name: string; text: string } | undefined;
  parseXml(xml, {
    open(el) {
      const a = el.attrs;
      if (el.local === 'Page' && a.BaseLoc) doc.pages.push({ id: a.ID ?? '', loc: a.BaseLoc });
      else if (el.local === 'TemplatePage' && a.BaseLoc) doc.templates.set(a.ID ?? '', { loc: a.BaseLoc, zOrder: a.ZOrder ?? 'Background' });
      else if (el.local === 'OutlineElem' && a.Title) doc.outline.push(a.Title);
      else if (el.local === 'Bookmark' && a.Name) doc.outline.push(a.Name);
      else if (LOCATIONS.has(el.local)) loc = { name: el.local, text: '' };
    },
    text(t) {
      if (loc) loc.text += t;
    },
    close(el) {
      if (!loc || el.local !== loc.name) return;
      const text = loc.text.trim();
      if (text) {
        if (loc.name === 'Annotations') doc.annotations ??= text;
        else if (loc.name === 'Attachments') doc.attachments ??= text;
        else doc.resources.push(text);
      }
      loc = undefined;
    },
  });
  return doc;
}
