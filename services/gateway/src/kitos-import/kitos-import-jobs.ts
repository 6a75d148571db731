import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError, hasRole, type CallerContext } from '@kitos/common';
import { RpcClient } from '../rpc/rpc-client';
import { newReport, type ImportReport } from './import-report';
import { KitosClient } from './kitos-client';
import { KitosImporter, type ImportProgress } from './kitos-importer';
import type { KitosImportJobResponse, StartKitosImportRequest } from './dto/kitos-import.dto';

const KEEP_JOBS = 50;

interface Job {
  uuid: string;
  organizationUuid: string;
  apply: boolean;
  startedAt: string;
  startedBy: string | null;
  progress: Map<string, ImportProgress>;
  report: ImportReport | null;
}

/**
 * Import runs started over HTTP, run in this gateway process as the admin who started them (their rights apply to
 * every write), followed by polling. The jobs live in this process's memory: the newest 50 are kept, a restart loses
 * them (the objects already imported stay, and running again resumes).
 */
@Injectable()
export class KitosImportJobs {
  private readonly logger = new Logger(KitosImportJobs.name);
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly rpc: RpcClient) {}

  start(caller: CallerContext, request: StartKitosImportRequest): KitosImportJobResponse {
    const organizationUuid = request.organizationUuid.toLowerCase();
    this.requireAdmin(caller, organizationUuid);
    const job: Job = {
      uuid: randomUUID(),
      organizationUuid,
      apply: request.apply === true,
      startedAt: new Date().toISOString(),
      startedBy: caller.userUuid,
      progress: new Map(),
      report: null,
    };
    this.jobs.set(job.uuid, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP_JOBS))) this.jobs.delete(old);
    const kitos = new KitosClient({ baseUrl: request.url, email: request.email, password: request.password }, undefined, request.pageSize);
    const since = request.since ? new Date(request.since).toISOString() : null;
    const importer = new KitosImporter(
      kitos,
      { request: (subject, data) => this.rpc.request(subject, caller, data) },
      {
        source: request.url,
        organizationUuid,
        apply: job.apply,
        since,
        onProgress: (p) => job.progress.set(p.type, p),
      },
    );
    importer.run().then(
      (report) => (job.report = report),
      (error: unknown) => {
        this.logger.error(`KITOS import ${job.uuid} failed: ${(error as Error).message}`);
        const report = newReport({ source: request.url, organizationUuid, apply: job.apply, since, now: new Date() });
        job.report = { ...report, abortedBecause: `the import failed: ${(error as Error).message}`, finishedAt: new Date().toISOString() };
      },
    );
    return this.view(job);
  }

  get(caller: CallerContext, uuid: string): KitosImportJobResponse {
    const job = this.jobs.get(uuid.toLowerCase());
    if (!job) throw DomainError.notFound('Import', uuid);
    this.requireAdmin(caller, job.organizationUuid);
    return this.view(job);
  }

  /** The report of a finished run; 409 while it runs. */
  report(caller: CallerContext, uuid: string): ImportReport {
    const job = this.jobs.get(uuid.toLowerCase());
    if (!job) throw DomainError.notFound('Import', uuid);
    this.requireAdmin(caller, job.organizationUuid);
    if (!job.report) throw DomainError.conflict('The import is still running; its report follows when it is over');
    return job.report;
  }

  private requireAdmin(caller: CallerContext, organizationUuid: string): void {
    if (caller.kind !== 'user' && caller.kind !== 'system') throw DomainError.forbidden();
    if (!hasRole(caller, organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only global administrators and local administrators of the organisation import from KITOS');
  }

  private view(job: Job): KitosImportJobResponse {
    return {
      uuid: job.uuid,
      state: !job.report ? 'running' : job.report.abortedBecause ? 'stopped' : 'finished',
      organizationUuid: job.organizationUuid,
      apply: job.apply,
      startedAt: job.startedAt,
      progress: [...job.progress.values()].map((p) => ({ ...p, counts: { ...p.counts } })),
      report: job.report,
    };
  }
}
