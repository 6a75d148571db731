import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { NatsRpcClient } from '@kitos/messaging';
import type { ContractsConfig } from '../contracts.config';
import { AlertsRepository } from './alerts.repository';
import { BusClient } from './bus.client';
import { DeliveriesRepository } from './deliveries.repository';
import { MAIL_SENDER, mailSenderFor } from './mail-sender';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSettingsRepository } from './reminder-settings.repository';
import { RemindersHandlers } from './reminders.handlers';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';
import { RelatedObjectsProjector } from './related-objects.projector';
import { RelatedObjectsRepository } from './related-objects.repository';

/**
 * Reminders (KITOS advis) about contracts, usages and DPRs, the automatic deadline reminders, the scheduler that sends
 * them by SMTP exactly once across replicas, and the alerts for what could not be sent. Self-contained: it needs only
 * the platform (database, bus, clock) and the events of contracts, catalog, gdpr and archiving.
 */
@Module({
  controllers: [RemindersHandlers],
  providers: [
    { provide: MAIL_SENDER, inject: [SERVICE_CONFIG], useFactory: (config: ContractsConfig) => mailSenderFor(config) },
    NatsRpcClient,
    BusClient,
    RemindersRepository,
    RelatedObjectsRepository,
    ReminderSettingsRepository,
    DeliveriesRepository,
    AlertsRepository,
    ReminderScheduler,
    RemindersService,
    RelatedObjectsProjector,
  ],
  exports: [ReminderScheduler],
})
export class RemindersModule {}
