import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DIRECTORY_OPTIONS, resolveDirectoryOptions, type DirectoryOptions } from './directory.options';
import { DirectoryProjector } from './directory.projector';
import { DirectoryRepository } from './directory.repository';
import { NatsRpcClient } from '@kitos/messaging';
import { OrganizationDirectoryLookup } from './organization-directory.lookup';

/**
 * A service's copy of identity's organisations, units, users and role types, kept from identity's events (the service
 * must consume `identity`) and read through on a miss. Global: import once, in the service's root or a feature module.
 */
@Module({})
export class DirectoryModule {
  static forRoot(options: DirectoryOptions = {}): DynamicModule {
    const aliases: Provider[] = (options.provideAs ?? []).map((token) => ({ provide: token, useExisting: OrganizationDirectoryLookup }));
    return {
      module: DirectoryModule,
      global: true,
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: resolveDirectoryOptions(options) },
        DirectoryRepository,
        DirectoryProjector,
        NatsRpcClient,
        OrganizationDirectoryLookup,
        ...aliases,
      ],
      exports: [OrganizationDirectoryLookup, DirectoryRepository, NatsRpcClient, ...(options.provideAs ?? [])],
    };
  }
}
