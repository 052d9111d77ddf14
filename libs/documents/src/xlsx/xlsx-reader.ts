import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the Excel reader lands: the file is reported as not examined.
export const readXlsx: Reader = unsupportedReader('Excel');
