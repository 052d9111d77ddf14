import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

/** Types only: the term's rules (shared with the CLI) are checked by LexiconService and answer 400 naming the field. */
export class AddTermDto {
  @IsString()
  @MaxLength(1000)
  term!: string;

  @IsString()
  @MaxLength(64)
  category!: string;

  @IsString()
  @MaxLength(16)
  severity!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  allow?: string[];

  /** `substring` (the default) or `word`. */
  @IsOptional()
  @IsString()
  @MaxLength(16)
  match?: string;

  @IsString()
  @MaxLength(10_000)
  note!: string;
}

export class ChangeTermDto {
  @IsOptional()
  @IsString()
  @MaxLength(16)
  severity?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  allow?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(16)
  match?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  note?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
