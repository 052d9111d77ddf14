/**
 * The text of an XML file as its bytes declare it: UTF-8 as GB/T 33190 asks, but older Chinese exporters also write
 * `encoding="GB2312"`/`GBK` (GB18030 decodes both), and a BOM may announce UTF-16.
 */
export function decodeXml(bytes: Uint8Array): string {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1].toLowerCase();
    if (declared && /^(gb2312|gbk|gb18030|cp936|x-gbk)$/.test(declared)) encoding = 'gb18030';
  }
  const text = new TextDecoder(encoding).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
