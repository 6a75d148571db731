import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export const REBUILD_STATES = ['running', 'succeeded', 'failed'] as const;
export type RebuildState = (typeof REBUILD_STATES)[number];

/** RPC request of `Rpc.reporting.readModels.rebuild`. */
export class RebuildReadModelsRequest {
  /** Answer when the rebuild has finished (the command-line tool), instead of at once (the HTTP endpoint). */
  @IsOptional()
  @IsBoolean()
  wait?: boolean;
}

export class ReadModelRebuildRun {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ enum: REBUILD_STATES })
  state!: RebuildState;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  finishedAt!: string | null;

  @ApiPropertyOptional({ description: 'Events read from the streams', nullable: true, type: Number })
  events!: number | null;

  @ApiPropertyOptional({
    description: 'Events that arrived during the rebuild and were applied after the switch',
    nullable: true,
    type: Number,
  })
  caughtUp!: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  tookMs!: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why a failed rebuild failed' })
  error!: string | null;
}

export class ReadModelCount {
  @ApiProperty({ example: 'it-system-usages' })
  kind!: string;

  @ApiProperty({ type: 'integer', description: 'Objects that exist' })
  live!: number;

  @ApiProperty({ type: 'integer', description: 'Tombstones of deleted objects' })
  deleted!: number;
}

export class ReadModelStatus {
  @ApiProperty({ type: [ReadModelCount] })
  readModels!: ReadModelCount[];

  @ApiPropertyOptional({ type: ReadModelRebuildRun, nullable: true, description: 'The newest rebuild' })
  lastRebuild!: ReadModelRebuildRun | null;
}
