import { randomUUID } from 'node:crypto';
import { addDays, danishDayOf, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { ContractEvents, type ItContractSnapshot } from '@kitos/contracts';
import { EventPublisher } from '@kitos/messaging';
import { buildEvent } from '@kitos/persistence';
import type { ServiceApp } from '@kitos/platform';
import { eventually, resetJetStream } from '@kitos/testing';
import { DeliveriesRepository } from '../../services/contracts/src/reminders/deliveries.repository';
import { localTime } from '../../services/contracts/src/reminders/occurrences';
import { ReminderScheduler } from '../../services/contracts/src/reminders/reminder-scheduler';
import { RelatedObjectsRepository } from '../../services/contracts/src/reminders/related-objects.repository';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp';
import { STARTERS, http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Api = ReturnType<typeof http>;
interface Reminder {
  uuid: string;
  version: number;
  active: boolean;
  relatedEntity: { type: string; uuid: string; name: string | null };
  automatic: { deadline: string; deadlineDate: string; leadDays: number } | null;
}
interface Delivery {
  occurrence: string;
  status: string;
  late: boolean;
  attempt: number;
  to: string[];
  cc: string[];
}
interface Alert {
  uuid: string;
  reason: string;
  message: string;
  reminderUuid: string;
  dismissedAt: string | null;
}

const SEND_HOUR = 7;
/** Fake "now"s for the scheduler lie far in the future, so that the real-time passes (start-up, wake) never reach them. */
const FUTURE = addDays(danishDayOf(new Date()), 800);
const dueTime = (day: string, minutesLate = 1) => new Date(localTime(day, SEND_HOUR).getTime() + minutesLate * 60_000);

/** PUT through the gateway (the shared http() helper has no put). */
async function put(path: string, body: unknown, headers: Record<string, string>): Promise<HttpResult<Record<string, unknown>>> {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
let gatewayUrl = '';

function expectProblem(result: HttpResult, status: number, field?: string): void {
  expect([result.status, result.headers.get('content-type')]).toEqual([status, expect.stringContaining('application/problem+json')]);
  if (field) expect(JSON.stringify(result.body)).toContain(`"${field}`);
}

describe('Reminders (advis): e-mail through a real SMTP server, exactly once, caught up after downtime', () => {
  let system: RunningSystem;
  let smtp: TestSmtpServer;
  let api: Api;
  let admin: string;
  let org: string;
  let otherOrg: string;
  let la: { uuid: string; token: string; email: string };
  let member: { uuid: string; token: string; email: string };
  let systemAdmin: string;
  let contractAdmin: string;
  let otherLa: string;
  let roleType: string;
  let usageUuid: string;
  const extra: ServiceApp[] = [];

  const scheduler = (app: ServiceApp = system.services.get('contracts')!) => app.app.get(ReminderScheduler);
  const mailsFor = (reminderSubject: string): ReceivedMail[] => smtp.messages.filter((m) => m.subject === reminderSubject);

  const user = async (role: string, organizationUuid = org) => {
    const created = await createUser(api, admin, [{ organizationUuid, role }]);
    return { uuid: created.uuid, email: created.email, token: await sessionOf(api, created) };
  };

  const repeat = (subject: string, schedule: Record<string, unknown>, to: Record<string, unknown> = { emails: ['gentag@kommune.dk'] }) => ({
    relatedEntity: { type: 'ItSystemUsage', uuid: usageUuid },
    type: 'Repeat',
    subject,
    body: 'Gentaget påmindelse.',
    to,
    schedule,
  });

  const create = async (body: Record<string, unknown>, token = la.token): Promise<Reminder> => {
    const created = await api.post<Reminder>('/api/v2/reminders', body, bearer(token));
    if (created.status !== 201) throw new Error(`creating a reminder answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const deliveries = async (uuid: string) => {
    const log = await api.get<Delivery[]>(`/api/v2/reminders/${uuid}/deliveries`, bearer(la.token));
    expect(log.status).toBe(200);
    return log.body;
  };

  beforeAll(async () => {
    await resetJetStream();
    smtp = await startSmtpServer();
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts'],
      env: { SMTP_URL: smtp.url, SMTP_FROM: 'KITOS <kitos@kommune.dk>', REMINDER_POLL_MS: '0', REMINDER_SEND_HOUR: String(SEND_HOUR) },
    });
    api = http(system.gatewayUrl);
    gatewayUrl = system.gatewayUrl;
    admin = await adminToken(api);
    org = await createOrganization(api, admin);
    otherOrg = await createOrganization(api, admin);
    la = await user('LocalAdmin');
    member = await user('User');
    systemAdmin = (await user('SystemModuleAdmin')).token;
    contractAdmin = (await user('ContractModuleAdmin')).token;
    otherLa = (await user('LocalAdmin', otherOrg)).token;

    const itSystem = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: org, name: `Ærø Løn ${randomUUID().slice(0, 6)}` },
      bearer(admin),
    );
    const usage = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid: org, systemUuid: itSystem.body.uuid },
      bearer(la.token),
    );
    expect(usage.status).toBe(201);
    usageUuid = usage.body.uuid;
    const role = await api.post<{ uuid: string }>(
      '/api/v2/role-types',
      { objectType: 'ItSystemUsage', name: `Systemejer ${randomUUID().slice(0, 6)}` },
      bearer(admin),
    );
    expect(role.status).toBe(201);
    roleType = role.body.uuid;
    const assigned = await api.patch(
      `/api/v2/it-system-usages/${usageUuid}/roles/add`,
      { roleUuid: roleType, userUuid: member.uuid },
      bearer(la.token),
    );
    expect(assigned.status).toBe(200);
  });

  afterAll(async () => {
    for (const app of extra) await app.close();
    await system?.close();
    await smtp?.close();
  });

  describe('the API', () => {
    it('validates the body field by field (400) and needs a token (401)', async () => {
      const base = {
        relatedEntity: { type: 'ItSystemUsage', uuid: usageUuid },
        type: 'Immediate',
        subject: 'Emne',
        body: 'Tekst',
        to: { emails: ['a@kommune.dk'] },
      };
      expectProblem(await api.post('/api/v2/reminders', { ...base, type: 'Repeat' }, bearer(la.token)), 400, 'schedule');
      expectProblem(
        await api.post('/api/v2/reminders', { ...base, schedule: { startDate: FUTURE, repetition: 'Day' } }, bearer(la.token)),
        400,
        'schedule',
      );
      expectProblem(await api.post('/api/v2/reminders', { ...base, to: {} }, bearer(la.token)), 400, 'to');
      expectProblem(
        await api.post('/api/v2/reminders', { ...base, to: { emails: ['ikke-en-adresse'] } }, bearer(la.token)),
        400,
        'to.emails',
      );
      expectProblem(await api.post('/api/v2/reminders', { ...base, subject: '' }, bearer(la.token)), 400, 'subject');
      expectProblem(
        await api.post('/api/v2/reminders', { ...base, relatedEntity: { type: 'Project', uuid: usageUuid } }, bearer(la.token)),
        400,
        'relatedEntity.type',
      );
      expectProblem(
        await api.post(
          '/api/v2/reminders',
          repeat('x', { startDate: '2026-05-02', endDate: '2026-05-01', repetition: 'Week' }),
          bearer(la.token),
        ),
        400,
        'schedule.endDate',
      );
      expectProblem(
        await api.post('/api/v2/reminders', repeat('x', { startDate: '2026-13-01', repetition: 'Fortnight' }), bearer(la.token)),
        400,
        'schedule.repetition',
      );
      expect((await api.post('/api/v2/reminders', base)).status).toBe(401);
    });

    it('lets those who may change the object write (201), others not (403), and hides other organisations (404)', async () => {
      const body = repeat(`Rettigheder ${randomUUID()}`, { startDate: FUTURE, repetition: 'Year' });
      expect((await api.post('/api/v2/reminders', body, bearer(systemAdmin))).status).toBe(201);
      expect((await api.post('/api/v2/reminders', body, bearer(admin))).status).toBe(201);
      expectProblem(await api.post('/api/v2/reminders', body, bearer(contractAdmin)), 403);
      expectProblem(await api.post('/api/v2/reminders', body, bearer(member.token)), 403);
      expectProblem(await api.post('/api/v2/reminders', body, bearer(otherLa)), 404);
      expectProblem(
        await api.post('/api/v2/reminders', { ...body, relatedEntity: { type: 'ItSystemUsage', uuid: randomUUID() } }, bearer(la.token)),
        404,
      );
      expectProblem(
        await api.post('/api/v2/reminders', { ...body, relatedEntity: { type: 'ItContract', uuid: usageUuid } }, bearer(la.token)),
        404,
      );
    });

    it('reads, lists per object, patches with If-Match, deactivates and deletes', async () => {
      const reminder = await create(repeat(`Livscyklus ${randomUUID()}`, { startDate: FUTURE, repetition: 'Month' }));
      expect(reminder.relatedEntity).toMatchObject({ type: 'ItSystemUsage', uuid: usageUuid });
      const read = await api.get<Reminder & { nextOccurrenceAt: string }>(`/api/v2/reminders/${reminder.uuid}`, bearer(member.token));
      expect([read.status, read.headers.get('etag'), read.body.nextOccurrenceAt]).toEqual([
        200,
        '"1"',
        localTime(FUTURE, SEND_HOUR).toISOString(),
      ]);
      expectProblem(await api.get(`/api/v2/reminders/${reminder.uuid}`, bearer(otherLa)), 404);

      const listed = await api.get<Reminder[]>(
        `/api/v2/reminders?relatedEntityType=ItSystemUsage&relatedEntityUuid=${usageUuid}`,
        bearer(member.token),
      );
      expect(listed.status).toBe(200);
      expect(listed.body.map((r) => r.uuid)).toContain(reminder.uuid);
      expectProblem(await api.get(`/api/v2/reminders?relatedEntityUuid=${usageUuid}`, bearer(otherLa)), 404);
      expectProblem(await api.get('/api/v2/reminders', bearer(la.token)), 400, 'organizationUuid');

      expectProblem(
        await api.patch(`/api/v2/reminders/${reminder.uuid}`, { subject: 'Nyt emne' }, { ...bearer(la.token), 'if-match': '"7"' }),
        412,
      );
      expectProblem(await api.patch(`/api/v2/reminders/${reminder.uuid}`, { subject: 'Nyt emne' }, bearer(member.token)), 403);
      expectProblem(await api.patch(`/api/v2/reminders/${reminder.uuid}`, { to: { emails: [] } }, bearer(la.token)), 400, 'to');
      const patched = await api.patch<Reminder & { subject: string }>(
        `/api/v2/reminders/${reminder.uuid}`,
        { subject: 'Nyt emne' },
        { ...bearer(la.token), 'if-match': '"1"' },
      );
      expect([patched.status, patched.body.subject, patched.headers.get('etag')]).toEqual([200, 'Nyt emne', '"2"']);

      const deactivated = await api.patch<Reminder>(`/api/v2/reminders/${reminder.uuid}/deactivate`, {}, bearer(la.token));
      expect([deactivated.status, deactivated.body.active]).toEqual([200, false]);
      const active = await api.get<Reminder[]>(`/api/v2/reminders?organizationUuid=${org}`, bearer(la.token));
      expect(active.body.map((r) => r.uuid)).not.toContain(reminder.uuid);
      const all = await api.get<Reminder[]>(`/api/v2/reminders?organizationUuid=${org}&includeInactive=true`, bearer(la.token));
      expect(all.body.map((r) => r.uuid)).toContain(reminder.uuid);

      expectProblem(await api.delete(`/api/v2/reminders/${reminder.uuid}`, bearer(member.token)), 403);
      expect((await api.delete(`/api/v2/reminders/${reminder.uuid}`, bearer(la.token))).status).toBe(204);
      expectProblem(await api.get(`/api/v2/reminders/${reminder.uuid}`, bearer(la.token)), 404);
    });
  });

  describe('sending', () => {
    it('sends an immediate reminder at once to the role holders and addresses, with CC and Danish characters', async () => {
      const subject = `Husk årlig gennemgang – Ærø ${randomUUID().slice(0, 6)}`;
      const reminder = await create({
        relatedEntity: { type: 'ItSystemUsage', uuid: usageUuid },
        type: 'Immediate',
        subject,
        body: 'Kære systemejer: gennemgå aftalen før udløb. Æ Ø Å æ ø å.',
        to: { roleUuids: [roleType], emails: ['Driftschef@Kommune.dk'] },
        cc: { emails: ['kopi@kommune.dk'] },
      });
      const [mail] = await eventually(() => {
        const found = mailsFor(subject);
        expect(found).toHaveLength(1);
        return found;
      });
      expect(mail.to.sort()).toEqual([member.email.toLowerCase(), 'driftschef@kommune.dk'].sort());
      expect(mail.cc).toEqual(['kopi@kommune.dk']);
      expect(mail.recipients.sort()).toEqual([member.email.toLowerCase(), 'driftschef@kommune.dk', 'kopi@kommune.dk'].sort());
      expect(mail.text).toContain('Kære systemejer: gennemgå aftalen før udløb. Æ Ø Å æ ø å.');
      expect(mail.text).toContain('Vedrørende systemanvendelsen: ');
      expect(mail.messageId).toContain(reminder.uuid);
      await eventually(async () =>
        expect(await deliveries(reminder.uuid)).toEqual([
          expect.objectContaining({ status: 'Sent', late: false, attempt: 1, cc: ['kopi@kommune.dk'] }),
        ]),
      );

      // later passes never send it again
      await scheduler().poll();
      await scheduler().poll(dueTime(FUTURE));
      expect(mailsFor(subject)).toHaveLength(1);
    });

    it('repeats monthly from 31 January on the last day of shorter months, once per occurrence', async () => {
      const year = Number(FUTURE.slice(0, 4)) + 1;
      const start = `${year}-01-31`;
      const subject = `Månedlig kontrol ${randomUUID().slice(0, 6)}`;
      const reminder = await create(repeat(subject, { startDate: start, repetition: 'Month' }));
      const february = new Date(Date.UTC(year, 2, 0)).getUTCDate();
      const days = [start, `${year}-02-${february}`, `${year}-03-31`, `${year}-04-30`];
      expect(await scheduler().poll(dueTime(start, -10))).toMatchObject({ sent: 0 });
      for (const day of days) {
        await scheduler().poll(dueTime(day));
        await scheduler().poll(dueTime(day, 30));
      }
      expect(mailsFor(subject)).toHaveLength(4);
      expect((await deliveries(reminder.uuid)).map((d) => [d.occurrence, d.status, d.late])).toEqual(
        [...days].reverse().map((d) => [d, 'Sent', false]),
      );
    });

    it('after a restart, sends what was missed while the service was down: once, late', async () => {
      const start = addDays(FUTURE, 40);
      const subject = `Daglig ${randomUUID().slice(0, 6)}`;
      const reminder = await create(repeat(subject, { startDate: start, repetition: 'Day' }));
      await scheduler().poll(dueTime(start));
      expect(mailsFor(subject)).toHaveLength(1);

      await system.stop('contracts');
      // three occurrences pass while no contracts service runs
      await system.start('contracts');
      const missed = addDays(start, 3);
      await scheduler().poll(dueTime(missed, 120));
      await scheduler().poll(dueTime(missed, 125));

      const mails = mailsFor(subject);
      expect(mails).toHaveLength(2);
      expect(mails[1].text).toContain('Sendt forsinket');
      expect((await deliveries(reminder.uuid)).map((d) => [d.occurrence, d.late])).toEqual([
        [missed, true],
        [start, false],
      ]);
    });

    it('with two scheduler instances on one database, each occurrence arrives exactly once', async () => {
      const config = system.services.get('contracts')!.app.get<ServiceConfig>(SERVICE_CONFIG);
      const second = await STARTERS.contracts({ ...system.env, MONGODB_DATABASE: config.database });
      extra.push(second);
      const start = addDays(FUTURE, 80);
      const subject = `To instanser ${randomUUID().slice(0, 6)}`;
      const reminder = await create(repeat(subject, { startDate: start, repetition: 'Day' }));
      const results = [];
      for (let i = 0; i < 4; i++) {
        const at = dueTime(addDays(start, i));
        results.push(
          ...(await Promise.all([scheduler().poll(at), scheduler(second).poll(at), scheduler().poll(at), scheduler(second).poll(at)])),
        );
      }
      expect(mailsFor(subject)).toHaveLength(4);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBeGreaterThanOrEqual(4);
      expect((await deliveries(reminder.uuid)).map((d) => d.occurrence).sort()).toEqual([0, 1, 2, 3].map((i) => addDays(start, i)));

      // a replica that crashed after its claim: nothing is sent while its lease runs, then exactly one retry sends
      const day = addDays(start, 4);
      const claimedAt = dueTime(day);
      await system.services
        .get('contracts')!
        .app.get(DeliveriesRepository)
        .claim({
          reminderUuid: reminder.uuid,
          organizationUuid: org,
          occurrence: day,
          attempt: 1,
          attemptId: randomUUID(),
          dueAt: localTime(day, SEND_HOUR),
          claimedAt,
          leaseUntil: new Date(claimedAt.getTime() + 300_000),
          status: 'Pending',
          late: false,
          sentAt: null,
          to: [],
          cc: [],
          error: null,
        });
      await Promise.all([scheduler().poll(dueTime(day, 2)), scheduler(second).poll(dueTime(day, 2))]);
      expect(mailsFor(subject)).toHaveLength(4);
      await Promise.all([scheduler().poll(dueTime(day, 7)), scheduler(second).poll(dueTime(day, 7)), scheduler().poll(dueTime(day, 8))]);
      expect(mailsFor(subject)).toHaveLength(5);
      expect((await deliveries(reminder.uuid))[0]).toMatchObject({ occurrence: day, attempt: 2, status: 'Sent' });
    });
  });

  describe('automatic deadline reminders', () => {
    it('are set by local admins only, with validated lead times', async () => {
      const path = `/api/v2/organizations/${org}/reminder-settings`;
      const defaults = await api.get<{ leadDays: number[]; to: { emails: string[] } }>(path, bearer(member.token));
      expect([defaults.status, defaults.body.leadDays, defaults.body.to.emails]).toEqual([200, [90, 30, 7], []]);
      expectProblem(await put(path, { to: { emails: ['x@kommune.dk'] } }, bearer(contractAdmin)), 403);
      expectProblem(await put(path, { to: { emails: ['x@kommune.dk'] }, leadDays: [-1] }, bearer(la.token)), 400, 'leadDays');
      expectProblem(await put(path, { to: { emails: ['x@kommune.dk'] }, deadlines: ['Birthday'] }, bearer(la.token)), 400, 'deadlines');
      expectProblem(await api.get(path, bearer(otherLa)), 404);
    });

    it("remind of a contract's notice deadline ahead of time, and follow a changed deadline", async () => {
      const saved = await put(
        `/api/v2/organizations/${org}/reminder-settings`,
        { to: { emails: ['kontrakter@kommune.dk'] }, leadDays: [30, 7], deadlines: ['ContractNoticeDeadline'] },
        bearer(la.token),
      );
      expect(saved.status).toBe(200);

      // The contracts module publishes its contracts' derived deadlines in ContractEvents (snapshot `deadlines`); the test
      // publishes such events itself, exactly as the contracts module does, so that it depends only on the event contract.
      const contractUuid = randomUUID();
      const name = `Driftsaftale Økonomi ${randomUUID().slice(0, 6)}`;
      const deadline = addDays(FUTURE, 200);
      const publish = async (version: number, noticeDeadline: string) => {
        const app = system.services.get('contracts')!.app;
        const contract: ItContractSnapshot = {
          uuid: contractUuid,
          organizationUuid: org,
          name,
          lastModified: new Date().toISOString(),
          deadlines: { noticeDeadline },
        };
        const definition = version === 1 ? ContractEvents.contractCreated : ContractEvents.contractUpdated;
        const data = version === 1 ? { contract } : { contract, changes: [{ field: 'termination', oldValue: null, newValue: null }] };
        const event = buildEvent({ clock: { now: () => new Date() }, ids: { uuid: randomUUID } }, definition, {
          aggregate: { type: 'it-contract', uuid: contractUuid, version },
          organizationUuid: org,
          caller: systemCaller(randomUUID()),
          data: data as never,
        });
        await app.get(EventPublisher).publish(event);
      };
      await publish(1, deadline);
      const copies = () => system.services.get('contracts')!.app.get(RelatedObjectsRepository);
      await eventually(async () =>
        expect((await copies().find(contractUuid))?.deadlines).toMatchObject({ ContractNoticeDeadline: deadline }),
      );

      const listed = await api.get<Reminder[]>(
        `/api/v2/reminders?relatedEntityType=ItContract&relatedEntityUuid=${contractUuid}`,
        bearer(member.token),
      );
      expect(listed.body.map((r) => [r.automatic?.leadDays, r.automatic?.deadlineDate])).toEqual([
        [30, deadline],
        [7, deadline],
      ]);

      await scheduler().poll(dueTime(addDays(deadline, -31)));
      expect(smtp.to('kontrakter@kommune.dk').filter((m) => m.subject.includes(name))).toHaveLength(0);
      await scheduler().poll(dueTime(addDays(deadline, -30)));
      await scheduler().poll(dueTime(addDays(deadline, -29)));
      const first = smtp.to('kontrakter@kommune.dk').filter((m) => m.subject.includes(name));
      expect(first).toHaveLength(1);
      expect(first[0].subject).toMatch(/^Sidste frist for opsigelse: \d{1,2}\. [a-zæøå]+ \d{4} – Driftsaftale Økonomi/);
      expect(first[0].text).toContain('(om 30 dage)');

      // the notice deadline moves 60 days later: the pending reminders follow
      const moved = addDays(deadline, 60);
      await publish(2, moved);
      await eventually(async () => expect((await copies().find(contractUuid))?.deadlines).toMatchObject({ ContractNoticeDeadline: moved }));
      await scheduler().poll(dueTime(addDays(deadline, -7)));
      expect(smtp.to('kontrakter@kommune.dk').filter((m) => m.subject.includes(name))).toHaveLength(1);
      await scheduler().poll(dueTime(addDays(moved, -30)));
      const all = smtp.to('kontrakter@kommune.dk').filter((m) => m.subject.includes(name));
      expect(all).toHaveLength(2);
      expect(all[1].text).toContain('(om 30 dage)');
      expect(all[1].subject).not.toBe(all[0].subject);
    });
  });

  describe('undeliverable reminders become alerts', () => {
    it('no recipients left → an alert for the owner, seen by the owner and local admins, dismissed once', async () => {
      const unused = await api.post<{ uuid: string }>(
        '/api/v2/role-types',
        { objectType: 'ItSystemUsage', name: `Tom rolle ${randomUUID().slice(0, 6)}` },
        bearer(admin),
      );
      const owner = await user('SystemModuleAdmin');
      const subject = `Ingen modtagere ${randomUUID().slice(0, 6)}`;
      const reminder = await create(
        {
          relatedEntity: { type: 'ItSystemUsage', uuid: usageUuid },
          type: 'Immediate',
          subject,
          body: '-',
          to: { roleUuids: [unused.body.uuid] },
        },
        owner.token,
      );
      const alerts = await eventually(async () => {
        const list = await api.get<Alert[]>(`/api/v2/alerts?organizationUuid=${org}`, bearer(owner.token));
        const mine = list.body.filter((a) => a.reminderUuid === reminder.uuid);
        expect(mine).toHaveLength(1);
        return mine;
      });
      expect(alerts[0]).toMatchObject({ reason: 'NoRecipients', dismissedAt: null });
      expect(alerts[0].message).toContain(subject);
      expect(
        (await api.get<Alert[]>(`/api/v2/alerts?organizationUuid=${org}`, bearer(member.token))).body.map((a) => a.uuid),
      ).not.toContain(alerts[0].uuid);
      expect((await api.get<Alert[]>(`/api/v2/alerts?organizationUuid=${org}`, bearer(la.token))).body.map((a) => a.uuid)).toContain(
        alerts[0].uuid,
      );
      expectProblem(await api.get(`/api/v2/alerts?organizationUuid=${org}`, bearer(otherLa)), 404);
      expectProblem(await api.get('/api/v2/alerts', bearer(la.token)), 400, 'organizationUuid');

      expectProblem(await api.patch(`/api/v2/alerts/${alerts[0].uuid}/dismiss`, {}, bearer(member.token)), 403);
      expectProblem(await api.patch(`/api/v2/alerts/${alerts[0].uuid}/dismiss`, {}, bearer(otherLa)), 404);
      const dismissed = await api.patch<Alert>(`/api/v2/alerts/${alerts[0].uuid}/dismiss`, {}, bearer(owner.token));
      expect([dismissed.status, typeof dismissed.body.dismissedAt]).toEqual([200, 'string']);
      expect((await api.get<Alert[]>(`/api/v2/alerts?organizationUuid=${org}`, bearer(owner.token))).body.map((a) => a.uuid)).not.toContain(
        alerts[0].uuid,
      );
      const withDismissed = await api.get<Alert[]>(`/api/v2/alerts?organizationUuid=${org}&includeDismissed=true`, bearer(owner.token));
      expect(withDismissed.body.map((a) => a.uuid)).toContain(alerts[0].uuid);
      expect((await deliveries(reminder.uuid))[0]).toMatchObject({ status: 'Undeliverable' });
    });

    it('the SMTP server refuses the recipient → an alert, and the mail is not retried', async () => {
      smtp.rejected.add('findes-ikke@kommune.dk');
      const subject = `Afvist ${randomUUID().slice(0, 6)}`;
      const reminder = await create({
        relatedEntity: { type: 'ItSystemUsage', uuid: usageUuid },
        type: 'Immediate',
        subject,
        body: '-',
        to: { emails: ['findes-ikke@kommune.dk'] },
      });
      await eventually(async () => {
        const list = await api.get<Alert[]>(`/api/v2/alerts?organizationUuid=${org}`, bearer(la.token));
        expect(list.body.filter((a) => a.reminderUuid === reminder.uuid).map((a) => a.reason)).toEqual(['SmtpFailed']);
      });
      await scheduler().poll(dueTime(FUTURE));
      expect(mailsFor(subject)).toHaveLength(0);
      expect((await deliveries(reminder.uuid))[0]).toMatchObject({ status: 'Undeliverable', attempt: 1 });
    });

    it('the SMTP server is down → an alert', async () => {
      await smtp.close();
      try {
        const subject = `Server nede ${randomUUID().slice(0, 6)}`;
        const reminder = await create({
          relatedEntity: { type: 'ItSystemUsage', uuid: usageUuid },
          type: 'Immediate',
          subject,
          body: '-',
          to: { emails: ['drift@kommune.dk'] },
        });
        await eventually(async () => {
          const list = await api.get<Alert[]>(`/api/v2/alerts?organizationUuid=${org}`, bearer(la.token));
          const mine = list.body.filter((a) => a.reminderUuid === reminder.uuid);
          expect(mine.map((a) => a.reason)).toEqual(['SmtpFailed']);
          expect(mine[0].message).toContain('mailserveren');
        });
      } finally {
        smtp = await startSmtpServer(smtp.port);
      }
    });
  });
});
