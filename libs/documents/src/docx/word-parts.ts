import type { ReadContext } from '../read-context';
import { findMember, hasType, readRelationships, type Relationship } from '../ooxml/relationships';
import { XmlError, parseXml } from '../xml/parse-xml';
import type { ZipArchive } from '../zip/zip-archive';
import { zipGap } from '../zip/zip-reader';
import type { Story } from './word-story';

export interface StoryPart {
  path: string;
  story: Story;
}

/** Where a Word package keeps what it says, found through its relationships. */
export interface WordParts {
  /** The main document part (`word/document.xml`), if there is one. */
  main?: string;
  /** Every part read as paragraphs, in reading order: headers, body, footers, notes, comments, glossary. */
  stories: StoryPart[];
  styles?: string;
  /** Charts and SmartArt data. */
  drawings: string[];
  /** `w:altChunk` imports (HTML, RTF, another docx) kept as parts of their own. */
  chunks: string[];
  /** Folders and members to open as embedded files. */
  embedded: string[];
}

const MAIN_CONTENT_TYPE = /(wordprocessingml\.(document|template)|ms-word\.(document|template)\.macroenabled(template)?)\.main\+xml$/i;

export function locateWordParts(zip: ZipArchive, ctx: ReadContext): WordParts {
  const main = mainDocument(zip);
  const parts: WordParts = { main, stories: [], drawings: [], chunks: [], embedded: ['word/embeddings/', 'word/media/'] };
  if (!main) return parts;
  const folder = main.slice(0, main.lastIndexOf('/') + 1);
  if (folder !== 'word/') parts.embedded.push(`${folder}embeddings/`, `${folder}media/`);
  let rels: Relationship[];
  try {
    rels = [...readRelationships(zip, main).values()].filter((r) => !r.external);
  } catch (error) {
    const [reason, detail] = error instanceof XmlError ? (['damaged', `关系文件 XML 损坏：${error.message}`] as const) : zipGap(error);
    ctx.gap({ part: 'body', field: `${folder}_rels/` }, reason, `${detail}；按常规文件名查找页眉、页脚、脚注和批注`);
    rels = [];
  }
  const targets = (kind: string, conventional: RegExp): string[] => {
    const named = rels.filter((r) => hasType(r, kind)).map((r) => r.target);
    const found = named.length > 0 ? named : zip.names().filter((n) => conventional.test(n.slice(folder.length)) && n.startsWith(folder));
    const members: string[] = [];
    for (const target of byNumber([...new Set(found)])) {
      const member = findMember(zip, target);
      if (member) members.push(member);
      else ctx.gap({ part: 'unreadable', field: target }, 'damaged', `文档引用的部件 ${target} 缺失（文件不完整）`);
    }
    return members;
  };
  const add = (kind: string, conventional: RegExp, story: (path: string) => Story): void => {
    for (const path of targets(kind, conventional)) parts.stories.push({ path, story: story(path) });
  };
  add('header', /^header\d*\.xml$/, (path) => ({ part: 'header', field: path }));
  parts.stories.push({ path: main, story: { part: 'body' } });
  add('footer', /^footer\d*\.xml$/, (path) => ({ part: 'footer', field: path }));
  add('footnotes', /^footnotes\.xml$/, () => ({ part: 'footnote' }));
  add('endnotes', /^endnotes\.xml$/, () => ({ part: 'endnote' }));
  add('comments', /^comments\.xml$/, () => ({ part: 'comment' }));
  // The glossary holds building blocks (AutoText, placeholder text) Word never shows in the document.
  add('glossaryDocument', /^glossary\/document\.xml$/, (path) => ({ part: 'hidden-text', field: path }));
  parts.styles = targets('styles', /^styles\.xml$/)[0];
  parts.drawings = [...targets('diagramData', /^diagrams\/data\d*\.xml$/), ...targets('chart', /^charts\/chart\d*\.xml$/)];
  parts.chunks = rels.filter((r) => hasType(r, 'aFChunk')).map((r) => findMember(zip, r.target)).filter((m): m is string => !!m);
  for (const r of rels) {
    if ((hasType(r, 'image') || hasType(r, 'oleObject') || hasType(r, 'package')) && !parts.embedded.some((f) => r.target.startsWith(f))) {
      parts.embedded.push(r.target);
    }
  }
  return parts;
}

/** The main document: through `_rels/.rels`, else `[Content_Types].xml`, else the conventional name. */
function mainDocument(zip: ZipArchive): string | undefined {
  try {
    for (const rel of readRelationships(zip, '').values()) {
      if (!rel.external && hasType(rel, 'officeDocument')) {
        const member = findMember(zip, rel.target);
        if (member) return member;
      }
    }
  } catch {
    // A damaged package relationship: the content types and the conventional name still say where the body is.
  }
  try {
    const types = findMember(zip, '[Content_Types].xml');
    let found: string | undefined;
    if (types) {
      parseXml(zip.readText(types), {
        open(el) {
          if (!found && el.local === 'Override' && MAIN_CONTENT_TYPE.test(el.attrs.ContentType ?? '')) {
            found = findMember(zip, (el.attrs.PartName ?? '').replace(/^\/+/, ''));
          }
        },
      });
    }
    if (found) return found;
  } catch {
    // As above.
  }
  return findMember(zip, 'word/document.xml');
}

/** header2.xml before header10.xml. */
function byNumber(paths: string[]): string[] {
  const num = (p: string): number => Number(/(\d+)\.xml$/i.exec(p)?.[1] ?? 0);
  return [...paths].sort((a, b) => num(a) - num(b) || a.localeCompare(b));
}
