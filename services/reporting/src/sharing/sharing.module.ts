import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { SharingHandlers } from './sharing.handlers';
import { SharingPolicy } from './sharing-policy';
import { SharingSettingsStore } from './sharing-settings.store';

/** The sharing rules and each organisation's sharing settings. */
@Module({
  imports: [ReadModelsModule],
  controllers: [SharingHandlers],
  providers: [SharingSettingsStore, SharingPolicy],
  exports: [SharingSettingsStore, SharingPolicy],
})
export class SharingModule {}
