import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, ID_GENERATOR, toErrorPayload, type CallerContext, type IdGenerator } from '@kitos/common';
import {
  REPORT_EXPORT_PAGE_BYTES,
  REPORT_EXPORT_PAGE_ROWS,
  Rpc,
  type OrgReportExportPage,
  type OrgReportExportSession,
  type OrgReportRequest,
} from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { Doc } from './report-columns';
import { publicColumns, rowOf } from './report-query';
import { OrgReportsService, type PreparedReport } from './org-reports.service';

/** An export whose page requests stop coming is closed after this long (the download was abandoned). */
export const EXPORT_IDLE_MS = 120_000;

interface Cursor {
  next(): Promise<Doc | null>;
  close(): Promise<unknown>;
}

/**
 * Exports of the organisation reports. Paging through a large report with skip/limit (or keyset) queries costs a
 * scan per page on FerretDB, so an export is one database cursor instead, read a batch at a time. The cursor lives
 * in the replica that opened it and is reached on the export's own subject (no queue group): the gateway asks for
 * the next page only after it has written the previous one to the download, so memory stays flat at both ends
 * (at most one page of rows in each) and a slow download slows the cursor down. Pages are bounded by rows and by
 * bytes, well below NATS max_payload (1 MB).
 */
@Injectable()
export class ReportExports implements OnModuleDestroy {
  private readonly logger = new Logger(ReportExports.name);
  private readonly open = new Set<Subscription>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly reports: OrgReportsService,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async start(caller: CallerContext, request: OrgReportRequest): Promise<OrgReportExportSession> {
    const prepared = await this.reports.prepare(caller, request);
    const pageSubject = `${Rpc.reporting.orgReports.exportPagePrefix}.${this.ids.uuid()}`;
    const subscription = this.nc.subscribe(pageSubject);
    this.open.add(subscription);
    const cursor: Cursor = this.reports.cursor(prepared, REPORT_EXPORT_PAGE_ROWS);
    void this.serve(subscription, cursor, caller, prepared);
    return {
      columns: publicColumns(prepared.resolved.columns),
      pageSubject,
      ...(prepared.viewUuid ? { view: prepared.viewUuid } : {}),
    };
  }

  onModuleDestroy(): void {
    for (const subscription of this.open) subscription.unsubscribe();
  }

  private async serve(subscription: Subscription, cursor: Cursor, caller: CallerContext, prepared: PreparedReport): Promise<void> {
    let idle = setTimeout(() => subscription.unsubscribe(), EXPORT_IDLE_MS);
    try {
      for await (const message of subscription) {
        clearTimeout(idle);
        const done = await this.answer(message, cursor, caller, prepared);
        if (done) break;
        idle = setTimeout(() => subscription.unsubscribe(), EXPORT_IDLE_MS);
      }
    } catch (error) {
      this.logger.warn(`An export ended with an error: ${(error as Error).message}`);
    } finally {
      clearTimeout(idle);
      subscription.unsubscribe();
      this.open.delete(subscription);
      await cursor.close().catch(() => undefined);
    }
  }

  /** Answers one page request (Nest's NATS wire format, as the gateway's RPC client speaks it); true when the export ended. */
  private async answer(message: Msg, cursor: Cursor, caller: CallerContext, prepared: PreparedReport): Promise<boolean> {
    let id: unknown;
    let reply: Record<string, unknown>;
    let done = true;
    try {
      const packet = JSON.parse(new TextDecoder().decode(message.data)) as {
        id?: unknown;
        data?: { caller?: Partial<CallerContext>; data?: { cancel?: unknown } };
      };
      id = packet.id;
      // The subject is unguessable, but only the caller who opened the export reads it.
      if (packet.data?.caller?.userUuid !== caller.userUuid || packet.data?.caller?.kind !== caller.kind)
        throw DomainError.notFound('export', message.subject);
      if (packet.data?.data?.cancel === true) {
        reply = { response: { rows: [], done: true } satisfies OrgReportExportPage };
      } else {
        const page = await this.nextPage(cursor, prepared);
        done = page.done;
        reply = { response: page };
      }
    } catch (error) {
      if (!(error instanceof DomainError)) this.logger.error(`An export page failed: ${(error as Error).stack ?? String(error)}`);
      reply = { err: error instanceof DomainError ? toErrorPayload(error) : 'The export failed' };
    }
    message.respond(new TextEncoder().encode(JSON.stringify({ ...reply, id, isDisposed: true })));
    return done;
  }

  private async nextPage(cursor: Cursor, prepared: PreparedReport): Promise<OrgReportExportPage> {
    const docs: Doc[] = [];
    let bytes = 0;
    let done = false;
    while (docs.length < REPORT_EXPORT_PAGE_ROWS && bytes < REPORT_EXPORT_PAGE_BYTES) {
      const doc = await cursor.next();
      if (!doc) {
        done = true;
        break;
      }
      const visible = this.reports.visible(prepared, doc);
      if (!visible) continue;
      docs.push(visible);
      // The row without looked-up names: what the page will weigh, give or take the names.
      bytes += JSON.stringify(rowOf(prepared.resolved.columns, visible, {})).length;
    }
    return { rows: await this.reports.rowsOf(prepared, docs, true), done };
  }
}
