import { isEmail } from 'class-validator';
import { parseOioBpp, type PrivilegeGroup } from './oio-bpp';
import { NAME_ID_FORMAT, type AttributeProfile } from './saml-settings';

/** OIOSAML 3 (professional) attribute names. */
export const OIOSAML3 = {
  specVersion: 'https://data.gov.dk/model/core/specVersion',
  cvr: 'https://data.gov.dk/model/core/eid/professional/cvr',
  persistentId: 'https://data.gov.dk/model/core/eid/professional/uuid/persistent',
  email: 'https://data.gov.dk/model/core/eid/email',
  fullName: 'https://data.gov.dk/model/core/eid/fullName',
  firstName: 'https://data.gov.dk/model/core/eid/firstName',
  lastName: 'https://data.gov.dk/model/core/eid/lastName',
  privileges: 'https://data.gov.dk/model/core/eid/privilegesIntermediate',
} as const;

/** OIOSAML 2 names as KOMBIT's Context Handler and OIO Web SSO IdPs send them (LDAP OIDs for mail and names). */
export const OIOSAML2 = {
  specVersion: 'dk:gov:saml:attribute:SpecVer',
  cvr: 'dk:gov:saml:attribute:CvrNumberIdentifier',
  email: 'urn:oid:0.9.2342.19200300.100.1.3',
  fullName: 'urn:oid:2.5.4.3',
  firstName: 'urn:oid:2.5.4.42',
  lastName: 'urn:oid:2.5.4.4',
  privileges: 'dk:gov:saml:attribute:Privileges_intermediate',
} as const;

export type SamlAttributes = Readonly<Record<string, readonly string[]>>;

/** Who signed in, in our terms, whichever attribute profile the identity provider speaks. */
export interface SamlPrincipal {
  /** Stable identifier of the person at this identity provider (OIOSAML 3 persistent UUID, else a non-transient NameID). */
  readonly persistentId: string | null;
  /** CVR number of the user's organisation. */
  readonly cvr: string | null;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly privilegeGroups: readonly PrivilegeGroup[];
}

type Field = keyof typeof OIOSAML2;

/**
 * Maps the attributes of a verified assertion. `oiosaml3` and `oiosaml2` read only their own names; `auto` reads
 * the OIOSAML 3 name of each field first and falls back to the OIOSAML 2 name. Throws OioBppError for a privilege
 * list that cannot be read.
 */
export function mapSamlAttributes(
  assertion: { readonly nameId: string | null; readonly nameIdFormat: string | null; readonly attributes: SamlAttributes },
  profile: AttributeProfile,
): SamlPrincipal {
  const names = (field: Field): string[] => {
    const oio3 = (OIOSAML3 as Record<string, string>)[field];
    if (profile === 'oiosaml3') return oio3 ? [oio3] : [];
    if (profile === 'oiosaml2') return [OIOSAML2[field]];
    return oio3 ? [oio3, OIOSAML2[field]] : [OIOSAML2[field]];
  };
  const values = (field: Field): string[] => {
    for (const name of names(field)) {
      const found = (assertion.attributes[name] ?? []).map((v) => v.trim()).filter(Boolean);
      if (found.length) return found;
    }
    return [];
  };
  const first = (field: Field): string | null => values(field)[0] ?? null;

  const persistentAttribute = profile === 'oiosaml2' ? null : (assertion.attributes[OIOSAML3.persistentId]?.[0]?.trim() ?? null);
  const nameIdUsable = assertion.nameId && assertion.nameIdFormat !== NAME_ID_FORMAT.transient;
  const persistentId = persistentAttribute || (nameIdUsable ? assertion.nameId!.trim() : null);

  const cvr = first('cvr');
  const email = first('email');
  let firstName = first('firstName');
  let lastName = first('lastName');
  const fullName = first('fullName');
  if ((!firstName || !lastName) && fullName) {
    const parts = fullName.split(/\s+/);
    const last = parts.length > 1 ? parts.pop()! : null;
    firstName ??= parts.join(' ');
    lastName ??= last;
  }
  return {
    persistentId: persistentId ? persistentId.slice(0, 512) : null,
    cvr: cvr && /^\d{8}$/.test(cvr) ? cvr : null,
    email: email && isEmail(email) ? email : null,
    firstName: firstName?.slice(0, 100) ?? null,
    lastName: lastName?.slice(0, 100) ?? null,
    privilegeGroups: values('privileges').flatMap(parseOioBpp),
  };
}
