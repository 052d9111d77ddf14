import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** Serves the reviewer page at / (the security headers are mounted for the whole app in app.factory.ts). */
@Module({ controllers: [WebController] })
export class WebModule {}
