import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the HTML reader lands: the file is reported as not examined.
export const readHtmlFile: Reader = unsupportedReader('HTML');
