import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type CallerContext } from '@kitos/common';
import type { OrgReportExportPage } from '@kitos/contracts';
import { NATS_CONNECTION, NatsRpcClient, type RpcReply } from '@kitos/messaging';
import type { NatsConnection } from 'nats';
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
  private readonly rpc: NatsRpcClient;

  constructor(@Inject(NATS_CONNECTION) nc: NatsConnection) {
    // the page timeout is given on each request; the service's RPC timeout is not used here
    this.rpc = new NatsRpcClient(nc, { rpcTimeoutMs: EXPORT_PAGE_TIMEOUT_MS });
  }

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

  /** One page; a failure of the bus ends the export with 503, an error reporting answered with is passed on. */
  private async page(
    caller: CallerContext,
    subject: string,
    data: Record<string, unknown>,
    timeout = EXPORT_PAGE_TIMEOUT_MS,
  ): Promise<OrgReportExportPage> {
    let reply: RpcReply<OrgReportExportPage>;
    try {
      reply = await this.rpc.exchange<OrgReportExportPage>(subject, caller, data, timeout);
    } catch (error) {
      throw DomainError.unavailable(
        `The export stopped: the reporting service did not deliver the next page (${(error as Error).message})`,
      );
    }
    if (!reply.ok) throw reply.error;
    return reply.response;
  }
}
