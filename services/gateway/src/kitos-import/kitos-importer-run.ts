import { DomainError, ErrorCode } from '@kitos/common';
import { record, newReport, emptyCounts, type Counts, type ImportReport, type ImportType, type Outcome } from './import-report';
import { changedFields, type Mapped } from './kitos-mapping';
import { ImportLookups } from './kitos-importer-lookups';

/** The domain services' own commands over NATS, as one caller (the CLI's operator, or the admin who started the job). */
export interface ImportBus {
  request<T>(subject: string, data: unknown): Promise<T>;
}

type KitosQuery = Record<string, string | number | boolean | undefined>;

/** What the importer reads KITOS with (`KitosClient`, which pages KITOS's lists). */
export interface KitosSource {
  authenticate(): Promise<void>;
  get<T>(path: string, query?: KitosQuery): Promise<T>;
  list<T>(path: string, query?: KitosQuery): Promise<T[]>;
}

export interface ImportProgress {
  readonly type: ImportType;
  readonly done: number;
  readonly total: number;
  readonly counts: Counts;
  readonly finished: boolean;
}

export interface ImportOptions {
  readonly source: string;
  /** The organisation in KITOS (and here: its uuid is kept). */
  readonly organizationUuid: string;
  readonly apply: boolean;
  /** Only what changed in KITOS at or after this time (`changedSinceGtEq`). */
  readonly since?: string | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly now?: () => Date;
}

/** A failure that stops the whole run (KITOS or the bus cannot be reached, the run was aborted): re-running resumes. */
export class Stop extends Error {}

const FATAL = new Set<ErrorCode>([ErrorCode.Unavailable, ErrorCode.Timeout, ErrorCode.Internal, ErrorCode.Unauthenticated]);

function reasonOf(error: unknown): string {
  if (error instanceof DomainError) {
    const fields = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return `refused here (${error.code}): ${error.message}${fields ? ` — ${fields}` : ''}`;
  }
  return (error as Error).message;
}

/** How one object is written: create or change it in one command, after comparing it with what is here. */
export interface ObjectWrite<W> {
  create: ((value: W) => Promise<unknown>) | null;
  update: ((changes: Partial<W>, desired: W) => Promise<unknown>) | null;
  /** Why an existing object is left as it is although it differs. */
  refuse?: (desired: W, current: W) => string | null;
  /** The desired value as compared with the current one (fields the import does not change taken from current). */
  compare?: (desired: W, current: W) => W;
}

/**
 * One run of the import: its report, what it reads with (KITOS, only what changed with `--since`) and writes with (the
 * bus), what it has learnt about this side (`known`), and how each object is written: compared first, then created or
 * changed in one command, or only reported in a dry run. A refused write is reported and the run goes on; KITOS or the
 * bus failing (or an abort) stops it with `Stop`.
 */
export class ImportRun {
  readonly report: ImportReport;
  readonly known: ImportLookups;

