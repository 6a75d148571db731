import type { Type } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';

const ORGANIZATION = '3f5d0c8e-5b1a-4c1e-9a57-0e6f1d2c3b4a';
const SYSTEM = '8c1f4b6e-2d3a-4e5f-9a7b-1c2d3e4f5a6b';

/** The request body of a main write operation, documented with worked examples (Redocly checks them against the schema). */
export function ApiBodyExamples(type: Type<unknown>, examples: Record<string, { summary: string; value: object }>): MethodDecorator {
  return ApiBody({ type, examples });
}

export const CREATE_ORGANIZATION_EXAMPLES = {
  municipality: {
    summary: 'A municipality with its CVR number and contact person',
    value: {
      name: 'Aarhus Kommune',
      cvr: '55133018',
      organizationType: 'Municipality',
      email: 'kontakt@aarhus.dk',
      contactPerson: { name: 'Hanne Jensen', email: 'hanne.jensen@aarhus.dk', phone: '89 40 20 00' },
    },
  },
};

export const CREATE_IT_SYSTEM_EXAMPLES = {
  shared: {
    summary: 'A system in the shared catalogue',
    value: { organizationUuid: ORGANIZATION, name: 'KMD Sag', description: 'Sags- og dokumenthåndtering', scope: 'Global' },
  },
};

export const CREATE_USAGE_EXAMPLES = {
  minimal: { summary: 'Take a system into use', value: { systemUuid: SYSTEM, organizationUuid: ORGANIZATION } },
  withGeneral: {
    summary: 'With a local call name and the expected number of users',
    value: {
      systemUuid: SYSTEM,
      organizationUuid: ORGANIZATION,
      general: { localCallName: 'Sagssystemet', numberOfExpectedUsers: { lowerBound: 10, upperBound: 50 } },
    },
  },
};

export const PATCH_USAGE_EXAMPLES = {
  general: {
    summary: 'Replace the general section (send If-Match with the ETag you read)',
    value: { general: { localCallName: 'Sagen', notes: 'Driftes af IT-afdelingen' } },
  },
};

export const CREATE_IT_CONTRACT_EXAMPLES = {
  operations: {
    summary: 'An operations contract with its validity and agreement period',
    value: {
      name: 'Driftsaftale ESDH',
      organizationUuid: ORGANIZATION,
      general: {
        contractId: 'KTR-2026-014',
        notes: 'Rammeaftale via SKI 02.19',
        validity: { validFrom: '2026-01-01', validTo: '2029-12-31' },
      },
      agreementPeriod: { durationYears: 4, durationMonths: 0, isContinuous: false },
    },
  },
};

export const PATCH_IT_CONTRACT_EXAMPLES = {
  rename: {
    summary: 'Rename the contract and replace its agreement period (send If-Match with the ETag you read)',
    value: { name: 'Driftsaftale ESDH 2026', agreementPeriod: { durationYears: 5, durationMonths: 0, isContinuous: false } },
  },
};
