import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CLOCK, type Clock, danishDayOf } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import type { ReminderEntityType } from '@kitos/contracts';
import { MongoConnection } from '@kitos/persistence';
import type { ContractsConfig } from '../contracts.config';
import { AlertsRepository, type AlertReason } from './alerts.repository';
import { BusClient } from './bus.client';
import { DeliveriesRepository, attemptId, type DeliveryAttempt } from './deliveries.repository';
import { automaticReminders, catchUpStart, dueAutomatic, dueRepeatOccurrence, uuidFrom } from './due-occurrences';
import { MAIL_SENDER, MailError, type MailSender } from './mail-sender';
import type { Recipients } from './reminder';
import { alertMessage, deadlineReminderMail, manualReminderMail, type MailText } from './reminder-mail';
import { ReminderSettingsRepository } from './reminder-settings.repository';
import { RemindersRepository } from './reminders.repository';
import { RelatedObjectsRepository, type RelatedObject } from './related-objects.repository';

/** One occurrence of a reminder that is due: what to send, to whom, and who hears of it if it cannot be sent. */
interface DueOccurrence {
  readonly reminderUuid: string;
  readonly organizationUuid: string;
  readonly occurrence: string;
  readonly dueAt: Date;
  readonly ownerUuid: string | null;
  readonly entityType: ReminderEntityType;
  readonly entity: RelatedObject;
  readonly to: Recipients;
  readonly cc: Recipients;
  /** Shown in alerts. */
  readonly title: string;
  compose(late: boolean, today: string): MailText;
}

export interface PassResult {
  readonly due: number;
  readonly sent: number;
  readonly alerts: number;
}

