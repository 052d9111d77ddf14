import { decodeEntity } from './html-entities';
import type { MappedTextBuilder } from './mapped-text';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Text of `source[from, to)` with entities decoded; line breaks and tabs become spaces, as a browser shows them. */
export function addTextRun(out: MappedTextBuilder, source: string, from: number, to: number): void {
  let k = from;
  let plainFrom = from;
  const flush = (upTo: number): void => out.addRaw(source, plainFrom, upTo, true);
  while (k < to) {
    const amp = source.indexOf('&', k);
    if (amp < 0 || amp >= to) break;
    const decoded = decodeEntity(source, amp);
    if (decoded && amp + decoded[1] <= to) {
      flush(amp);
      out.add(decoded[0], amp, amp + decoded[1]);
      k = amp + decoded[1];
      plainFrom = k;
    } else k = amp + 1;
  }
  flush(to);
}

/**
 * An attribute value: entities decoded and, in a URL, percent-encoding too (UTF-8, else GB18030 as older
 * Chinese sites write it), so `href="/f?sfz=%31%31…"` reads as the number it carries.
 */
export function addAttributeValue(out: MappedTextBuilder, source: string, from: number, to: number, url: boolean): void {
  let k = from;
  let plainFrom = from;
  while (k < to) {
    const c = source.charCodeAt(k);
    if (c === 38 /* & */) {
      const decoded = decodeEntity(source, k);
      if (decoded && k + decoded[1] <= to) {
        addTextRun(out, source, plainFrom, k);
        out.add(decoded[0], k, k + decoded[1]);
        k += decoded[1];
        plainFrom = k;
        continue;
      }
    } else if (url && c === 37 /* % */ && k + 2 < to && isHex(source.charCodeAt(k + 1)) && isHex(source.charCodeAt(k + 2))) {
      let e = k;
      while (e + 2 < to && source.charCodeAt(e) === 37 && isHex(source.charCodeAt(e + 1)) && isHex(source.charCodeAt(e + 2))) e += 3;
      addTextRun(out, source, plainFrom, k);
      addPercentRun(out, source, k, e);
      k = e;
      plainFrom = k;
      continue;
    }
    k++;
  }
  addTextRun(out, source, plainFrom, to);
}

/** `source[from, to)` is a run of %XX: each decoded character maps to the %XX triplets it came from. */
function addPercentRun(out: MappedTextBuilder, source: string, from: number, to: number): void {
  const bytes = new Uint8Array((to - from) / 3);
  for (let b = 0; b < bytes.length; b++) bytes[b] = parseInt(source.slice(from + 3 * b + 1, from + 3 * b + 3), 16);
  let utf8: string | undefined;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    utf8 = undefined;
  }
  if (utf8 !== undefined) {
    let b = 0;
    for (const ch of utf8) {
      const lead = bytes[b];
      const size = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      out.add(ch, from + 3 * b, from + 3 * (b + size));
      b += size;
    }
    return;
  }
  try {
    out.add(new TextDecoder('gb18030', { fatal: true }).decode(bytes), from, to);
  } catch {
    addTextRun(out, source, from, to);
  }
}
