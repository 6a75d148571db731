/**
 * The parts of KITOS's public API v2 responses the importer reads (`/work/shared/domain/kitos-reference.md` §2, §3;
 * KITOS's `Response/**` DTOs). Everything is optional or nullable the way KITOS sends it: the mapping decides what a
 * missing value means here.
 */
export interface KitosPair {
  uuid: string;
  name?: string | null;
}

export interface KitosShallowOrganization extends KitosPair {
  cvr?: string | null;
}

export interface KitosOrganization extends KitosShallowOrganization {
  organizationType?: string | null;
}

export interface KitosOrganizationUnit {
  uuid: string;
  name: string;
  parentOrganizationUnit?: KitosPair | null;
  ean?: number | null;
  unitId?: string | null;
  origin?: string | null;
}

export interface KitosUser {
  uuid: string;
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
  apiAccess?: boolean | null;
  roles?: string[] | null;
}

export interface KitosExternalReference {
  uuid?: string;
  title: string;
  documentId?: string | null;
  url?: string | null;
  masterReference?: boolean | null;
}

export interface KitosItSystem {
  uuid: string;
  name: string;
  formerName?: string | null;
  description?: string | null;
  parentSystem?: KitosPair | null;
  rightsHolder?: KitosShallowOrganization | null;
  businessType?: KitosPair | null;
  scope?: string | null;
  deactivated?: boolean | null;
  externalReferences?: KitosExternalReference[] | null;
  organizationContext?: KitosShallowOrganization | null;
  lastModified?: string | null;
}

export interface KitosItInterface {
  uuid: string;
  name: string;
  interfaceId?: string | null;
  version?: string | null;
  description?: string | null;
  notes?: string | null;
  urlReference?: string | null;
  itInterfaceType?: KitosPair | null;
  scope?: string | null;
  deactivated?: boolean | null;
  exposedBySystem?: KitosPair | null;
  organizationContext?: KitosShallowOrganization | null;
  lastModified?: string | null;
}

export interface KitosUsageGeneral {
  localSystemId?: string | null;
  localCallName?: string | null;
  systemVersion?: string | null;
  notes?: string | null;
  dataClassification?: KitosPair | null;
  numberOfExpectedUsers?: { lowerBound: number; upperBound?: number | null } | null;
  validity?: { lifeCycleStatus?: string | null; validFrom?: string | null; validTo?: string | null } | null;
  containsAITechnology?: string | null;
  webAccessibilityCompliance?: string | null;
  lastWebAccessibilityCheck?: string | null;
  webAccessibilityNotes?: string | null;
}

export interface KitosItSystemUsage {
  uuid: string;
  systemContext: KitosPair;
  organizationContext: KitosShallowOrganization;
  general?: KitosUsageGeneral | null;
  organizationUsage?: { usingOrganizationUnits?: KitosPair[] | null; responsibleOrganizationUnit?: KitosPair | null } | null;
  externalReferences?: KitosExternalReference[] | null;
  roles?: Array<{ role: KitosPair; user: KitosPair }> | null;
  outgoingSystemRelations?: KitosSystemRelation[] | null;
  lastModified?: string | null;
}

export interface KitosSystemRelation {
  uuid: string;
  toSystemUsage: KitosPair;
  relationInterface?: KitosPair | null;
  associatedContract?: KitosPair | null;
  relationFrequency?: KitosPair | null;
  description?: string | null;
  urlReference?: string | null;
}

export interface KitosTokenResponse {
  token: string;
  email?: string;
  loginSuccessful?: boolean;
  expires?: string;
}
