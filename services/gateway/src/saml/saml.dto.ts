import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Largest SAMLResponse accepted (base64), as identity accepts it. */
const MAX_SAML_RESPONSE_LENGTH = 512 * 1024;

export class SamlLoginQuery {
  @ApiPropertyOptional({
    maxLength: 2048,
    description:
      'Where the browser goes after a successful login, with `#token=<session token>&expires=<time>`. Must be under an address of SAML_RETURN_URL_ALLOWLIST. Without it the ACS answers the token as JSON.',
    example: 'https://kitos.example/app/',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  returnTo?: string;
}

/** The HTTP-POST binding's form: what the identity provider makes the browser post to the ACS. */
export class SamlAcsForm {
  @ApiProperty({ description: 'The base64-encoded `<samlp:Response>`', maxLength: MAX_SAML_RESPONSE_LENGTH })
  @IsString()
  @MaxLength(MAX_SAML_RESPONSE_LENGTH)
  SAMLResponse!: string;

  @ApiPropertyOptional({ description: 'Echoed by some identity providers; not used (the return address is kept with the request)' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  RelayState?: string;
}

export class SamlSessionResponse {
  @ApiProperty({ description: 'Session token (ES256 JWT, `amr` = saml); send it as `Authorization: Bearer <token>`' })
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expires!: string;
}

export class SamlIdentityProviderResponse {
  @ApiProperty({ description: 'Id for `/api/v2/auth/saml/{idp}/…`', example: 'kombit' })
  id!: string;

  @ApiProperty({ description: 'Name to show on a sign-in button', example: 'KOMBIT adgangsstyring' })
  displayName!: string;
}

export class SamlIdentityProvidersResponse {
  @ApiProperty({ type: [SamlIdentityProviderResponse], description: 'Empty when SAML single sign-on is not configured' })
  identityProviders!: SamlIdentityProviderResponse[];
}
