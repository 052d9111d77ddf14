/** `&K` is followed by a colour: six hex digits or a theme colour written in six characters (`01+000`). */
const COLOUR_LENGTH = 6;

/**
 * The text of a sheet header or footer (`<oddHeader>&L&"宋体,加粗"&12机密★10年&C第 &P 页</oddHeader>`) as its left,
 * centre and right sections, with the formatting codes and fields (page number, date, file name…) removed.
 */
export function headerFooterSections(code: string): string[] {
  const sections: string[] = [];
  let current = '';
  const flush = (): void => {
    if (/\S/.test(current)) sections.push(current);
    current = '';
  };
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch !== '&') {
      current += ch;
      continue;
    }
    const next = code[++i];
    if (next === undefined) break;
    if (next === '&') current += '&';
    else if (next === 'L' || next === 'C' || next === 'R') flush();
    else if (next === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
    } else if (/\d/.test(next)) {
      while (/\d/.test(code[i + 1] ?? '')) i++;
    } else if (next === 'K') {
      i += COLOUR_LENGTH;
    } else if (next === 'P' || next === 'N') {
      // A page offset (`&P+1`) belongs to the field, not the text.
      const offset = /^[+-]\d+/.exec(code.slice(i + 1));
      if (offset) i += offset[0].length;
    }
    // Every other code (&D &T &Z &F &A &G &B &I &U &E &S &X &Y &O &H) is a field or a format: no text.
  }
  flush();
  return sections;
}
