import { SetMetadata } from '@nestjs/common';

export const OWN_CREDENTIAL = 'kitos:own-credential';

/**
 * Routes that check a bearer credential of their own (SCIM: an organisation's SCIM credential, checked by identity on
 * every request) instead of a signed KITOS token: the authentication guard leaves them alone.
 */
export const OwnCredential = () => SetMetadata(OWN_CREDENTIAL, true);
