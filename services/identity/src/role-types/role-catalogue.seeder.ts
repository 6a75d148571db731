import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { systemCaller } from '@kitos/common';
import { MongoConnection } from '@kitos/persistence';
import { ROLE_CATALOGUE } from './role-catalogue';
import { RoleTypesService } from './role-types.service';

/** At every start, adds the roles of the shipped catalogue that are missing; never changes one that exists. */
@Injectable()
export class RoleCatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(RoleCatalogueSeeder.name);

  constructor(
    private readonly roles: RoleTypesService,
    private readonly mongo: MongoConnection,
  ) {}

  onApplicationBootstrap(): void {
    void this.mongo
      .ready()
      .then(async () => {
        const inserted = await this.roles.seedCatalogue(systemCaller('role-catalogue'), ROLE_CATALOGUE);
        if (inserted) this.logger.log(`added ${inserted} roles of the shipped role catalogue`);
      })
      .catch((error: Error) => this.logger.error(`could not seed the role catalogue: ${error.message}`));
  }
}
