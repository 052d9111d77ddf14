import { parseXml } from '../xml/parse-xml';
import { ParagraphCollector } from '../ooxml/drawing-paragraphs';

export interface SlideComment {
  authorId?: string;
  text: string;
}

/**
 * Comment authors by id: legacy `ppt/commentAuthors.xml` (`<p:cmAuthor id="0" name>`) and modern `ppt/authors.xml`
 * (`<p188:author id="{GUID}" name>`).
 */
export function readCommentAuthors(xml: string, into: Map<string, string>): void {
  parseXml(xml, {
    open(el) {
      if ((el.local === 'cmAuthor' || el.local === 'author') && el.attrs.id !== undefined && el.attrs.name) into.set(el.attrs.id, el.attrs.name);
    },
  });
}

interface Entry {
  authorId?: string;
  /** A legacy comment's `<p:text>`. */
  plain: string;
  paragraphs: string[];
  replies: SlideComment[];
}

const textOf = (e: Entry): string => [e.plain, ...e.paragraphs].filter((t) => /\S/.test(t)).join('\n');

/**
 * The comments of one slide: legacy (`<p:cm authorId><p:text>`) or modern (`<p188:cm authorId>` with a DrawingML
 * `txBody` and `replyLst` of replies, each by its own author). A comment comes before its replies.
 */
export function readSlideComments(xml: string, onComment: (c: SlideComment) => void): void {
  const stack: Entry[] = [];
  let inLegacyText = false;
  const paragraphs = new ParagraphCollector((text) => {
    stack[stack.length - 1]?.paragraphs.push(text);
  });
  parseXml(xml, {
    open(el) {
      if (el.local === 'cm' || el.local === 'reply') stack.push({ authorId: el.attrs.authorId, plain: '', paragraphs: [], replies: [] });
      else if (el.local === 'text' && stack.length > 0) inLegacyText = true;
      else paragraphs.open(el);
    },
    text(t) {
      const top = stack[stack.length - 1];
      if (inLegacyText && top) top.plain += t;
      else paragraphs.onText(t);
    },
    close(el) {
      if (el.local === 'text') inLegacyText = false;
      else if (el.local === 'reply') {
        const reply = stack.pop();
        if (reply) stack[stack.length - 1]?.replies.push({ authorId: reply.authorId, text: textOf(reply) });
      } else if (el.local === 'cm') {
        const comment = stack.pop();
        if (!comment) return;
        onComment({ authorId: comment.authorId, text: textOf(comment) });
        comment.replies.forEach(onComment);
      } else paragraphs.close(el);
    },
  });
}
