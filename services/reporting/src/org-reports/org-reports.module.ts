import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { SharingModule } from '../sharing/sharing.module';
import { OrgReportsHandlers } from './org-reports.handlers';
import { OrgReportsService } from './org-reports.service';
import { ReportExports } from './report-exports';
import { SavedViewsService } from './saved-views.service';
import { SavedViewsStore } from './saved-views.store';

/** Organisation reports over the read models, their saved views and their streamed exports. */
@Module({
  imports: [ReadModelsModule, SharingModule],
  controllers: [OrgReportsHandlers],
  providers: [OrgReportsService, ReportExports, SavedViewsStore, SavedViewsService],
})
export class OrgReportsModule {}
