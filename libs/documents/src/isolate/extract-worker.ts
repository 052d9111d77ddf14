import { extractDocument } from '../extract-document';
import type { ExtractReply, ExtractRequest } from './isolate-protocol';
import { ocrEngineFor } from './ocr-setting';

// One request per child process: the process is thrown away afterwards, with whatever memory the file cost.
process.once('message', (request: ExtractRequest) => {
  extractDocument(request.bytes, request.filename, { limits: request.limits, ocr: ocrEngineFor(request.ocr) })
    .then((document): ExtractReply => ({ ok: true, document }))
    .catch((error: unknown): ExtractReply => ({ ok: false, message: (error as Error)?.message ?? String(error) }))
    .then((reply) => process.send?.(reply, () => process.exit(0)));
});
