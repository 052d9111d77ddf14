export * from './types';
export { extractDocument, extractInto } from './extract-document';
export { sniff, decodeText } from './sniff';
export { ReadContext, ExtractionRun, type Reader, type Where } from './read-context';
export { ZipArchive, InflateBudget, ZipDamagedError, ZipLimitError, ZipEncryptedError, ZipUnsupportedError } from './zip/zip-archive';
export { parseXml, XmlError, type XmlElement, type XmlHandlers } from './xml/parse-xml';
export { extractIsolated, type IsolatedOptions } from './isolate/extract-isolated';
export type { OcrSetting } from './isolate/isolate-protocol';
