import type { Reader } from '../read-context';
import { unsupportedReader } from '../unsupported-reader';

// Placeholder until the 图片 reader lands: the file is reported as not examined.
export const readImage: Reader = unsupportedReader('图片');
