/**
 * `npm run import:kitos -- --url <KITOS base URL> --email <API user> --password <…> [--organization <uuid>] [--apply]
 * [--since <ISO time>] [--report report.json|report.xlsx] [--page-size 1–250]`: imports one organisation's IT overview from a running KITOS
 * through this system's domain services (docs/migration.md). A dry run unless `--apply`. The credentials may come from
 * KITOS_IMPORT_URL, KITOS_IMPORT_EMAIL and KITOS_IMPORT_PASSWORD instead (kept out of the shell history); the bus from
 * NATS_URL, as the services read it. Writes as the system (an operator's tool, like `reporting:rebuild`). Exits 0 when
 * every object was imported or unchanged, 2 when some were skipped or failed, 1 when the run stopped (run it again).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { systemCaller } from '@kitos/common';
import { closeNats, connectNats, NatsRpcClient } from '@kitos/messaging';
import { reportXlsx, summaryLines, type ImportReport } from './import-report';
import { ImportProgressPrinter } from './import-progress';
import { KITOS_PAGE_SIZE, KitosClient, KitosSourceError } from './kitos-client';
import { KitosImporter, type ImportBus } from './kitos-importer';

const REQUEST_TIMEOUT_MS = 30_000;

export interface ImportCliOptions {
  readonly url: string;
  readonly email: string;
  readonly password: string;
  readonly organizationUuid: string | null;
  readonly apply: boolean;
  readonly since: string | null;
  readonly reportPath: string | null;
  /** Page size of the reads from KITOS (1–250). */
  readonly pageSize: number;
}

/** The options from the arguments, with the credentials from the environment where the arguments leave them out. */
export function parseImportArguments(argv: readonly string[], env: Record<string, string | undefined>): ImportCliOptions {
  const value = (name: string): string | null => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return null;
    const next = argv[at + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`);
    return next;
  };
  const url = value('url') ?? env.KITOS_IMPORT_URL ?? null;
  const email = value('email') ?? env.KITOS_IMPORT_EMAIL ?? null;
  const password = value('password') ?? env.KITOS_IMPORT_PASSWORD ?? null;
  if (!url || !email || !password)
    throw new Error('the KITOS URL, e-mail and password are needed (--url/--email/--password or KITOS_IMPORT_*)');
  if (!/^https?:\/\//.test(url)) throw new Error(`--url must be an http(s) URL, not "${url}"`);
  const organizationUuid = value('organization');
  if (organizationUuid && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organizationUuid))
    throw new Error(`--organization must be a uuid, not "${organizationUuid}"`);
  const since = value('since');
  if (since && Number.isNaN(Date.parse(since))) throw new Error(`--since must be an ISO time, not "${since}"`);
  const pageSize = Number(value('page-size') ?? KITOS_PAGE_SIZE);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > KITOS_PAGE_SIZE)
    throw new Error(`--page-size must be 1–${KITOS_PAGE_SIZE}`);
  const reportPath = value('report');
  if (reportPath && !/\.(json|xlsx)$/i.test(reportPath)) throw new Error('--report must name a .json or .xlsx file');
  return {
    url,
    email,
    password,
    organizationUuid: organizationUuid?.toLowerCase() ?? null,
    apply: argv.includes('--apply'),
    since: since ? new Date(since).toISOString() : null,
    reportPath,
    pageSize,
  };
}

/** The organisation to import: the given one, or the only one the API user is a member of in KITOS. */
export async function resolveOrganization(kitos: KitosClient, given: string | null): Promise<string> {
  if (given) return given;
  await kitos.authenticate();
  const mine = await kitos.list<{ uuid: string; name: string }>('/api/v2/organizations', { onlyWhereUserHasMembership: true });
  if (mine.length === 1) return mine[0].uuid;
  throw new Error(
    mine.length
      ? `the API user is a member of ${mine.length} organisations; choose one with --organization: ${mine.map((o) => `${o.uuid} (${o.name})`).join(', ')}`
      : 'the API user is a member of no organisation in KITOS',
  );
}

export async function writeReport(report: ImportReport, path: string): Promise<void> {
  await writeFile(path, /\.xlsx$/i.test(path) ? await reportXlsx(report) : `${JSON.stringify(report, null, 2)}\n`);
}

/** Exit code of a finished run: 1 stopped, 2 with skipped or failed objects, 0 otherwise. */
export function exitCodeOf(report: ImportReport): number {
  if (report.abortedBecause) return 1;
  return Object.values(report.counts).some((c) => c.skipped + c.failed > 0) ? 2 : 0;
}

export async function importCommand(args: {
  natsUrl: string;
  argv: readonly string[];
  env: Record<string, string | undefined>;
  out: { write(text: string): unknown; isTTY?: boolean };
  signal?: AbortSignal;
}): Promise<{ code: number; report: ImportReport | null }> {
  const options = parseImportArguments(args.argv, args.env);
  const kitos = new KitosClient({ baseUrl: options.url, email: options.email, password: options.password }, args.signal, options.pageSize);
  let organizationUuid: string;
  try {
    organizationUuid = await resolveOrganization(kitos, options.organizationUuid);
  } catch (error) {
    if (!(error instanceof KitosSourceError)) throw error;
    args.out.write(`${error.message}\n`);
    return { code: 1, report: null };
  }
  const nc = await connectNats({ url: args.natsUrl, name: 'kitos-import' });
  try {
    const rpc = new NatsRpcClient(nc, { rpcTimeoutMs: REQUEST_TIMEOUT_MS });
    const caller = systemCaller(`kitos-import-${randomUUID()}`);
    const bus: ImportBus = { request: (subject, data) => rpc.request(subject, caller, data) };
    const printer = new ImportProgressPrinter(args.out, args.out.isTTY === true, options.apply);
    args.out.write(`${options.apply ? 'Importing' : 'Dry run of the import of'} organisation ${organizationUuid} from ${options.url}\n`);
    const report = await new KitosImporter(kitos, bus, {
      source: options.url,
      organizationUuid,
      apply: options.apply,
      since: options.since,
      signal: args.signal,
      onProgress: (p) => printer.update(p),
    }).run();
    for (const line of summaryLines(report)) args.out.write(`${line}\n`);
    if (options.reportPath) {
      await writeReport(report, options.reportPath);
      args.out.write(`Report written to ${options.reportPath}\n`);
    }
    return { code: exitCodeOf(report), report };
  } finally {
    await closeNats(nc);
  }
}

if (require.main === module)
  importCommand({
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    argv: process.argv.slice(2),
    env: process.env,
    out: process.stdout,
  }).then(
    ({ code }) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
