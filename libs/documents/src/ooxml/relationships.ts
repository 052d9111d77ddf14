import { parseXml } from '../xml/parse-xml';
import type { ZipArchive } from '../zip/zip-archive';

export interface Relationship {
  /** The relationship type URI (transitional or strict): match on its last segment, e.g. `/header`. */
  type: string;
  /** A zip member name for an internal target (resolved against the source part's folder), else the URI as written. */
  target: string;
  external: boolean;
}

/**
 * The relationships of one part by id (`rId3` → …): `word/document.xml` reads `word/_rels/document.xml.rels`, and
 * `''` reads the package's `_rels/.rels`. Empty when the part has none; throws XmlError or a zip error when the
 * .rels part itself is damaged.
 */
export function readRelationships(zip: ZipArchive, partPath: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const source = partPath.replace(/^\/+/, '');
  const slash = source.lastIndexOf('/');
  const folder = slash < 0 ? '' : source.slice(0, slash + 1);
  const relsPath = `${folder}_rels/${source.slice(slash + 1)}.rels`;
  const member = findMember(zip, relsPath);
  if (!member) return rels;
  parseXml(zip.readText(member), {
    open(el) {
      if (el.local !== 'Relationship' || !el.attrs.Id || el.attrs.Target === undefined) return;
      const external = el.attrs.TargetMode?.toLowerCase() === 'external';
      const target = external ? el.attrs.Target : resolveTarget(folder, el.attrs.Target);
      if (!rels.has(el.attrs.Id)) rels.set(el.attrs.Id, { type: el.attrs.Type ?? '', target, external });
    },
  });
  return rels;
}

/** The relationships of `partPath` whose type ends with `/${kind}` (e.g. 'header'), in the order written. */
export function relationshipsOfType(rels: Map<string, Relationship>, kind: string): Relationship[] {
  return [...rels.values()].filter((r) => hasType(r, kind));
}

export function hasType(rel: Relationship, kind: string): boolean {
  return rel.type.endsWith(`/${kind}`);
}

/** A zip member by name, falling back to a case-insensitive match (some writers disagree on case). */
export function findMember(zip: ZipArchive, name: string): string | undefined {
  if (zip.has(name)) return name;
  const lower = name.toLowerCase();
  return zip.names().find((n) => n.toLowerCase() === lower);
}

/** `../media/a.png` from folder `word/charts/` → `word/media/a.png`; a leading `/` is the package root. */
export function resolveTarget(folder: string, target: string): string {
  let path = target;
  try {
    path = decodeURIComponent(target);
  } catch {
    // A lone '%' in a target written by a careless generator: keep it as written.
  }
  path = path.replace(/\\/g, '/').split(/[?#]/)[0];
  const parts = (path.startsWith('/') ? path.slice(1) : folder + path).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}
