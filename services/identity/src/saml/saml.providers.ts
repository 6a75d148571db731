import type { Provider } from '@nestjs/common';
import { SERVICE_CONFIG } from '@kitos/config';
import type { IdentityConfig } from '../identity.config';
import { SamlAssertionsRepository } from './saml-assertions.repository';
import { SamlLoginService } from './saml-login.service';
import { SamlProtocolService } from './saml-protocol.service';
import { SamlRequestsRepository } from './saml-requests.repository';
import { SAML_SETTINGS, loadSamlSettings } from './saml-settings';
import { SamlUsersRepository } from './saml-users.repository';
import { SamlService } from './saml.service';

/** SAML single sign-on in identity; the settings are validated when the service starts (a problem stops it). */
export const SAML_PROVIDERS: Provider[] = [
  { provide: SAML_SETTINGS, useFactory: (config: IdentityConfig) => loadSamlSettings(config), inject: [SERVICE_CONFIG] },
  SamlRequestsRepository,
  SamlAssertionsRepository,
  SamlUsersRepository,
  SamlProtocolService,
  SamlLoginService,
  SamlService,
];
