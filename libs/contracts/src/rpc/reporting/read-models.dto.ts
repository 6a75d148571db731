import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const REBUILD_STATES = ['running', 'succeeded', 'failed'] as const;
export type RebuildState = (typeof REBUILD_STATES)[number];
export const REBUILD_STEPS = ['preparing', 'reading', 'switching', 'catching-up', 'finished'] as const;
export type RebuildStep = (typeof REBUILD_STEPS)[number];

/** Body of `POST /api/v2/reporting/read-models/rebuild` (optional). */
export class RebuildReadModelsBody {
  @ApiPropertyOptional({
    description:
      'Switch the rebuilt read models in even when invalid messages were skipped (counted, listed and dead-lettered). ' +
      'Without it such a run ends `failed` and the live read models stay unchanged.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  acceptInvalid?: boolean;

  @ApiPropertyOptional({
    description: 'Seconds the run may take to read every stream to its recorded end; a run that needs longer fails without switching',
    minimum: 10,
    maximum: 86400,
    default: 1800,
  })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(86400)
  deadlineSeconds?: number;
}

/** RPC request of `Rpc.reporting.readModels.rebuild`: the HTTP body's options, and `wait`. */
export class RebuildReadModelsRequest extends RebuildReadModelsBody {
  /** Answer when the rebuild has finished, instead of at once with the running run. */
  @IsOptional()
  @IsBoolean()
  wait?: boolean;
}

/** RPC request of `Rpc.reporting.readModels.run`. */
export class ReadModelRebuildRunRequest {
  @IsUUID()
  uuid!: string;
}

export class RebuildSkippedEvent {
  @ApiProperty({ description: 'Stream sequence of the message' })
  sequence!: number;

  @ApiProperty({ example: 'evt.catalog.it-system.created.v1' })
  subject!: string;

  @ApiProperty({ description: 'Why it is no valid event' })
  reason!: string;
}

export class RebuildStreamReport {
  @ApiProperty({ example: 'CATALOG' })
  stream!: string;

  @ApiProperty({ description: 'The last sequence of the stream when the rebuild started: it is read up to here' })
  lastSequence!: number;

  @ApiProperty({ description: 'Messages the stream held up to that sequence' })
  expected!: number;

  @ApiProperty({ description: 'Messages read so far' })
  read!: number;

  @ApiProperty({ description: 'Events the read models follow, applied to the rebuilt collections' })
  applied!: number;

  @ApiProperty({ description: 'Valid events the read models do not follow (nothing to apply)' })
  ignored!: number;

  @ApiProperty({ description: 'Messages that are no valid event: skipped and dead-lettered' })
  skipped!: number;

  @ApiProperty({ type: [RebuildSkippedEvent], description: 'The first 100 skipped messages, with the reason' })
  skippedEvents!: RebuildSkippedEvent[];

  @ApiProperty({ description: 'Expected messages not read (yet); a finished run with any fails without switching' })
  missing!: number;

  @ApiProperty({ description: 'Events that arrived during the rebuild, applied after the switch' })
  caughtUp!: number;
}

export class ReadModelRebuildRun {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ enum: REBUILD_STATES })
  state!: RebuildState;

  @ApiProperty({ enum: REBUILD_STEPS, description: 'What the run is doing (finished once it ended)' })
  step!: RebuildStep;

  @ApiProperty({ description: 'Whether invalid messages may be skipped without failing the run' })
  acceptInvalid!: boolean;

  @ApiProperty({ description: 'Whether the rebuilt read models replaced the live ones' })
  switched!: boolean;

  @ApiProperty({
    type: [RebuildStreamReport],
    description: 'Per stream: expected, read, applied, ignored, skipped (with reasons), missing',
  })
  streams!: RebuildStreamReport[];

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  finishedAt!: string | null;

  @ApiPropertyOptional({ description: 'Events read from the streams', nullable: true, type: Number })
  events!: number | null;

  @ApiPropertyOptional({ description: 'Events applied to the rebuilt read models', nullable: true, type: Number })
  applied!: number | null;

  @ApiPropertyOptional({ description: 'Messages skipped as invalid (dead-lettered)', nullable: true, type: Number })
  skipped!: number | null;

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
