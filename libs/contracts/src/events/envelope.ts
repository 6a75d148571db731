import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';

export class ActorRef {
  @IsIn(['anonymous', 'user', 'system'])
  kind!: 'anonymous' | 'user' | 'system';

  @IsOptional()
  @IsUUID()
  userUuid!: string | null;
}

export class AggregateRef {
  @IsString()
  type!: string;

  @IsUUID()
  uuid!: string;

  /** The aggregate's version after the change this event records. */
  @IsInt()
  @Min(1)
  version!: number;
}

/** Every domain event on the bus, whatever its type. `data` is validated by the schema registered for (type, version). */
export class EventEnvelope<TData extends object = Record<string, unknown>> {
  @IsUUID()
  id!: string;

  /** `<service>.<aggregate>.<event>`, e.g. `catalog.it-system.created`. */
  @Matches(/^[a-z]+\.[a-z-]+\.[a-z-]+$/)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsDateString({ strict: true })
  occurredAt!: string;

  @IsOptional()
  @IsUUID()
  organizationUuid!: string | null;

  @ValidateNested()
  @Type(() => ActorRef)
  actor!: ActorRef;

  @ValidateNested()
  @Type(() => AggregateRef)
  aggregate!: AggregateRef;

  @IsOptional()
  @IsString()
  correlationId?: string;

  @IsObject()
  data!: TData;
}
