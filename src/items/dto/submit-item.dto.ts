import { Type } from 'class-transformer';
import {
  Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { HasOnlyAttachmentFields } from './attachment-entries';

export class AuthorDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;

  @IsString()
  @MaxLength(200)
  name!: string;
}

/** What a CMS sends to have one item reviewed. */
export class SubmitItemDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  unit!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  title!: string;

  // The 2 MB limit is checked in bytes by the service, which answers 413 naming the field.
  @IsString()
  @IsNotEmpty()
  body!: string;

  @IsIn(['text', 'html'])
  format!: 'text' | 'html';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { each: true, message: 'each of channels must be a channel name (a-z, 0-9, _ or -)' })
  channels!: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => AuthorDto)
  author?: AuthorDto;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'callbackUrl must be an http(s) URL' })
  @MaxLength(2000)
  callbackUrl?: string;

  /** [{filename, contentType?, data (base64)}]: checked by the attachments intake, whose refusals are 413/422 naming attachments[i]. */
  @Allow()
  @HasOnlyAttachmentFields()
  attachments?: unknown;
}
