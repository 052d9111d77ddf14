import { ExtractProcessor } from '../../src/scan/extract.processor';
import { ScanProcessor } from '../../src/scan/scan.processor';
import { startTestApp, TestApp } from '../support/test-app';

describe('worker settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SCAN_CONCURRENCY: '2', EXTRACT_CONCURRENCY: '3' });
  });
  afterAll(() => t?.close());

  it('runs as many scans and extractions at once as SCAN_CONCURRENCY and EXTRACT_CONCURRENCY say', async () => {
    await Promise.all([t.app.get(ScanProcessor).worker.waitUntilReady(), t.app.get(ExtractProcessor).worker.waitUntilReady()]);
    expect(t.app.get(ScanProcessor).worker.concurrency).toBe(2);
    expect(t.app.get(ExtractProcessor).worker.concurrency).toBe(3);
  });
});
