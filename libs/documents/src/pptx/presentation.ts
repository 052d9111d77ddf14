import { parseXml } from '../xml/parse-xml';

/**
 * The relationship ids of the slides in presentation order (`<p:sldIdLst><p:sldId id="256" r:id="rId2"/>`), hidden
 * slides included.
 */
export function slideRelIds(xml: string): string[] {
  const ids: string[] = [];
  let numericOnly = false;
  parseXml(xml, {
    open(el) {
      if (el.local !== 'sldId' || el.attrs.id === undefined) return;
      // `id` and `r:id` share a local name; a relationship id is an xsd:ID and never all digits.
      if (/^\d+$/.test(el.attrs.id)) numericOnly = true;
      else ids.push(el.attrs.id);
    },
  });
  return numericOnly ? prefixedIds(xml) : ids;
}

/** The prefixed `…:id` of each `sldId`, read from the markup for a writer that put `r:id` before `id`. */
function prefixedIds(xml: string): string[] {
  const ids: string[] = [];
  for (const tag of xml.matchAll(/<(?:[\w.-]+:)?sldId\b([^>]*)>/g)) {
    const id = /\s[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(tag[1]);
    if (id) ids.push(id[2]);
  }
  return ids;
}
