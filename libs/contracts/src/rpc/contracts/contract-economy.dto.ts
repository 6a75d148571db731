import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IdentityNamePair } from '../common.dto';
import { MoneyTotals, YearTotals } from './it-contract.dto';

export class OrganizationContractEconomyQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1900,
    maximum: 9999,
    description: 'Only payments assigned to this year (see byYear)',
    example: 2024,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(9999)
  year?: number;
}

export class ContractEconomyLine extends MoneyTotals {
  @ApiProperty({ type: IdentityNamePair })
  contract!: IdentityNamePair;
}

export class UnitEconomyLine extends MoneyTotals {
  @ApiProperty({ type: IdentityNamePair, description: 'The paying unit' })
  organizationUnit!: IdentityNamePair;
}

/** `GET /api/v2/organizations/{uuid}/contract-economy`: the payment streams of all the organisation's contracts, summed. */
export class OrganizationContractEconomyResponse {
  @ApiProperty({ type: IdentityNamePair })
  organization!: IdentityNamePair;

  @ApiProperty({ nullable: true, type: Number, description: 'The year asked for, or null for all years' })
  year!: number | null;

  @ApiProperty({ type: MoneyTotals })
  internal!: MoneyTotals;

  @ApiProperty({ type: MoneyTotals })
  external!: MoneyTotals;

  @ApiProperty({ type: MoneyTotals })
  total!: MoneyTotals;

  @ApiProperty({ type: [YearTotals] })
  byYear!: YearTotals[];

  @ApiProperty({ type: [ContractEconomyLine], description: 'Per contract with any payment, by name' })
  contracts!: ContractEconomyLine[];

  @ApiProperty({ type: [UnitEconomyLine], description: 'Per paying unit, by name' })
  organizationUnits!: UnitEconomyLine[];
}

export interface OrganizationContractEconomyRpc extends OrganizationContractEconomyQuery {
  organizationUuid: string;
}
