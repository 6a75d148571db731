import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, ErrorCode, systemCaller } from '@kitos/common';
import { OPTION_TYPE_KINDS, type OptionTypeKind } from '@kitos/contracts';
import { MongoConnection } from '@kitos/persistence';
import { DEFAULT_OPTIONS } from './default-options';
import { defaultOptionUuid } from './option-ids';
import { OptionsRepository } from './options.repository';
import { OptionsService } from './options.service';

/**
 * Gives every kind that has no values yet its Danish default values, once the database is reachable and before the
 * service reports ready. Safe with several replicas starting at once: each default has an id derived from kind and
 * name, and an insert that finds it taken (by id or by name) leaves the existing value alone.
 */
@Injectable()
export class OptionSeeder implements OnModuleInit {
  private readonly logger = new Logger(OptionSeeder.name);

  constructor(
    private readonly mongo: MongoConnection,
    private readonly repository: OptionsRepository,
    private readonly service: OptionsService,
  ) {}

  onModuleInit(): void {
    this.mongo.whenConnected(async () => {
      await this.seed().catch((error: Error) => this.logger.error(`could not seed the default option values: ${error.message}`));
    });
  }

  async seed(): Promise<number> {
    let created = 0;
    for (const kind of OPTION_TYPE_KINDS) {
      if (await this.repository.hasAny(kind)) continue;
      created += await this.seedKind(kind);
    }
    if (created) this.logger.log(`seeded ${created} default option values`);
    return created;
  }

  private async seedKind(kind: OptionTypeKind): Promise<number> {
    const defaults = DEFAULT_OPTIONS[kind];
    const caller = systemCaller('seed-option-types');
    let created = 0;
    for (const [index, value] of defaults.entries()) {
      const request = {
        name: value.name,
        description: value.description ?? null,
        isObligatory: value.isObligatory,
        priority: (defaults.length - index) * 10,
      };
      try {
        await this.service.createGlobal(caller, kind, request, defaultOptionUuid(kind, value.name));
        created++;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === ErrorCode.Conflict)) throw error;
      }
    }
    return created;
  }
}
