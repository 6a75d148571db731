import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { systemCaller } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { MongoConnection } from '@kitos/persistence';
import type { IdentityConfig } from '../identity.config';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** On a first start (no global admin yet), creates the global admin named by KITOS_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    private readonly users: UsersService,
    private readonly repository: UsersRepository,
    private readonly mongo: MongoConnection,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  onApplicationBootstrap(): void {
    const admin = this.config.bootstrapAdmin();
    if (!admin) return;
    void this.mongo
      .ready()
      .then(async () => {
        if (await this.repository.anyGlobalAdmin()) return;
        await this.users.create(
          systemCaller('bootstrap'),
          { firstName: 'Global', lastName: 'Administrator', email: admin.email, password: admin.password },
          { globalAdmin: true },
        );
        this.logger.log('created the bootstrap global administrator');
      })
      .catch((error: Error) => this.logger.error(`could not create the bootstrap administrator: ${error.message}`));
  }
}
