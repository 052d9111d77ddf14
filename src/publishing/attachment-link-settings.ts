import type { AppConfig } from '../config/env.schema';

export interface AttachmentLinkSettings {
  /** Where channels reach this service: scheme, host, optional port and path prefix, no trailing slash. */
  baseUrl: string;
  ttlSeconds: number;
}

export function attachmentLinkSettings(config: AppConfig): AttachmentLinkSettings {
  return { baseUrl: config.publicUrl, ttlSeconds: config.publishing.attachmentLinkTtlSeconds };
}
