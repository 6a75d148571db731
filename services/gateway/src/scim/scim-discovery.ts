import { SCIM_SCHEMAS } from '@kitos/contracts';

/** Page size limits of list requests, as identity applies them. */
export const SCIM_MAX_RESULTS = 200;

/** RFC 7644 §5: what this service provider supports. */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer credential',
        description: "The organisation's SCIM credential: Authorization: Bearer kitos-scim_…",
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: [SCIM_SCHEMAS.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person with rights in the organisation',
      schema: SCIM_SCHEMAS.user,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [SCIM_SCHEMAS.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group whose members hold the organisation role mapped to its displayName',
      schema: SCIM_SCHEMAS.group,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

type Attribute = Record<string, unknown>;

const attribute = (name: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

const multi = (name: string, subAttributes: Attribute[], extra: Partial<Attribute> = {}): Attribute =>
  attribute(name, { type: 'complex', multiValued: true, subAttributes, ...extra });

export function schemas(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: [SCIM_SCHEMAS.schema],
      id: SCIM_SCHEMAS.user,
      name: 'User',
      description: 'User account',
      attributes: [
        attribute('userName', { required: true, uniqueness: 'server' }),
        attribute('externalId', { caseExact: true }),
        attribute('name', {
          type: 'complex',
          subAttributes: [attribute('givenName'), attribute('familyName'), attribute('formatted', { mutability: 'readOnly' })],
        }),
        attribute('displayName'),
        multi('emails', [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })], {
          description: "The primary (or work, or first) address becomes the user's e-mail; it cannot change later",
        }),
        multi('phoneNumbers', [attribute('value'), attribute('type')]),
        attribute('active', { type: 'boolean' }),
        attribute('password', { mutability: 'writeOnly', returned: 'never', description: 'Only on create: a local password' }),
        multi('groups', [attribute('value', { mutability: 'readOnly' }), attribute('display', { mutability: 'readOnly' })], {
          mutability: 'readOnly',
        }),
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${SCIM_SCHEMAS.user}` },
    },
    {
      schemas: [SCIM_SCHEMAS.schema],
      id: SCIM_SCHEMAS.group,
      name: 'Group',
      description: 'Group',
      attributes: [
        attribute('displayName', { required: true, uniqueness: 'server' }),
        attribute('externalId', { caseExact: true }),
        multi('members', [attribute('value', { mutability: 'immutable' }), attribute('type', { mutability: 'immutable' })]),
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${SCIM_SCHEMAS.group}` },
    },
  ];
}
