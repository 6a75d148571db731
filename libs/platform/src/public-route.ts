import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'kitos:public-route';

/** Marks an HTTP route (or controller) as reachable without a token: login, token, SAML, health, documentation. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
