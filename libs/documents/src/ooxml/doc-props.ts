import type { ReadContext } from '../read-context';
import { XmlError, parseXml, type XmlElement } from '../xml/parse-xml';
import type { ZipArchive } from '../zip/zip-archive';
import { zipGap } from '../zip/zip-reader';
import { findMember, hasType, readRelationships } from './relationships';

const PREFIXES: Record<string, string> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.oclc.org/ooxml/package/2006/metadata/core-properties': 'cp',
};

/** Core properties that are dates, counters or a language tag: nothing a reviewer needs to see. */
const CORE_SKIPPED = new Set(['created', 'modified', 'lastPrinted', 'revision', 'language']);

/** app.xml fields that hold free text (the rest are counts, the application name, titles of parts). */
const APP_FIELDS = new Set(['Company', 'Manager', 'HyperlinkBase']);

/**
 * Emits the package's properties as part `metadata` pieces, each with its `field`: core (`dc:title`, `cp:keywords`…),
 * extended (app.xml `Company`, `Manager`), every custom property by its name, and the text of custom XML data parts
 * (`customXml/item1.xml`, what content controls bind to). Shared by the docx, xlsx and pptx readers.
 */
export function readDocProps(zip: ZipArchive, ctx: ReadContext): void {
  const paths = propertyParts(zip);
  if (paths.core) readPart(zip, ctx, paths.core, (xml, emit) => readCore(xml, emit));
  if (paths.app) readPart(zip, ctx, paths.app, (xml, emit) => readApp(xml, emit));
  if (paths.custom) readPart(zip, ctx, paths.custom, (xml, emit) => readCustom(xml, emit));
  for (const item of zip.names().filter((n) => /^customXml\/item\d*\.xml$/i.test(n))) {
    readPart(zip, ctx, item, (xml, emit) => readCustomXml(xml, emit));
  }
}

interface PropertyParts {
  core?: string;
  app?: string;
  custom?: string;
}

function propertyParts(zip: ZipArchive): PropertyParts {
  const found: PropertyParts = {};
  try {
    for (const rel of readRelationships(zip, '').values()) {
      if (rel.external) continue;
      if (hasType(rel, 'core-properties')) found.core ??= findMember(zip, rel.target);
      else if (hasType(rel, 'extended-properties')) found.app ??= findMember(zip, rel.target);
      else if (hasType(rel, 'custom-properties')) found.custom ??= findMember(zip, rel.target);
    }
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    // A damaged _rels/.rels: the conventional paths below still find the parts.
  }
  found.core ??= findMember(zip, 'docProps/core.xml');
  found.app ??= findMember(zip, 'docProps/app.xml');
  found.custom ??= findMember(zip, 'docProps/custom.xml');
  return found;
}

type Emit = (field: string, text: string) => boolean;

function readPart(zip: ZipArchive, ctx: ReadContext, path: string, read: (xml: string, emit: Emit) => void): void {
  let xml: string;
  try {
    xml = zip.readText(path);
  } catch (error) {
    ctx.gap({ part: 'metadata', field: path }, ...zipGap(error));
    return;
  }
  let open = true;
  const emit: Emit = (field, text) => (open &&= ctx.emit(text.trim(), { part: 'metadata', field }));
  try {
    read(xml, emit);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap({ part: 'metadata', field: path }, 'damaged', `文档属性（${path}）XML 损坏，未能完整审查：${error.message}`);
  }
}

/** Collects the text of each element with no element children, calling `done` with it as it closes. */
function leafTexts(xml: string, done: (el: XmlElement, text: string, path: XmlElement[]) => void): void {
  const stack: { el: XmlElement; text: string; leaf: boolean }[] = [];
  parseXml(xml, {
    open(el) {
      const top = stack[stack.length - 1];
      if (top) top.leaf = false;
      stack.push({ el, text: '', leaf: true });
    },
    text(t) {
      const top = stack[stack.length - 1];
      if (top) top.text += t;
    },
    close() {
      const top = stack.pop();
      if (top?.leaf && /\S/.test(top.text)) done(top.el, top.text, stack.map((s) => s.el));
    },
  });
}

function readCore(xml: string, emit: Emit): void {
  leafTexts(xml, (el, text, path) => {
    if (path.length === 0 || CORE_SKIPPED.has(el.local)) return;
    emit(`${PREFIXES[el.uri] ?? 'cp'}:${el.local}`, text);
  });
}

function readApp(xml: string, emit: Emit): void {
  leafTexts(xml, (el, text, path) => {
    if (path.length === 1 && APP_FIELDS.has(el.local)) emit(el.local, text);
  });
}

function readCustom(xml: string, emit: Emit): void {
  leafTexts(xml, (_el, text, path) => {
    const property = path.find((p) => p.local === 'property');
    if (property) emit(property.attrs.name ?? '自定义属性', text);
  });
}

function readCustomXml(xml: string, emit: Emit): void {
  leafTexts(xml, (el, text) => {
    emit(`customXml:${el.local}`, text);
  });
}
