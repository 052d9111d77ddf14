import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the PowerPoint reader lands: the file is reported as not examined.
export const readPptx: Reader = unsupportedReader('PowerPoint');
