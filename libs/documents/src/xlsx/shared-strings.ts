import { parseXml } from '../xml/parse-xml';
import { StringItem } from './string-item';

/**
 * Appends the workbook's shared strings (`xl/sharedStrings.xml`) to `into`, index by index. When the XML breaks part
 * way, the strings read before the break stay in `into` and the XmlError is thrown.
 */
export function readSharedStrings(xml: string, into: string[]): void {
  let item: StringItem | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'si') item = new StringItem();
      else item?.open(el);
    },
    close(el) {
      if (el.local === 'si' && item) {
        into.push(item.text);
        item = undefined;
      } else item?.close(el);
    },
    text(t) {
      item?.onText(t);
    },
  });
}
