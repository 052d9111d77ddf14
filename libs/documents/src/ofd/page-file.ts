import { parseXml } from '../xml/parse-xml';
import { ContentCollector, type ContentParts } from './page-content';

/** A page's (or template's) `Content.xml`: its content and what it draws on. */
export interface PageFile {
  content: ContentParts;
  templates: { id: string; zOrder?: string }[];
  /** `PageRes` files of the page. */
  resources: string[];
}

/**
 * Reads a page description (GB/T 33190 §7.7). On a break in the XML the XmlError is thrown, and `into` keeps what was
 * read before it.
 */
export function readPageFile(xml: string, into: PageFile = emptyPage()): PageFile {
  const content = new ContentCollector();
  into.content = content.parts;
  let res: string | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'Template' && el.attrs.TemplateID) into.templates.push({ id: el.attrs.TemplateID, zOrder: el.attrs.ZOrder });
      else if (el.local === 'PageRes') res = '';
      else content.open(el);
    },
    text(t) {
      if (res !== undefined) res += t;
      else content.text(t);
    },
    close(el) {
      if (el.local === 'PageRes' && res !== undefined) {
        if (res.trim()) into.resources.push(res.trim());
        res = undefined;
      } else content.close(el);
    },
  });
  return into;
}

export const emptyPage = (): PageFile => ({ content: { codes: [], images: [], composites: [], glyphOnly: 0 }, templates: [], resources: [] });
