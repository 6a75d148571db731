/** Organisation roles as in KITOS (`OrganizationRole`); global admin is a flag on the user, not a role. */
export const ORGANIZATION_ROLES = [
  'User',
  'LocalAdmin',
  'OrganizationModuleAdmin',
  'SystemModuleAdmin',
  'ContractModuleAdmin',
  'RightsHolderAccess',
] as const;
export type OrganizationRoleName = (typeof ORGANIZATION_ROLES)[number];

export const ORGANIZATION_TYPES = ['Municipality', 'CommunityOfInterest', 'Company', 'OtherPublicAuthority'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** Danish CVR numbers: 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11. */
export function isValidCvr(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[1-9]\d{7}$/.test(value)) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = [...value].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return sum % 11 === 0;
}
