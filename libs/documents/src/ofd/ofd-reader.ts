import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the OFD reader lands: the file is reported as not examined.
export const readOfd: Reader = unsupportedReader('OFD');
