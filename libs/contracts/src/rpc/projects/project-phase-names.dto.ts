import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { Trim } from '../common.dto';

export const PHASE_NAME_MAX = 100;

/** The organisation's names of the five phases. PUT: all five; PATCH: those sent. */
export class ProjectPhaseNamesWrite {
  @ApiPropertyOptional({ maxLength: PHASE_NAME_MAX, example: 'Idé og foranalyse' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PHASE_NAME_MAX)
  phase1?: string;

  @ApiPropertyOptional({ maxLength: PHASE_NAME_MAX, example: 'Analyse' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PHASE_NAME_MAX)
  phase2?: string;

  @ApiPropertyOptional({ maxLength: PHASE_NAME_MAX, example: 'Gennemførelse' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PHASE_NAME_MAX)
  phase3?: string;

  @ApiPropertyOptional({ maxLength: PHASE_NAME_MAX, example: 'Implementering' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PHASE_NAME_MAX)
  phase4?: string;

  @ApiPropertyOptional({ maxLength: PHASE_NAME_MAX, example: 'Afslutning og gevinstrealisering' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PHASE_NAME_MAX)
  phase5?: string;
}

export class ProjectPhaseNamesResponse {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ example: 'Foranalyse' })
  phase1!: string;

  @ApiProperty({ example: 'Analyse' })
  phase2!: string;

  @ApiProperty({ example: 'Gennemførelse' })
  phase3!: string;

  @ApiProperty({ example: 'Implementering' })
  phase4!: string;

  @ApiProperty({ example: 'Afslutning' })
  phase5!: string;

  @ApiProperty({ type: 'integer', description: 'Version (ETag); 0 while the organisation uses the default names' })
  version!: number;
}

export interface ProjectPhaseNamesRpc {
  organizationUuid: string;
  expectedVersion?: number;
  mode?: 'put' | 'patch';
  names?: ProjectPhaseNamesWrite;
}
