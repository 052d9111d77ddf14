import { extractInto } from '../extract-document';
import { readDocProps } from '../ooxml/doc-props';
import { readDrawingText } from '../ooxml/drawing-text';
import { readEmbeddedParts } from '../ooxml/embedded';
import type { ReadContext, Reader } from '../read-context';
import { XmlError } from '../xml/parse-xml';
import { ZipArchive, ZipDamagedError, ZipEncryptedError, ZipLimitError, ZipUnsupportedError } from '../zip/zip-archive';
import { zipGap } from '../zip/zip-reader';
import { NO_HIDDEN_STYLES, readHiddenStyles, type HiddenStyles } from './hidden-styles';
import { locateWordParts, type StoryPart } from './word-parts';
import { readStory } from './word-story';

const PART_NAMES: Record<string, string> = {
  body: '正文',
  header: '页眉',
  footer: '页脚',
  footnote: '脚注',
  endnote: '尾注',
  comment: '批注',
  'hidden-text': '隐藏内容',
};

/**
 * Word 2007+ (.docx, .docm, .dotx, .dotm; transitional or strict): body, tables and text boxes, headers and footers,
 * notes, comments, tracked changes, hidden text, charts and SmartArt, document properties and embedded files.
 */
export const readDocx: Reader = async (bytes, ctx) => {
  const zip = new ZipArchive(bytes, ctx.budget);
  const parts = locateWordParts(zip, ctx);
  if (!parts.main) {
    ctx.gap({ part: 'unreadable' }, 'damaged', '找不到 Word 正文部件（word/document.xml），文件结构损坏，正文未审查');
  }
  const styles = parts.styles ? loadStyles(zip, parts.styles) : NO_HIDDEN_STYLES;
  for (const story of parts.stories) {
    if (ctx.timedOut()) {
      ctx.gap({ part: story.story.part, field: story.path }, 'timed-out', '超过单个文件的审查时限，其余内容未审查');
      return;
    }
    readStoryPart(zip, story, styles, ctx);
  }
  for (const path of parts.drawings) readDrawingText(zip, ctx, path, { part: 'body', field: path });
  readDocProps(zip, ctx);
  for (const path of parts.chunks) {
    let chunk: Uint8Array;
    try {
      chunk = zip.read(path);
    } catch (error) {
      ctx.gap({ part: 'embedded', field: path }, ...zipGap(error));
      continue;
    }
    await extractInto(chunk, ctx.child(path, { part: 'embedded', field: path }));
  }
  await readEmbeddedParts(zip, ctx, parts.embedded);
};

function readStoryPart(zip: ZipArchive, { path, story }: StoryPart, styles: HiddenStyles, ctx: ReadContext): void {
  const where = { part: story.part, field: path };
  let xml: string;
  try {
    xml = zip.readText(path);
  } catch (error) {
    ctx.gap(where, ...zipGap(error));
    return;
  }
  try {
    readStory(xml, story, styles, ctx);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap(where, 'damaged', `${PART_NAMES[story.part] ?? path}（${path}）XML 损坏，损坏处之后的内容未审查：${error.message}`);
  }
}

function loadStyles(zip: ZipArchive, path: string): HiddenStyles {
  try {
    return readHiddenStyles(zip.readText(path));
  } catch (error) {
    if (error instanceof XmlError || error instanceof ZipDamagedError || error instanceof ZipLimitError || error instanceof ZipEncryptedError || error instanceof ZipUnsupportedError) {
      // No text is lost without the styles: text a style hides is then read as plain text of its part.
      return NO_HIDDEN_STYLES;
    }
    throw error;
  }
}
