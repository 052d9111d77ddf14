import type { XmlElement } from '../xml/parse-xml';

/**
 * The text of one SpreadsheetML string item (a shared string `<si>`, an inline `<is>`, a legacy comment's `<text>`):
 * plain `<t>` or rich-text runs `<r><t>` joined, phonetic guides (`<rPh>`) left out.
 */
export class StringItem {
  private phonetic = 0;
  private inText = false;
  private parts: string[] = [];

  open(el: XmlElement): void {
    if (el.local === 'rPh') this.phonetic++;
    else if (el.local === 't' && this.phonetic === 0) this.inText = true;
  }

  close(el: XmlElement): void {
    if (el.local === 'rPh') this.phonetic--;
    else if (el.local === 't') this.inText = false;
  }

  onText(text: string): void {
    if (this.inText) this.parts.push(text);
  }

  get text(): string {
    return decodeEscapes(this.parts.join(''));
  }
}

/** `_x000D_` is how SpreadsheetML writes a character XML cannot hold (ST_Xstring); `_x005F_` escapes the underscore. */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
