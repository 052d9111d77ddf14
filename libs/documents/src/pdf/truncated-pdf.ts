/** Whether the file ends as a whole PDF does: `%%EOF` within its last kilobyte, where readers look for it. */
export function endsWithEof(bytes: Uint8Array): boolean {
  return latin1(bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF');
}

const CATALOG = /(\d+)\s+(\d+)\s+obj\s*<<(?:(?!endobj)[\s\S]){0,4096}?\/Type\s*\/Catalog\b/;

/**
 * A cut-off file has lost its xref table and trailer, which sit at the end, and pdfjs recovers objects only when
 * it finds a trailer. Appending one that names the catalog lets it read the pages whose objects survived.
 * Null when no catalog is found in the clear (or the file is encrypted, whose keys the trailer would have to carry).
 */
export function withRecoveryTrailer(bytes: Uint8Array): Uint8Array | null {
  const text = latin1(bytes);
  const catalog = CATALOG.exec(text);
  if (!catalog || /\/Encrypt\b/.test(text)) return null;
  const trailer = new TextEncoder().encode(`\ntrailer\n<< /Root ${catalog[1]} ${catalog[2]} R >>\n%%EOF\n`);
  const out = new Uint8Array(bytes.length + trailer.length);
  out.set(bytes);
  out.set(trailer, bytes.length);
  return out;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
