import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, type CallerContext } from '@kitos/common';
import { CORRELATION_HEADER, type OrgReportExportPage } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { randomUUID } from 'node:crypto';
import { headers, type NatsConnection } from 'nats';
import type { ExportRow } from './report-export';

/**
 * How long the gateway waits for one page of an export. The first page of a large sorted export waits for the
 * database to sort every matching document (FerretDB sorts in memory), so this is far longer than an RPC timeout.
 */
export const EXPORT_PAGE_TIMEOUT_MS = 300_000;

/**
 * Reads an export's pages from the reporting replica that holds its cursor (`pageSubject`), one page ahead of the
 * download: while the rows of one page are written, the next is on its way; never more than two pages in memory.
 * Ending early (the download was aborted) tells reporting to close the cursor.
 */
@Injectable()
export class ReportPageReader {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async *rows(caller: CallerContext, pageSubject: string): AsyncGenerator<ExportRow> {
    let done = false;
    let next: Promise<OrgReportExportPage> | null = this.page(caller, pageSubject, {});
    try {
      while (next) {
        const page: OrgReportExportPage = await next;
        next = null;
        done = page.done;
        if (!done) next = this.page(caller, pageSubject, {});
        yield* page.rows;
      }
    } finally {
      if (!done) {
        await next?.catch(() => undefined);
        await this.page(caller, pageSubject, { cancel: true }, 5_000).catch(() => undefined);
      }
    }
  }

  /** One request in the wire format of Nest's NATS transport (what the services' RPC handlers speak). */
  private async page(
    caller: CallerContext,
    subject: string,
    data: Record<string, unknown>,
    timeout = EXPORT_PAGE_TIMEOUT_MS,
  ): Promise<OrgReportExportPage> {
    const h = headers();
    h.set(CORRELATION_HEADER, caller.correlationId);
    const packet = JSON.stringify({ pattern: subject, data: { caller, data }, id: randomUUID() });
    let raw: Uint8Array;
    try {
      raw = (await this.nc.request(subject, new TextEncoder().encode(packet), { timeout, headers: h })).data;
    } catch (error) {
      throw DomainError.unavailable(
        `The export stopped: the reporting service did not deliver the next page (${(error as Error).message})`,
      );
    }
    const reply = JSON.parse(new TextDecoder().decode(raw)) as { response?: OrgReportExportPage; err?: unknown };
    if (reply.err !== undefined && reply.err !== null) {
      if (isErrorPayload(reply.err)) throw fromErrorPayload(reply.err);
      throw new DomainError(ErrorCode.Internal, 'The reporting service failed during the export');
    }
    return reply.response!;
  }
}
