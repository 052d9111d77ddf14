import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/env.schema';
import { AttachmentExtractor } from './attachment-extractor';

describe('AttachmentExtractor', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says once, at start, that OCR is unavailable when Tesseract cannot be run', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sut = new AttachmentExtractor(loadConfig({ TESSERACT_PATH: '/nonexistent/tesseract' }));
    sut.onApplicationBootstrap();
    await sut.extractAll([]);
    await sut.extractAll([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^OCR unavailable: images and scanned pages will be reported as not examined/);
  });

  it('says nothing when OCR is off', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sut = new AttachmentExtractor(loadConfig({ OCR: 'off', TESSERACT_PATH: '/nonexistent/tesseract' }));
    sut.onApplicationBootstrap();
    await sut.extractAll([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('names a missing language when Tesseract lacks it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sut = new AttachmentExtractor(loadConfig({ OCR_LANGUAGES: 'chi_sim+zz_nonexistent' }));
    await sut.extractAll([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/zz_nonexistent/);
  });
});
