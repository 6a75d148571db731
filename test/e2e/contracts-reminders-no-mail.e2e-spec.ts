import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

/** The embedded default has no SMTP server: reminders still work, and what is due becomes an alert for its owner. */
describe('Reminders without a mail server (no SMTP_URL)', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'contracts'], env: { SMTP_URL: '' } });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
  });

  afterAll(async () => {
    await system?.close();
  });

  it('turns a due reminder into a MailDisabled alert and logs the occurrence as not mailed', async () => {
    const org = await createOrganization(api, admin);
    const itSystem = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: org, name: `Sag ${randomUUID().slice(0, 6)}` },
      bearer(admin),
    );
    const usage = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid: org, systemUuid: itSystem.body.uuid },
      bearer(admin),
    );
    expect(usage.status).toBe(201);
    const created = await api.post<{ uuid: string }>(
      '/api/v2/reminders',
      {
        relatedEntity: { type: 'ItSystemUsage', uuid: usage.body.uuid },
        type: 'Immediate',
        subject: 'Påmindelse',
        body: '-',
        to: { emails: ['a@kommune.dk'] },
      },
      bearer(admin),
    );
    expect(created.status).toBe(201);
    const alert = await eventually(async () => {
      const alerts = await api.get<Array<{ reminderUuid: string; reason: string; message: string }>>(
        `/api/v2/alerts?organizationUuid=${org}`,
        bearer(admin),
      );
      expect(alerts.body).toHaveLength(1);
      return alerts.body[0];
    });
    expect(alert).toMatchObject({ reminderUuid: created.body.uuid, reason: 'MailDisabled' });
    expect(alert.message).toContain('Påmindelse');
    const log = await api.get<Array<{ status: string; to: string[] }>>(`/api/v2/reminders/${created.body.uuid}/deliveries`, bearer(admin));
    expect(log.body).toEqual([expect.objectContaining({ status: 'MailDisabled', to: ['a@kommune.dk'] })]);
  });
});
