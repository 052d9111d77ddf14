import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the Word reader lands: the file is reported as not examined.
export const readDocx: Reader = unsupportedReader('Word');
