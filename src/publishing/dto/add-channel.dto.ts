import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Name, URL and secret are checked by ChannelsService, which the CLI shares, and answer 422 naming the field. */
export class AddChannelDto {
  @IsString()
  @MaxLength(64)
  name!: string;

  @IsString()
  @MaxLength(2000)
  url!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;

  /** The admin's own unit code, which is also the default; service-wide channels are the operator's (CLI). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string;
}

export class AddSecretDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;
}