  constructor(
    readonly kitos: KitosSource,
    readonly bus: ImportBus,
    private readonly options: ImportOptions,
  ) {
    this.report = newReport({
      source: options.source,
      organizationUuid: options.organizationUuid.toLowerCase(),
      apply: options.apply,
      since: options.since ?? null,
      now: this.now(),
    });
    this.known = new ImportLookups(this);
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The organisation imported (lower case). */
  get org(): string {
    return this.report.organizationUuid;
  }

  /** False for a dry run: everything is read and compared, nothing is written. */
  get apply(): boolean {
    return this.options.apply;
  }

  get since(): string | undefined {
    return this.options.since ?? undefined;
  }

  /** A KITOS list, with `--since` only the objects changed at or after that time. */
  listChanged<T>(path: string, query: KitosQuery = {}): Promise<T[]> {
    return this.kitos.list<T>(path, { ...query, changedSinceGtEq: this.since });
  }

  // ---- one object: compare, then create or change it in one command

  async one<W extends object>(
    type: ImportType,
    uuid: string,
    name: string | null | undefined,
    mapped: Mapped<W>,
    current: W | null,
    write: ObjectWrite<W>,
  ): Promise<Outcome> {
    const label = name ?? uuid;
    if (!mapped.ok) {
      record(this.report, { type, uuid, name: label, outcome: 'skipped', reason: mapped.reason });
      return 'skipped';
    }
    const notes = mapped.notes.length ? { notes: mapped.notes } : {};
    if (!current) {
      if (!write.create) {
        record(this.report, { type, uuid, name: label, outcome: 'skipped', reason: 'cannot be created by the import', ...notes });
        return 'skipped';
      }
      return this.attempt(type, uuid, label, 'created', [], notes, () => write.create!(mapped.value));
    }
    const desired = write.compare ? write.compare(mapped.value, current) : mapped.value;
    const fields = changedFields(desired, current);
    if (!fields.length) {
      record(this.report, { type, uuid, name: label, outcome: 'unchanged', ...notes });
      return 'unchanged';
    }
    const refusal =
      write.refuse?.(mapped.value, current) ??
      (write.update ? null : `differs here in ${fields.join(', ')}; the import does not change it`);
    if (refusal) {
      record(this.report, { type, uuid, name: label, outcome: 'skipped', fields, reason: refusal, ...notes });
      return 'skipped';
    }
    const changes = Object.fromEntries(fields.map((f) => [f, desired[f]])) as Partial<W>;
    return this.attempt(type, uuid, label, 'updated', fields, notes, () => write.update!(changes, mapped.value));
  }

  async attempt(
    type: ImportType,
    uuid: string,
    name: string,
    outcome: 'created' | 'updated',
    fields: string[],
    notes: { notes?: string[] },
    write: () => Promise<unknown>,
  ): Promise<Outcome> {
    const changed = fields.length ? { fields } : {};
    if (!this.options.apply) {
      record(this.report, { type, uuid, name, outcome, ...changed, ...notes });
      return outcome;
    }
    const refused = await this.refusal(write);
    if (refused) {
      record(this.report, { type, uuid, name, outcome: 'failed', ...changed, reason: refused, ...notes });
      return 'failed';
    }
    record(this.report, { type, uuid, name, outcome, ...changed, ...notes });
    return outcome;
  }

  /**
   * A second write to an object already reported (its main contract, set after the contracts): only a refusal is
   * reported, as a second, failed entry of the object.
   */
  async followUp(
    type: ImportType,
    uuid: string,
    name: string,
    fields: string[],
    what: string,
    write: () => Promise<unknown>,
  ): Promise<void> {
    const refused = await this.refusal(write);
    if (refused) record(this.report, { type, uuid, name, outcome: 'failed', fields, reason: `${what}: ${refused}` });
  }

  /** Writes; a refusal here is answered as its reason (null when written), anything else stops the run. */
  private async refusal(write: () => Promise<unknown>): Promise<string | null> {
    try {
      await write();
      return null;
    } catch (error) {
      if (!(error instanceof DomainError) || FATAL.has(error.code)) throw error;
      return reasonOf(error);
    }
  }

  /** Reports an object that is not written, with the reason. */
  skip(type: ImportType, uuid: string, name: string, reason: string): void {
    record(this.report, { type, uuid, name, outcome: 'skipped', reason });
  }

  /** An object here, or null when there is none; any other refusal stops the run. */
  async find<T>(subject: string, data: unknown): Promise<T | null> {
    try {
      return await this.bus.request<T>(subject, data);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      if (error instanceof DomainError && !FATAL.has(error.code)) throw new Stop(`reading ${subject} here was refused: ${error.message}`);
      throw error;
    }
  }

  /**
   * A write refused because a service's copy of an object created a moment ago (fed by events) has not caught up:
   * tried again for up to 20 s while the refusal names only such fields.
   */
  async catchingUp<T>(fields: RegExp | 'not-found', write: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        return await write();
      } catch (error) {
        const lagging =
          error instanceof DomainError &&
          (fields === 'not-found'
            ? error.code === ErrorCode.NotFound
            : error.code === ErrorCode.BadInput && error.errors.length > 0 && error.errors.every((e) => fields.test(e.field)));
        if (!lagging || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  checkAbort(): void {
    if (this.options.signal?.aborted) throw new Stop('the run was aborted');
  }

  progress(type: ImportType, done: number, total: number, finished: boolean): void {
    this.options.onProgress?.({ type, done, total, counts: { ...(this.report.counts[type] ?? emptyCounts()) }, finished });
  }

  /**
   * Each object of a list in turn: stops when the run is aborted, reports progress after each object and, once
   * `finish` (what the step still does after the last one) is done, that the step is finished.
   */
  async each<T>(type: ImportType, list: readonly T[], importOne: (k: T) => Promise<void>, finish?: () => Promise<void>): Promise<void> {
    let done = 0;
    for (const k of list) {
      this.checkAbort();
      await importOne(k);
      this.progress(type, ++done, list.length, false);
    }
    await finish?.();
    this.progress(type, done, list.length, true);
  }
}
