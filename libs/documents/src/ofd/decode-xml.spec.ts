import { decodeXml } from './decode-xml';

describe('decodeXml', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    expect(decodeXml(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<a>机密</a>')]))).toBe('<a>机密</a>');
  });

  it('decodes a file that declares GB2312', () => {
    const head = new TextEncoder().encode('<?xml version="1.0" encoding="GB2312"?><a>');
    // 机密 in GB2312
    const bytes = new Uint8Array([...head, 0xbb, 0xfa, 0xc3, 0xdc, ...new TextEncoder().encode('</a>')]);
    expect(decodeXml(bytes)).toBe('<?xml version="1.0" encoding="GB2312"?><a>机密</a>');
  });
});
