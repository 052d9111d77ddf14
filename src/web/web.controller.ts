import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { webRoot } from './web-root';

const SCRIPT_NAME = /^[a-z][a-z0-9-]*\.js$/;
const SHEET_NAME = /^[a-z][a-z0-9-]*\.css$/;

/** The reviewer page: one HTML file, one stylesheet and the browser modules, nothing else. */
@Controller()
export class WebController {
  private readonly root = webRoot();

  @Get()
  page(@Res() response: Response): void {
    response.type('html');
    response.sendFile('index.html', { root: this.root.pageDir, cacheControl: false });
  }

  @Get('styles.css')
  styles(@Res() response: Response): void {
    response.sendFile('styles.css', { root: this.root.pageDir, cacheControl: false });
  }

  /** A feature's own stylesheet beside styles.css (e.g. account.css), by a plain name only. */
  @Get('css/:file')
  sheet(@Param('file') file: string, @Res() response: Response): void {
    if (!SHEET_NAME.test(file)) throw new NotFoundException(`no stylesheet ${file}`);
    response.type('text/css');
    response.sendFile(file, { root: this.root.pageDir, cacheControl: false }, (error) => {
      if (error && !response.headersSent) response.status(404).json({ statusCode: 404, error: 'Not Found', message: `no stylesheet ${file}` });
    });
  }

  @Get('js/:file')
  script(@Param('file') file: string, @Res() response: Response): void {
    if (!SCRIPT_NAME.test(file)) throw new NotFoundException(`no script ${file}`);
    response.type('text/javascript');
    response.sendFile(file, { root: this.root.scriptDir, cacheControl: false }, (error) => {
      if (error && !response.headersSent) response.status(404).json({ statusCode: 404, error: 'Not Found', message: `no script ${file}` });
    });
  }
}
