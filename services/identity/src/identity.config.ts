import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig, toInt } from '@kitos/config';

export const LOCAL_BOOTSTRAP_ADMIN = { email: 'admin@kitos.local', password: 'kitos-local-admin-only' };

/** Settings of the identity service besides the common ones. */
export class IdentityConfig extends ServiceConfig {
  /** Global admin created on first start when no global admin exists. Defaults are for local use and refused in production. */
  @IsOptional()
  @IsEmail()
  kitosBootstrapAdminEmail?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  kitosBootstrapAdminPassword?: string;

  /** Lifetime of tokens for interactive sessions (local login, SAML). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  sessionTokenTtlMinutes = 60;

  /** Lifetime of API tokens (GetToken, token endpoint). KITOS issues 24 h tokens; shorter is safer. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  apiTokenTtlMinutes = 60;

  /** Failed logins in a row after which an account is locked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  loginMaxFailures = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  loginLockoutMinutes = 15;

  /** Age at which a new signing key takes over; the old one stays published until its tokens have expired. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  signingKeyRotationDays = 30;

  bootstrapAdmin(): { email: string; password: string } | null {
    const email = this.kitosBootstrapAdminEmail ?? (this.nodeEnv === 'production' ? undefined : LOCAL_BOOTSTRAP_ADMIN.email);
    const password = this.kitosBootstrapAdminPassword ?? (this.nodeEnv === 'production' ? undefined : LOCAL_BOOTSTRAP_ADMIN.password);
    if (!email || !password) return null;
    if (this.nodeEnv === 'production' && password === LOCAL_BOOTSTRAP_ADMIN.password) {
      throw new Error('KITOS_BOOTSTRAP_ADMIN_PASSWORD: the documented local default is refused in production');
    }
    return { email, password };
  }
}
