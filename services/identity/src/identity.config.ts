import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
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

  /**
   * Failed sign-ins from one address against one account before delays start (then 1 s, 2 s, 4 s, … per failure);
   * also the failures against an account from anywhere before the account-wide delay starts. No account is ever locked.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  loginFreeFailures = 5;

  /** Longest delay between attempts from one address (against one account, or across accounts). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60 * 60)
  loginMaxDelaySeconds = 900;

  /** Longest delay that failures from other addresses can impose on an address: the most a stranger can cost the owner. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60 * 60)
  loginAccountMaxDelaySeconds = 30;

  /** Failed sign-ins from one address across all accounts (password spraying) before that address is slowed down. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  loginAddressFreeFailures = 30;

  /** Failures are forgotten after this long without a new one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 60)
  loginFailureMemoryMinutes = 1440;

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

  /** SAML single sign-on (docs/saml.md): the identity providers as a JSON array. None configured → SAML is off. */
  @IsOptional()
  @IsString()
  samlIdentityProviders?: string;

  /** A file holding the JSON array of identity providers instead of SAML_IDENTITY_PROVIDERS. */
  @IsOptional()
  @IsString()
  samlIdentityProvidersFile?: string;

  /** Our entity ID as a SAML service provider, as registered with the identity providers. */
  @IsOptional()
  @IsString()
  samlSpEntityId?: string;

  /** Public base URL of the gateway; the ACS URL is `<base>/api/v2/auth/saml/<idp>/acs`. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  samlSpBaseUrl?: string;

  /** Private key (PEM) that signs AuthnRequests; or SAML_SP_SIGNING_KEY_FILE. */
  @IsOptional()
  @IsString()
  samlSpSigningKey?: string;

  @IsOptional()
  @IsString()
  samlSpSigningKeyFile?: string;

  /** Certificate(s) of the signing key (PEM), published in the metadata; the first belongs to the key, more during rotation. */
  @IsOptional()
  @IsString()
  samlSpSigningCert?: string;

  @IsOptional()
  @IsString()
  samlSpSigningCertFile?: string;

  /** Private key(s) (PEM) that decrypt assertions; the first is current, more during rotation. */
  @IsOptional()
  @IsString()
  samlSpDecryptionKey?: string;

  @IsOptional()
  @IsString()
  samlSpDecryptionKeyFile?: string;

  /** Certificate of the current decryption key (PEM), published in the metadata. */
  @IsOptional()
  @IsString()
  samlSpDecryptionCert?: string;

  @IsOptional()
  @IsString()
  samlSpDecryptionCertFile?: string;

  /** Comma-separated URLs a SAML login may return to (`returnTo`): same origin, path under the entry's path. */
  @IsOptional()
  @IsString()
  samlReturnUrlAllowlist?: string;

  /** JSON object of extra privilege URIs → organisation role, besides `<SAML_SP_ENTITY_ID>/roles/usersystemrole/<role>/1`. */
  @IsOptional()
  @IsString()
  samlPrivilegeRoleMap?: string;

  /** Clock skew accepted on assertion time limits. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600)
  samlClockSkewSeconds = 60;

  /** How long a started SAML login may take before its response is refused. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  samlRequestTtlMinutes = 10;
}
