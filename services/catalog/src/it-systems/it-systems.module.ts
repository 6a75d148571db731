import { Module } from '@nestjs/common';
import { ItSystemsHandlers } from './it-systems.handlers';
import { ItSystemsRepository } from './it-systems.repository';
import { ItSystemsService } from './it-systems.service';

/** The IT-system catalogue and its rights-holder view; the repository is shared with the parts that check a system exists. */
@Module({
  controllers: [ItSystemsHandlers],
  providers: [ItSystemsService, ItSystemsRepository],
  exports: [ItSystemsRepository],
})
export class ItSystemsModule {}
