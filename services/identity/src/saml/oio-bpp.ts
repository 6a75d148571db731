import { XmlError, childElements, parseXml } from './xml';

/** One `<PrivilegeGroup>` of an OIO-BPP privilege list: its scope (a CVR number when scoped to an organisation) and privilege URIs. */
export interface PrivilegeGroup {
  readonly scope: string;
  readonly cvr: string | null;
  readonly privileges: readonly string[];
}

export class OioBppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OioBppError';
  }
}

const MAX_LENGTH = 256 * 1024;
const CVR_SCOPE = /^urn:dk:gov:saml:cvrNumberIdentifier:(\d{8})$/i;

/**
 * Parses an OIO Basic Privilege Profile document (`<bpp:PrivilegeList>` → `<PrivilegeGroup Scope="…">` →
 * `<Privilege>uri</Privilege>`), as the identity provider sends it: base64-encoded (OIOSAML `…privilegesIntermediate`)
 * or as XML text. Constraints (data limitation) are not used. Documents with a DTD are refused.
 */
export function parseOioBpp(value: string): PrivilegeGroup[] {
  const trimmed = value.trim();
  if (trimmed.length > MAX_LENGTH) throw new OioBppError('the privilege list is too large');
  let xml = trimmed;
  if (!trimmed.startsWith('<')) {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) throw new OioBppError('the privilege list is neither XML nor base64');
    xml = Buffer.from(trimmed, 'base64').toString('utf8').trim();
  }
  let root: Element;
  try {
    root = parseXml(xml).documentElement;
  } catch (error) {
    if (error instanceof XmlError) throw new OioBppError(`the privilege list is not acceptable XML (${error.message})`);
    throw error;
  }
  if (root.localName !== 'PrivilegeList') throw new OioBppError('the privilege list must have <PrivilegeList> as its root');
  return childElements(root, 'PrivilegeGroup').map((group) => {
    const scope = (group.getAttribute('Scope') ?? '').trim();
    return {
      scope,
      cvr: CVR_SCOPE.exec(scope)?.[1] ?? null,
      privileges: childElements(group, 'Privilege')
        .map((p) => (p.textContent ?? '').trim())
        .filter(Boolean),
    };
  });
}
