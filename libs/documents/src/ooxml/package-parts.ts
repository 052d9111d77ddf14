import { findMember, hasType, readRelationships, type Relationship } from './relationships';
import type { ReadContext, Where } from '../read-context';
import { XmlError } from '../xml/parse-xml';
import type { ZipArchive } from '../zip/zip-archive';
import { zipGap } from '../zip/zip-reader';

/** A part's text, or undefined after recording why it could not be read (damaged, encrypted, a bomb…). */
export function partText(zip: ZipArchive, path: string, ctx: ReadContext, where: Where): string | undefined {
  try {
    return zip.readText(path);
  } catch (error) {
    ctx.gap(where, ...zipGap(error));
    return undefined;
  }
}

/** A part's relationships; damaged ones are a gap and count as none. */
export function partRelationships(zip: ZipArchive, path: string, ctx: ReadContext, where: Where): Map<string, Relationship> {
  try {
    return readRelationships(zip, path);
  } catch (error) {
    if (error instanceof XmlError) ctx.gap(where, 'damaged', `${path || '_rels/.rels'} 的关系文件损坏（${error.message}），它所引用的部件未审查`);
    else ctx.gap(where, ...zipGap(error));
    return new Map();
  }
}

/** The members the internal relationships of type `kind` point to, in the order written. */
export function targetsOfType(zip: ZipArchive, rels: Map<string, Relationship>, kind: string): string[] {
  return [...rels.values()].filter((r) => !r.external && hasType(r, kind)).flatMap((r) => findMember(zip, r.target) ?? []);
}

/** The member one relationship id points to, when it is internal and present. */
export function targetOf(zip: ZipArchive, rels: Map<string, Relationship>, id: string): string | undefined {
  const rel = rels.get(id);
  return rel && !rel.external ? findMember(zip, rel.target) : undefined;
}

/**
 * Runs `parse` over a part's XML; a break in the XML is a gap `damaged` (what was read before it is kept). `what` names
 * the part for the reviewer.
 */
export function parsePart(zip: ZipArchive, path: string, ctx: ReadContext, where: Where, what: string, parse: (xml: string) => void): void {
  const xml = partText(zip, path, ctx, where);
  if (xml === undefined) return;
  try {
    parse(xml);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap(where, 'damaged', `${what}（${path}）的 XML 损坏（${error.message}），损坏处之后的内容未审查`);
  }
}
