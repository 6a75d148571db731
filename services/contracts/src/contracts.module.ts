import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';

/** The contracts service: IT contracts, economy, deadlines and reminders. It boots, owns its database and answers on the bus; its domain comes with its own issue. */
@Module({})
export class ContractsModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: ContractsModule, imports: [PlatformModule.forService(config)], controllers: [pingHandlers('contracts')] };
  }
}
