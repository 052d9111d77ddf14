import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  /** Local name without prefix: 'p' for w:p. */
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attributes by local name (w:val → val; an unprefixed one wins a clash) and, for prefixed ones, by qualified name too. */
  attrs: Record<string, string>;
}

export interface XmlHandlers {
  open?(el: XmlElement): void;
  close?(el: XmlElement): void;
  text?(text: string): void;
}

/** The XML is not well-formed. */
export class XmlError extends Error {}

/**
 * Streams an XML document to the handlers, with namespaces resolved. Office readers match on local names (the
 * schemas' prefixes are conventions, not fixed) and on the namespace URI where two schemas share a local name.
 */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    // By local name, an unprefixed attribute winning over a prefixed one (`id` and `r:id` on p:sldId); prefixed
    // attributes are also kept under their qualified name.
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix) {
        attrs[`${a.prefix}:${a.local}`] = a.value;
        if (!(a.local in attrs)) attrs[a.local] = a.value;
      } else attrs[a.local] = a.value;
    }
    const el: XmlElement = { local: tag.local, uri: tag.uri, attrs };
    stack.push(el);
    handlers.open?.(el);
  });
  // saxes emits closetag for self-closing tags too.
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el) handlers.close?.(el);
  });
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', (t) => onText(t));
    parser.on('cdata', (t) => onText(t));
  }
  try {
    parser.write(xml).close();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) throw new XmlError(failure.message);
}
