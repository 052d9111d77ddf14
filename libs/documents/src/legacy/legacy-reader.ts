import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the 旧版Office reader lands: the file is reported as not examined.
export const readLegacy: Reader = unsupportedReader('旧版Office');
