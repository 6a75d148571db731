export * from './roles';
export * from './organization.dto';
export * from './user.dto';
export * from './organization-unit.dto';
export * from './role-type.dto';
export * from './scim.dto';
export * from './role-handover.dto';
export * from './unit-role.dto';
