import { parseXml } from '../xml/parse-xml';
import { StringItem } from './string-item';

export interface CellComment {
  ref: string;
  author?: string;
  text: string;
}

/** Legacy cell comments (notes) of one sheet, `xl/comments1.xml`: authors listed once, each comment by `authorId`. */
export function readLegacyComments(xml: string, onComment: (c: CellComment) => void): void {
  const authors: string[] = [];
  let author: string | undefined;
  let comment: { ref: string; authorId: number; item: StringItem } | undefined;
  parseXml(xml, {
    open(el) {
      if (comment) comment.item.open(el);
      else if (el.local === 'author') author = '';
      else if (el.local === 'comment') comment = { ref: el.attrs.ref ?? '', authorId: Number(el.attrs.authorId), item: new StringItem() };
    },
    text(t) {
      if (comment) comment.item.onText(t);
      else if (author !== undefined) author += t;
    },
    close(el) {
      if (el.local === 'comment' && comment) {
        onComment({ ref: comment.ref, author: authors[comment.authorId], text: comment.item.text });
        comment = undefined;
      } else if (comment) comment.item.close(el);
      else if (el.local === 'author' && author !== undefined) {
        authors.push(author);
        author = undefined;
      }
    },
  });
}

/** The people of threaded comments, `xl/persons/person.xml`: id → display name. */
export function readPersons(xml: string): Map<string, string> {
  const persons = new Map<string, string>();
  parseXml(xml, {
    open(el) {
      if (el.local === 'person' && el.attrs.id) persons.set(el.attrs.id, el.attrs.displayName ?? '');
    },
  });
  return persons;
}

/** Threaded comments and their replies of one sheet (`xl/threadedComments/threadedComment1.xml`, Excel 365). */
export function readThreadedComments(xml: string, persons: Map<string, string>, onComment: (c: CellComment) => void): void {
  let comment: { ref: string; author?: string; text: string; inText: boolean } | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'threadedComment') {
        const author = el.attrs.personId ? persons.get(el.attrs.personId) : undefined;
        comment = { ref: el.attrs.ref ?? '', author: author || undefined, text: '', inText: false };
      } else if (comment && el.local === 'text') comment.inText = true;
    },
    text(t) {
      if (comment?.inText) comment.text += t;
    },
    close(el) {
      if (!comment) return;
      if (el.local === 'text') comment.inText = false;
      else if (el.local === 'threadedComment') {
        onComment({ ref: comment.ref, author: comment.author, text: comment.text });
        comment = undefined;
      }
    },
  });
}
