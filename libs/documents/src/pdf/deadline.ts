/** The file's time ran out while pdfjs was still parsing. */
export class DeadlineError extends Error {}

/** Waits for `work` at most `ms`; pdfjs cannot be interrupted, so work still running then is abandoned. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineError('超过单个文件的审查时限')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
