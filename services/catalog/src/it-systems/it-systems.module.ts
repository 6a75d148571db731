import { Module } from '@nestjs/common';
import { ItSystemsHandlers } from './it-systems.handlers';
import { ItSystemsRepository } from './it-systems.repository';
import { ItSystemsService } from './it-systems.service';

@Module({
  controllers: [ItSystemsHandlers],
  providers: [ItSystemsService, ItSystemsRepository],
})
export class ItSystemsModule {}
