import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream, testNatsUrl } from '@kitos/testing';
import { adminToken, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Kle = {
  uuid: string;
  kleNumber: string;
  description: string;
  parentUuid: string | null;
  parentKleNumber: string | null;
  validFrom: string | null;
  removed: string | null;
  lastModified: string;
  guidance?: string | null;
};
type TreeNode = { kleNumber: string; children: TreeNode[] };
type Item = { uuid: string; kleNumber: string; description: string; removed: string | null };
type Preview = {
  uuid: string;
  status: string;
  baseVersion: number;
  publishedDate: string | null;
  entries: number;
  added: Item[];
  renamed: Array<{ uuid: string; kleNumber: string; oldDescription: string; newDescription: string }>;
  removed: Item[];
  restored: Item[];
  updated: Array<{ kleNumber: string; fields: string[] }>;
};
type Problem = { status: number; detail: string; errors?: Array<{ field: string; message: string }> };

const SAMPLE = readFileSync(resolve(__dirname, '../../deploy/seed/kle/emneplan-sample.xml'), 'utf8');
const XML = { 'content-type': 'application/xml' };
/** Active entries of the sample: 4 main groups, 12 groups, 39 topics less the 3 that left KLE. */
const ACTIVE = 52;
/** Deadline for an event to reach the stream: generous, the suite must hold on a loaded machine. */
const EVENT_WAIT = { timeoutMs: 60_000, intervalMs: 200 };

/** The sample with 00.03.04 renamed, 00.03.02 gone and 00.03.10 new. */
function changedSample(): string {
  return SAMPLE.replace('<EmneTitel>Venskabsbysamarbejde</EmneTitel>', '<EmneTitel>Venskabsbysamarbejde og partnerskaber</EmneTitel>')
    .replace(/<Emne>\s*<UUID>[^<]*<\/UUID>\s*<EmneNr>00\.03\.02<\/EmneNr>[\s\S]*?<\/Emne>/, '')
    .replace(
      '<GruppeTitel>International virksomhed og EU</GruppeTitel>',
      '<GruppeTitel>International virksomhed og EU</GruppeTitel><Emne><EmneNr>00.03.10</EmneNr><EmneTitel>Nordisk samarbejde</EmneTitel>' +
        '<EmneAdministrativInfo><OprettetDato>2024-03-01</OprettetDato></EmneAdministrativInfo></Emne>',
    )
    .replace('<UdgivelsesDato>2024-01-15</UdgivelsesDato>', '<UdgivelsesDato>2024-06-01</UdgivelsesDato>');
}

async function lastImportEvent(): Promise<{ aggregate: { version: number }; data: Record<string, unknown> }> {
  const nc = await connect(natsConnectionOptions(testNatsUrl()));
  try {
    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage('CATALOG', { last_by_subj: 'evt.catalog.kle.imported.v1' });
    return message.json();
  } finally {
    await nc.close();
  }
}

describe('KLE end to end through the gateway, with every service running', () => {
  let system: RunningSystem;
  let admin: ReturnType<typeof http>;
  let user: ReturnType<typeof http>;
  const numbers = (items: Array<{ kleNumber: string }>) => items.map((i) => i.kleNumber);

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    const token = await adminToken(http(system.gatewayUrl));
    admin = http(system.gatewayUrl, token);
    const organizationUuid = await createOrganization(admin, token);
    user = http(system.gatewayUrl, await sessionOf(admin, await createUser(admin, token, [{ organizationUuid, role: 'LocalAdmin' }])));
  });

  afterAll(async () => {
    await system?.close();
  });

  it('imports the shipped sample at start-up, readable by every user, and records it as one event', async () => {
    // startSystem waited for catalog's readiness, which follows the start-up import: the KLE is there
    const result = await user.get<Kle[]>('/api/v2/kle-options');
    expect(result.status).toBe(200);
    expect(result.body).toHaveLength(ACTIVE);
    const listed = result.body;
    expect(numbers(listed).slice(0, 4)).toEqual(['00', '00.01', '00.01.00', '00.01.10']);
    expect(listed.find((k) => k.kleNumber === '00.03.04')).toEqual({
      uuid: expect.any(String),
      kleNumber: '00.03.04',
      description: 'Venskabsbysamarbejde',
      parentUuid: listed.find((k) => k.kleNumber === '00.03')?.uuid,
      parentKleNumber: '00.03',
      validFrom: '1993-06-01',
      removed: null,
      lastModified: expect.any(String),
    });
    const all = await user.get<Kle[]>('/api/v2/kle-options?includeRemoved=true');
    expect(all.body).toHaveLength(55);
    expect(all.body.find((k) => k.kleNumber === '00.03.08')?.removed).toBe('2018-01-01');

    // the relay publishes the import's event once nudged; a busy machine may take a while
    const event = await eventually(lastImportEvent, EVENT_WAIT);
    expect(event.aggregate.version).toBe(1);
    expect(event.data).toMatchObject({ importUuid: null, publishedDate: '2024-01-15', renamed: [], removed: [] });
    expect(event.data.added).toHaveLength(55);

    expect((await http(system.gatewayUrl).get('/api/v2/kle-options')).status).toBe(401);
  });

  it('filters by parent number, parent uuid, number prefix, title and change time, and pages', async () => {
    const byParentNumber = await user.get<Kle[]>('/api/v2/kle-options?parentKleNumber=00.03');
    expect(numbers(byParentNumber.body)).toEqual(['00.03.00', '00.03.02', '00.03.04']);
    const withRemoved = await user.get<Kle[]>('/api/v2/kle-options?parentKleNumber=00.03&includeRemoved=true');
    expect(numbers(withRemoved.body)).toEqual(['00.03.00', '00.03.02', '00.03.04', '00.03.08']);

    const group = byParentNumber.body[0].parentUuid as string;
    const byParentUuid = await user.get<Kle[]>(`/api/v2/kle-options?parentKleUuid=${group}`);
    expect(byParentUuid.body).toEqual(byParentNumber.body);
    const mainGroups = await user.get<Kle[]>('/api/v2/kle-options?kleNumberPrefix=1');
    expect(numbers(mainGroups.body)[0]).toBe('16');
    expect(numbers(mainGroups.body).every((n) => n.startsWith('1'))).toBe(true);

    const byPrefix = await user.get<Kle[]>('/api/v2/kle-options?kleNumberPrefix=02.34');
    expect(numbers(byPrefix.body)).toEqual(['02.34', '02.34.00', '02.34.02', '02.34.04', '02.34.06', '02.34.10']);

    const byTitle = await user.get<Kle[]>(`/api/v2/kle-options?kleDescriptionContent=${encodeURIComponent('VENSKABSBY')}`);
    expect(numbers(byTitle.body)).toEqual(['00.03.04']);
    const danish = await user.get<Kle[]>(`/api/v2/kle-options?kleDescriptionContent=${encodeURIComponent('ajourføring')}`);
    expect(numbers(danish.body)).toEqual(['02.40.04']);

    const future = await user.get<Kle[]>('/api/v2/kle-options?changedSinceGtEq=2999-01-01T00:00:00Z');
    expect(future.body).toEqual([]);
    const past = await user.get<Kle[]>('/api/v2/kle-options?changedSinceGtEq=2000-01-01T00:00:00Z');
    expect(past.body).toHaveLength(ACTIVE);

    const page = await user.get<Kle[]>('/api/v2/kle-options?parentKleNumber=00.03&page=1&pageSize=2');
    expect(numbers(page.body)).toEqual(['00.03.04']);

    const bad = await user.get<Problem>(
      '/api/v2/kle-options?parentKleNumber=abc&parentKleUuid=00000000-0000-0000-0000-000000000000&pageSize=0',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['pageSize', 'parentKleNumber', 'parentKleUuid']);
  });

  it('reads one entry by uuid with its guidance, removed ones too; 404 for an unknown uuid, 400 for a malformed one', async () => {
    const [topic] = (await user.get<Kle[]>('/api/v2/kle-options?kleNumberPrefix=00.03.04')).body;
    const one = await user.get<Kle>(`/api/v2/kle-options/${topic.uuid}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      ...topic,
      guidance: 'Her journaliseres sager om venskabsbysamarbejde med kommuner i andre lande.\nSe også 00.05 Besøg, repræsentation mv.',
    });

    const [removed] = (await user.get<Kle[]>('/api/v2/kle-options?kleNumberPrefix=02.34.12&includeRemoved=true')).body;
    expect((await user.get<Kle>(`/api/v2/kle-options/${removed.uuid}`)).body).toMatchObject({
      kleNumber: '02.34.12',
      removed: '2017-06-30',
    });

    expect((await user.get('/api/v2/kle-options/9a3c1e52-0d6b-4b7e-8f21-5c4d3b2a1f00')).status).toBe(404);
    expect((await user.get('/api/v2/kle-options/not-a-uuid')).status).toBe(400);
    expect((await user.get('/api/v2/kle-options/00000000-0000-0000-0000-000000000000')).status).toBe(400);
  });

  it('shows KLE as a tree, whole or from one main group', async () => {
    const tree = await user.get<{ publishedDate: string; version: number; roots: TreeNode[] }>('/api/v2/kle-options/tree');
    expect(tree.status).toBe(200);
    expect(tree.body).toMatchObject({ publishedDate: '2024-01-15', version: 1 });
    expect(numbers(tree.body.roots)).toEqual(['00', '02', '16', '17']);
    expect(numbers(tree.body.roots[0].children)).toEqual(['00.01', '00.03', '00.05', '00.06']);
    expect(numbers(tree.body.roots[0].children[1].children)).toEqual(['00.03.00', '00.03.02', '00.03.04']);

    const one = await user.get<{ roots: TreeNode[] }>('/api/v2/kle-options/tree?kleNumber=02.34&includeRemoved=true');
    expect(numbers(one.body.roots)).toEqual(['02.34']);
    expect(numbers(one.body.roots[0].children)).toContain('02.34.12');
    expect((await user.get('/api/v2/kle-options/tree?kleNumber=99')).status).toBe(404);
  });

  it('refuses imports by others than global admins (403) and documents that are not an emneplan (400)', async () => {
    const forbidden = await user.post<Problem>('/api/v2/kle-options/imports', SAMPLE, XML);
    expect(forbidden.status).toBe(403);

    const broken = await admin.post<Problem>('/api/v2/kle-options/imports', '<KLE-Emneplan><Hovedgruppe></KLE-Emneplan>', XML);
    expect(broken.status).toBe(400);
    expect(broken.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/^line 1, column \d+: /) }]);

    const wrong = await admin.post<Problem>(
      '/api/v2/kle-options/imports',
      '<KLE-Emneplan><Hovedgruppe><HovedgruppeNr>7</HovedgruppeNr></Hovedgruppe></KLE-Emneplan>',
      { 'content-type': 'text/xml; charset=utf-8' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: 'Hovedgruppe[0].HovedgruppeNr', message: '"7" is not a Hovedgruppe number such as 00' }]);

    const json = await admin.post<Problem>('/api/v2/kle-options/imports', { xml: SAMPLE });
    expect(json.status).toBe(400);
  });

  it('previews a re-import without changing anything, then applies exactly that change as one event', async () => {
    const before = (await user.get<Kle[]>('/api/v2/kle-options?includeRemoved=true')).body;

    const preview = await admin.post<Preview>('/api/v2/kle-options/imports', changedSample(), XML);
    expect(preview.status).toBe(201);
    expect(preview.headers.get('location')).toBe(`/api/v2/kle-options/imports/${preview.body.uuid}`);
    expect(preview.body).toMatchObject({
      status: 'Pending',
      baseVersion: 1,
      publishedDate: '2024-06-01',
      entries: 55,
      restored: [],
      updated: [],
    });
    expect(preview.body.added).toEqual([
      expect.objectContaining({ kleNumber: '00.03.10', description: 'Nordisk samarbejde', removed: null }),
    ]);
    expect(preview.body.renamed).toEqual([
      expect.objectContaining({
        kleNumber: '00.03.04',
        oldDescription: 'Venskabsbysamarbejde',
        newDescription: 'Venskabsbysamarbejde og partnerskaber',
      }),
    ]);
    expect(preview.body.removed).toEqual([
      expect.objectContaining({ kleNumber: '00.03.02', removed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }),
    ]);
    expect((await admin.get<Preview>(`/api/v2/kle-options/imports/${preview.body.uuid}`)).body).toEqual(preview.body);
    expect((await user.get<Kle[]>('/api/v2/kle-options?includeRemoved=true')).body).toEqual(before);

    const competing = await admin.post<Preview>('/api/v2/kle-options/imports', SAMPLE, XML);
    expect(competing.status).toBe(201);

    expect((await user.post(`/api/v2/kle-options/imports/${preview.body.uuid}/apply`, {})).status).toBe(403);
    const applyStarted = new Date().toISOString();
    const applied = await admin.post<Preview>(`/api/v2/kle-options/imports/${preview.body.uuid}/apply`, {});
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'Applied', added: preview.body.added, renamed: preview.body.renamed });
    expect(numbers(applied.body.removed)).toEqual(['00.03.02']);

    const group = await user.get<Kle[]>('/api/v2/kle-options?parentKleNumber=00.03');
    expect(numbers(group.body)).toEqual(['00.03.00', '00.03.04', '00.03.10']);
    expect(group.body[1]).toMatchObject({
      uuid: before.find((k) => k.kleNumber === '00.03.04')?.uuid,
      description: 'Venskabsbysamarbejde og partnerskaber',
    });
    const gone = before.find((k) => k.kleNumber === '00.03.02') as Kle;
    expect((await user.get<Kle>(`/api/v2/kle-options/${gone.uuid}`)).body).toMatchObject({
      kleNumber: '00.03.02',
      removed: applied.body.removed[0].removed,
    });
    const changed = await user.get<Kle[]>(`/api/v2/kle-options?includeRemoved=true&changedSinceGtEq=${encodeURIComponent(applyStarted)}`);
    expect(numbers(changed.body).sort()).toEqual(['00.03.02', '00.03.04', '00.03.10']);

    const event = await eventually(async () => {
      const last = await lastImportEvent();
      expect(last.aggregate.version).toBe(2);
      return last;
    }, EVENT_WAIT);
    expect(event.data).toMatchObject({
      importUuid: preview.body.uuid,
      publishedDate: '2024-06-01',
      added: [expect.objectContaining({ kleNumber: '00.03.10' })],
      renamed: [expect.objectContaining({ kleNumber: '00.03.04', newDescription: 'Venskabsbysamarbejde og partnerskaber' })],
      removed: [expect.objectContaining({ kleNumber: '00.03.02', uuid: gone.uuid })],
    });

    const again = await admin.post<Problem>(`/api/v2/kle-options/imports/${preview.body.uuid}/apply`, {});
    expect(again.status).toBe(409);
    const stale = await admin.post<Problem & { baseVersion: number; currentVersion: number }>(
      `/api/v2/kle-options/imports/${competing.body.uuid}/apply`,
      {},
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ baseVersion: 1, currentVersion: 2 });
    expect((await admin.post('/api/v2/kle-options/imports/9a3c1e52-0d6b-4b7e-8f21-5c4d3b2a1f00/apply', {})).status).toBe(404);
  });
});
