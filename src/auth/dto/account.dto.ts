import { IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** The rules of the new password (password-rules.ts) are checked by the service: 422 on newPassword. */
export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword!: string;

  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class UpdateAccountDto {
  /** An address, or null (or "") to have none. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(1000)
  email?: string | null;
}
