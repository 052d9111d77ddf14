import { findMember } from '../ooxml/relationships';
import type { ZipArchive } from '../zip/zip-archive';

/** The folder of a package path, with its trailing slash ('' at the root). */
export const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/** An OFD location (ST_Loc) against a folder: `/` starts from the package root; `.` and `..` are resolved. */
export function joinLoc(folder: string, loc: string): string {
  const path = loc.trim().replace(/\\/g, '/');
  const parts = (path.startsWith('/') ? path : folder + path).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/**
 * The member a location names. GB/T 33190 resolves a relative location against the file that holds it, but exporters
 * differ (some write paths from the document folder or the package root), so each folder is tried in turn.
 */
export function locate(zip: ZipArchive, loc: string, folders: string[]): string | undefined {
  if (!loc.trim()) return undefined;
  for (const folder of [...folders, '']) {
    const found = findMember(zip, joinLoc(folder, loc));
    if (found) return found;
  }
  return undefined;
}
