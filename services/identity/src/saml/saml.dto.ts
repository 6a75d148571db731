import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IDP_ID_PATTERN } from './saml-settings';

/** Largest SAMLResponse accepted (base64); well below NATS' default 1 MiB message size. */
export const MAX_SAML_RESPONSE_LENGTH = 512 * 1024;

/** `rpc.identity.saml.*`: which identity provider. */
export class SamlIdpRequest {
  @IsString()
  @Matches(IDP_ID_PATTERN)
  idp!: string;
}

/** `rpc.identity.saml.login`: start a login, optionally returning to an allowed address afterwards. */
export class SamlLoginRequest extends SamlIdpRequest {
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  returnTo?: string;
}

/** `rpc.identity.saml.acs`: the response the identity provider posted to the gateway. */
export class SamlAcsRequest extends SamlIdpRequest {
  @IsString()
  @MaxLength(MAX_SAML_RESPONSE_LENGTH)
  samlResponse!: string;
}
