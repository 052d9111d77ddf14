import { parseXml } from '../xml/parse-xml';

/** Which styles hide their text (`w:vanish` in the style's run properties, through `w:basedOn`). */
export interface HiddenStyles {
  /** The explicit hidden setting a paragraph (`w:pStyle`) or character (`w:rStyle`) style gives, if any. */
  hidden(styleId: string | undefined): boolean | undefined;
  /** The style a paragraph without `w:pStyle` has. */
  defaultParagraphStyle?: string;
  /** `w:docDefaults` hiding everything (odd, but legal). */
  defaultHidden?: boolean;
}

export const NO_HIDDEN_STYLES: HiddenStyles = { hidden: () => undefined };

interface StyleEntry {
  basedOn?: string;
  vanish?: boolean;
}

/** Reads `word/styles.xml`; throws XmlError when it is not well-formed. */
export function readHiddenStyles(xml: string): HiddenStyles {
  const styles = new Map<string, StyleEntry>();
  const path: string[] = [];
  let current: StyleEntry | undefined;
  let defaultParagraphStyle: string | undefined;
  let defaultHidden: boolean | undefined;
  parseXml(xml, {
    open(el) {
      const parent = path[path.length - 1];
      const grand = path[path.length - 2];
      path.push(el.local);
      if (el.local === 'style' && parent === 'styles') {
        current = {};
        if (el.attrs.styleId) styles.set(el.attrs.styleId, current);
        if (el.attrs.type === 'paragraph' && isOn(el.attrs.default)) defaultParagraphStyle = el.attrs.styleId;
      } else if (el.local === 'basedOn' && parent === 'style' && current) {
        current.basedOn = el.attrs.val;
      } else if ((el.local === 'vanish' || el.local === 'specVanish') && parent === 'rPr') {
        if (grand === 'style' && current) current.vanish = isOn(el.attrs.val);
        else if (grand === 'rPrDefault') defaultHidden = isOn(el.attrs.val);
      }
    },
    close(el) {
      path.pop();
      if (el.local === 'style') current = undefined;
    },
  });
  return {
    defaultParagraphStyle,
    defaultHidden,
    hidden(styleId) {
      const seen = new Set<string>();
      for (let id = styleId; id !== undefined && !seen.has(id); ) {
        seen.add(id);
        const style = styles.get(id);
        if (!style) return undefined;
        if (style.vanish !== undefined) return style.vanish;
        id = style.basedOn;
      }
      return undefined;
    },
  };
}

/** An ST_OnOff value: absent means on. */
export function isOn(val: string | undefined): boolean {
  return val === undefined || !['0', 'false', 'off'].includes(val.toLowerCase());
}
