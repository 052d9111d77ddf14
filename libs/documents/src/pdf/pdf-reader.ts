import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the PDF reader lands: the file is reported as not examined.
export const readPdf: Reader = unsupportedReader('PDF');
