import { Allow, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { HasOnlyAttachmentFields } from './attachment-entries';

export class ScanDraftDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  title?: string;

  @IsString()
  body!: string;

  @IsOptional()
  @IsIn(['text', 'html'])
  format?: 'text' | 'html';

  /** As for an item: [{filename, contentType?, data (base64)}], or file parts of a multipart request. */
  @Allow()
  @HasOnlyAttachmentFields()
  attachments?: unknown;
}
