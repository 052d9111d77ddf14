/** Named entities that occur in CMS output; unknown names are left as they are. */
export const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', zwj: '\u200d', zwnj: '\u200c', shy: '\u00ad', middot: '·', mdash: '—', ndash: '–',
  hellip: '…', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', bull: '•',
  times: '×', divide: '÷', copy: '©', reg: '®', trade: '™', deg: '°', yen: '¥', sect: '§', para: '¶',
  star: '☆', starf: '★', bigstar: '★', ast: '*', midast: '*', lowbar: '_', hyphen: '‐', dash: '‐',
  lsqb: '[', rsqb: ']', lpar: '(', rpar: ')', colon: ':', comma: ',', period: '.', plus: '+', num: '#',
};

/** Decodes the entity at `source[at] === '&'`: [decoded text, source length], or undefined when not one. */
export function decodeEntity(source: string, at: number): [string, number] | undefined {
  const m = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/y;
  m.lastIndex = at;
  const r = m.exec(source);
  if (!r) return undefined;
  if (r[1] !== undefined || r[2] !== undefined) {
    const cp = r[1] !== undefined ? Number(r[1]) : parseInt(r[2], 16);
    const safe = cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp;
    return [String.fromCodePoint(safe), r[0].length];
  }
  const named = NAMED_ENTITIES[r[3]] ?? NAMED_ENTITIES[r[3].toLowerCase()];
  if (named === undefined || !r[0].endsWith(';')) return named === undefined ? undefined : [named, r[0].length];
  return [named, r[0].length];
}
