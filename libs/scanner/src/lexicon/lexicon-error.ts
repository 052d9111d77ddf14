/** A lexicon file that cannot be used; the message starts with `source:line:`. */
export class LexiconError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${source}:${line}: ${reason}`);
    this.name = 'LexiconError';
  }
}