/**
 * Sends due reminder occurrences, exactly once across every replica:
 * - an occurrence is claimed by inserting its attempt document with a deterministic `_id` (reminder, day, attempt);
 *   only the process whose insert succeeds sends, because the unique `_id` index is the one write that is atomic on
 *   MongoDB and FerretDB across processes;
 * - a claim holds a lease; a process that crashed after claiming leaves it without an outcome, and once the lease has
 *   run out the next attempt is claimed the same way (attempt + 1). A duplicate mail is possible only if a process
 *   crashed after the SMTP server accepted the mail and before it recorded that, and the retry then sends again: at
 *   most one extra mail per such crash, at most `maxAttempts - 1` in all, each with the same Message-ID;
 * - a claim whose lease ran out before the mail went out is abandoned by its holder (it never sends after the lease);
 * - every pass looks at all active reminders, so nothing depends on a timer having fired: after downtime, the first
 *   pass sends what was missed (late, once), as far back as the catch-up window.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);
  private readonly config: ContractsConfig;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private wakePending = false;
  private stopped = false;

  constructor(
    @Inject(SERVICE_CONFIG) config: ContractsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly mongo: MongoConnection,
    private readonly reminders: RemindersRepository,
    private readonly settings: ReminderSettingsRepository,
    private readonly objects: RelatedObjectsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly alerts: AlertsRepository,
    private readonly bus: BusClient,
  ) {
    this.config = config;
  }

  onApplicationBootstrap(): void {
    if (!this.mail.enabled) {
      this.logger.warn('E-mail is disabled (SMTP_URL is not set): due reminders become alerts for their owners instead of mails');
    }
    // the first pass catches up on what was missed while no replica ran
    void this.mongo.ready().then(() => this.wake());
    if (this.config.reminderPollMs > 0) this.timer = setInterval(() => this.wake(), this.config.reminderPollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.chain.catch(() => undefined);
  }

  /** Asks for a pass soon (new reminder, changed deadline, timer); passes never overlap, requests during one coalesce. */
  wake(): void {
    if (this.wakePending || this.stopped) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      void this.poll().catch((error: Error) => this.logger.warn(`reminder pass failed: ${error.message}`));
    });
  }

  /** One pass at `now` (the injected clock unless given: tests and operators may pass a time). */
  poll(now: Date = this.clock.now()): Promise<PassResult> {
    const pass = this.chain.then(() => this.pass(now));
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  private async pass(now: Date): Promise<PassResult> {
    const due = [...(await this.dueManual(now)), ...(await this.dueAutomatic(now))];
    let sent = 0;
    let alerts = 0;
    for (const occurrence of due) {
      if (this.stopped) break;
      const outcome = await this.process(occurrence, now).catch((error: Error) => {
        this.logger.warn(`reminder ${occurrence.reminderUuid} ${occurrence.occurrence}: ${error.message}; retried after the lease`);
        return null;
      });
      if (outcome === 'Sent') sent++;
      if (outcome === 'Alert') alerts++;
    }
    return { due: due.length, sent, alerts };
  }

  private async dueManual(now: Date): Promise<DueOccurrence[]> {
    const active = await this.reminders.findLive({ active: true });
    const objects = new Map((await this.objects.findMany(active.map((r) => r.relatedEntityUuid))).map((o) => [o.uuid, o]));
    const result: DueOccurrence[] = [];
    for (const r of active) {
      const entity = objects.get(r.relatedEntityUuid);
      if (!entity || entity.deleted) continue;
      let slot: { occurrence: string; dueAt: Date } | null;
      if (r.type === 'Immediate') slot = r.created <= now ? { occurrence: danishDayOf(r.created), dueAt: r.created } : null;
      else if (r.schedule) {
        const earliest = catchUpStart(r.effectiveFrom, now, this.config.reminderCatchUpDays);
        slot = dueRepeatOccurrence(r.schedule, now, earliest, this.config.reminderSendHour);
      } else slot = null;
      if (!slot) continue;
      result.push({
        reminderUuid: r.uuid,
        organizationUuid: r.organizationUuid,
        ...slot,
        ownerUuid: r.createdByUuid,
        entityType: r.relatedEntityType,
        entity,
        to: r.to,
        cc: r.cc,
        title: r.subject,
        compose: (late) =>
          manualReminderMail({
            subject: r.subject,
            body: r.body,
            entityType: r.relatedEntityType,
            entityName: entity.name,
            occurrence: slot.occurrence,
            late: late && r.type === 'Repeat',
          }),
      });
    }
    return result;
  }

  private async dueAutomatic(now: Date): Promise<DueOccurrence[]> {
    const settings = new Map((await this.settings.all()).filter((s) => s.enabled).map((s) => [s.organizationUuid, s]));
    if (!settings.size) return [];
    const today = danishDayOf(now);
    const result: DueOccurrence[] = [];
    for (const entity of await this.objects.withDeadlines()) {
      const s = settings.get(entity.organizationUuid);
      if (!s) continue;
      const candidates = automaticReminders(entity.uuid, entity.deadlines, s, today, this.config.reminderSendHour);
      for (const a of dueAutomatic(candidates, now)) {
        const mail = { deadline: a.deadline, deadlineDate: a.deadlineDate, entityType: entity.type, entityName: entity.name };
        result.push({
          reminderUuid: a.uuid,
          organizationUuid: entity.organizationUuid,
          occurrence: a.occurrence,
          dueAt: a.dueAt,
          ownerUuid: s.lastModifiedByUuid,
          entityType: entity.type,
          entity,
          to: s.to,
          cc: { roleUuids: [], emails: [] },
          title: deadlineReminderMail({ ...mail, today, late: false }).subject,
          compose: (late, day) => deadlineReminderMail({ ...mail, today: day, late }),
        });
      }
    }
    return result;
  }

  /** Claims and sends one occurrence unless another attempt has it or it is done. */
  private async process(o: DueOccurrence, now: Date): Promise<'Sent' | 'Alert' | null> {
    const max = this.config.reminderMaxAttempts;
    const attempts = await this.deliveries.attemptsOf(o.reminderUuid, o.occurrence, max);
    if (attempts.some((a) => a.status !== 'Pending')) return null;
    const last = attempts[attempts.length - 1];
    if (last && last.leaseUntil > now) return null;
    const attempt = (last?.attempt ?? 0) + 1;
    const late = now.getTime() - o.dueAt.getTime() > Math.max(15 * 60_000, 2 * this.config.reminderPollMs);
    const claim: Omit<DeliveryAttempt, 'id'> = {
      reminderUuid: o.reminderUuid,
      organizationUuid: o.organizationUuid,
      occurrence: o.occurrence,
      attempt,
      attemptId: randomUUID(),
      dueAt: o.dueAt,
      claimedAt: now,
      leaseUntil: new Date(now.getTime() + this.config.reminderClaimLeaseMs),
      status: 'Pending',
      late,
      sentAt: null,
      to: [],
      cc: [],
      error: null,
    };
    if (attempt > max) {
      // every attempt's lease ran out without an outcome: give up once, loudly
      if (!(await this.deliveries.claim({ ...claim, status: 'Undeliverable', error: 'no attempt finished' }))) return null;
      await this.alert(o, 'AttemptsExhausted', `${max} forsøg blev afbrudt`);
      return 'Alert';
    }
    if (!(await this.deliveries.claim(claim))) return null;
    return this.deliver(o, claim, now);
  }

  private async deliver(o: DueOccurrence, claim: Omit<DeliveryAttempt, 'id'>, now: Date): Promise<'Sent' | 'Alert' | null> {
    const id = attemptId(o.reminderUuid, o.occurrence, claim.attempt);
    const started = performance.now();
    const at = () => new Date(now.getTime() + (performance.now() - started));
    const to = await this.resolve(o.entityType, o.entity.uuid, o.to);
    const cc = (await this.resolve(o.entityType, o.entity.uuid, o.cc)).filter((a) => !to.includes(a));
    const recipients = to.length ? { to, cc } : { to: cc, cc: [] };
    if (!this.mail.enabled) {
      await this.deliveries.finish(id, { status: 'MailDisabled', sentAt: null, ...recipients, error: 'mail is disabled' });
      await this.alert(o, 'MailDisabled', 'afsendelse af e-mail er slået fra (ingen mailserver er sat op)');
      return 'Alert';
    }
    if (!recipients.to.length) {
      await this.deliveries.finish(id, { status: 'Undeliverable', sentAt: null, to: [], cc: [], error: 'no recipients' });
      await this.alert(o, 'NoRecipients', 'der er ingen modtagere (ingen har de valgte roller, og der er ingen adresser)');
      return 'Alert';
    }
    if (at() >= claim.leaseUntil) {
      this.logger.warn(`reminder ${o.reminderUuid} ${o.occurrence}: lease ran out before sending; the next attempt takes over`);
      return null;
    }
    const text = o.compose(claim.late, danishDayOf(now));
    try {
      const result = await this.mail.send({
        ...recipients,
        subject: text.subject,
        text: text.text,
        messageId: `<${o.reminderUuid}.${o.occurrence}@reminders.kitos>`,
      });
      const accepted = result.accepted.length > 0;
      await this.deliveries.finish(id, {
        status: accepted ? 'Sent' : 'Undeliverable',
        sentAt: accepted ? at() : null,
        ...recipients,
        error: result.rejected.length ? `${result.rejected.length} recipient(s) rejected` : null,
      });
      this.logger.log(`reminder ${o.reminderUuid} occurrence ${o.occurrence} attempt ${claim.attempt}: ${accepted ? 'sent' : 'rejected'}`);
      if (result.rejected.length) {
        await this.alert(
          o,
          'RecipientsRejected',
          `mailserveren afviste ${result.rejected.length} modtager(e): ${result.rejected.join(', ')}`,
        );
      }
      return accepted ? 'Sent' : 'Alert';
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      await this.deliveries.finish(id, { status: 'Undeliverable', sentAt: null, ...recipients, error: error.message });
      this.logger.warn(
        `reminder ${o.reminderUuid} occurrence ${o.occurrence}: the SMTP server did not take it (${error.responseCode ?? 'no reply'})`,
      );
      await this.alert(o, 'SmtpFailed', `mailserveren tog ikke imod den (${error.responseCode ?? 'intet svar'})`);
      return 'Alert';
    }
  }

  /** E-mail addresses of the recipients: the fixed ones and the holders of the roles on the object (asked of its owner). */
  private async resolve(type: ReminderEntityType, uuid: string, recipients: Recipients): Promise<string[]> {
    const addresses = new Set(recipients.emails.map((e) => e.toLowerCase()));
    if (recipients.roleUuids.length) {
      const object = await this.bus.findObject(type, uuid);
      const holders = new Set((object?.roles ?? []).filter((r) => recipients.roleUuids.includes(r.roleUuid)).map((r) => r.userUuid));
      for (const user of holders) {
        const email = await this.bus.findUserEmail(user);
        if (email) addresses.add(email.toLowerCase());
      }
    }
    return [...addresses];
  }

  private async alert(o: DueOccurrence, reason: AlertReason, why: string): Promise<void> {
    await this.alerts.add({
      uuid: uuidFrom(`alert|${o.reminderUuid}|${o.occurrence}|${reason}`),
      organizationUuid: o.organizationUuid,
      ownerUuid: o.ownerUuid,
      reminderUuid: o.reminderUuid,
      relatedEntityType: o.entityType,
      relatedEntityUuid: o.entity.uuid,
      relatedEntityName: o.entity.name,
      occurrence: o.occurrence,
      message: alertMessage(o.title, why),
      reason,
      created: this.clock.now(),
      dismissedAt: null,
    });
  }
}
