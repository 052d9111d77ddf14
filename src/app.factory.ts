import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { attachmentJsonParser } from './attachments/attachment-body-parser';
import { AppModule } from './app.module';
import { AppConfig } from './config/env.schema';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { createValidationPipe } from './http/validation.pipe';
import { securityHeaders } from './http/security-headers';

/** Builds the HTTP application (roles all and api) with the filter, validation and body limits. */
export async function createHttpApp(config: AppConfig, logger?: LoggerService): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: logger ?? false, bodyParser: false, abortOnError: false });
  // Mounted before the body parsers so their 400 and 413 answers carry the headers too.
  app.use(securityHeaders);
  // Room for base64 attachments only on the two routes that take them; everywhere else the 8 MB below.
  app.use(attachmentJsonParser(config.attachments));
  // 2 MB of text can take more than 2 MB of JSON once escaped; the body field itself is checked in bytes.
  app.useBodyParser('json', { limit: '8mb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useGlobalFilters(new DomainExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  return app;
}

/** The worker role alone: processors and reconciler, no HTTP server. */
export async function createWorkerContext(config: AppConfig, logger?: LoggerService): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: logger ?? false, abortOnError: false });
  return app;
}
