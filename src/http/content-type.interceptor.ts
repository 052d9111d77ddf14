import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type, UnsupportedMediaTypeException } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { MultipartItemInterceptor } from '../attachments/multipart-item.interceptor';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * 415 for a request body that is not JSON, before any field is validated: a form, XML or text/plain would
 * otherwise reach the DTO as no body at all. Multipart is accepted only by the routes that take attachments,
 * found by their MultipartItemInterceptor, so the rule cannot drift from the routes.
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!WITH_BODY.has(request.method) || !hasBody(request)) return next.handle();
    if (request.is('application/json')) return next.handle();
    const multipart = this.takesAttachments(context);
    if (multipart && request.is('multipart/form-data')) return next.handle();
    const sent = request.headers['content-type'] ? `content-type ${request.headers['content-type'].split(';')[0].trim()}` : 'no content-type';
    // Content negotiation is HTTP's own concern, not a domain rule: the filter gives it the usual body.
    throw new UnsupportedMediaTypeException(`the body must be sent as application/json${multipart ? ' or multipart/form-data (with attachments)' : ''}; got ${sent}`);
  }

  private takesAttachments(context: ExecutionContext): boolean {
    const interceptors = this.reflector.getAllAndMerge<Array<Type<NestInterceptor>>>(INTERCEPTORS_METADATA, [context.getHandler(), context.getClass()]);
    return interceptors.some((interceptor) => interceptor === MultipartItemInterceptor);
  }
}
