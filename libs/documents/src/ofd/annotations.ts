import { parseXml } from '../xml/parse-xml';
import { ContentCollector, type ContentParts } from './page-content';

/** `Annotations.xml` (GB/T 33190 §15): page id → the annotation files of that page. */
export function readAnnotationIndex(xml: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  let page: string | undefined;
  let loc: string | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'Page') page = el.attrs.PageID;
      else if (el.local === 'FileLoc' && page !== undefined) loc = '';
    },
    text(t) {
      if (loc !== undefined) loc += t;
    },
    close(el) {
      if (el.local === 'FileLoc' && page !== undefined && loc !== undefined) {
        if (loc.trim()) index.set(page, [...(index.get(page) ?? []), loc.trim()]);
        loc = undefined;
      } else if (el.local === 'Page') page = undefined;
    },
  });
  return index;
}

/** One annotation: who made it, its remark, and what its appearance draws. */
export interface Annotation {
  type: string;
  creator?: string;
  remark: string;
  appearance: ContentParts;
}

/** A page's annotation file (`PageAnnot` with `Annot`s): remarks and appearance content (stamps, watermarks, notes). */
export function readPageAnnotations(xml: string, onAnnotation: (a: Annotation) => void): void {
  let annot: { type: string; creator?: string; remark: string; inRemark: boolean; content: ContentCollector } | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'Annot') annot = { type: el.attrs.Type ?? '', creator: el.attrs.Creator?.trim() || undefined, remark: '', inRemark: false, content: new ContentCollector() };
      else if (!annot) return;
      else if (el.local === 'Remark') annot.inRemark = true;
      else annot.content.open(el);
    },
    text(t) {
      if (annot?.inRemark) annot.remark += t;
      else annot?.content.text(t);
    },
    close(el) {
      if (!annot) return;
      if (el.local === 'Annot') {
        onAnnotation({ type: annot.type, creator: annot.creator, remark: annot.remark, appearance: annot.content.parts });
        annot = undefined;
      } else if (el.local === 'Remark') annot.inRemark = false;
      else annot.content.close(el);
    },
  });
}
