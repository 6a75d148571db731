import { Global, Module } from '@nestjs/common';
import { ItSystemsModule } from '../it-systems/it-systems.module';
import { InterfaceLookup } from '../shared/ports';
import { ItInterfaceLookup } from './it-interface.lookup';
import { ItInterfacesHandlers } from './it-interfaces.handlers';
import { ItInterfacesRepository } from './it-interfaces.repository';
import { ItInterfacesService } from './it-interfaces.service';

/** IT interfaces (KITOS §2.4); implements the InterfaceLookup port for the other parts of the catalogue. */
@Global()
@Module({
  imports: [ItSystemsModule],
  controllers: [ItInterfacesHandlers],
  providers: [ItInterfacesService, ItInterfacesRepository, ItInterfaceLookup, { provide: InterfaceLookup, useExisting: ItInterfaceLookup }],
  exports: [InterfaceLookup],
})
export class InterfacesModule {}
