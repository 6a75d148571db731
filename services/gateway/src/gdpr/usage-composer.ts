import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type CallerContext } from '@kitos/common';
import { Rpc, type ItSystemUsageResponse, type UsageArchiveResponse, type UsageGdprResponse } from '@kitos/contracts';
import type { FastifyReply } from 'fastify';
import { RpcClient } from '../rpc/rpc-client';
import type { ComposedItSystemUsageResponse, OtherSection } from './composed-usage.dto';

const SUBJECTS: Record<OtherSection, { service: 'gdpr' | 'archiving'; get: string; put: string; patch: string }> = {
  gdpr: { service: 'gdpr', ...Rpc.gdpr.compliance.usageGdpr },
  archiving: {
    service: 'archiving',
    get: Rpc.archiving.usageArchive.get,
    put: Rpc.archiving.usageArchive.put,
    patch: Rpc.archiving.usageArchive.patch,
  },
};

/**
 * Composes a usage from the services that own its sections: catalogue (general, units, KLE, roles, references), gdpr
 * and archiving. Reading degrades: a section whose service does not answer is null and named in `unavailableSections`
 * (plus a `Warning` header). Writing does not: a write to a section whose service is down is refused with 503 before
 * anything is applied, and a section refused after an earlier one was applied says so in the problem (appliedSections).
 */
@Injectable()
export class UsageComposer {
  constructor(private readonly rpc: RpcClient) {}

  async compose(caller: CallerContext, usage: ItSystemUsageResponse, reply: FastifyReply): Promise<ComposedItSystemUsageResponse> {
    const [gdpr, archiving] = await Promise.allSettled([
      this.rpc.request<UsageGdprResponse>(SUBJECTS.gdpr.get, caller, { uuid: usage.uuid }),
      this.rpc.request<UsageArchiveResponse>(SUBJECTS.archiving.get, caller, { uuid: usage.uuid }),
    ]);
    const unavailableSections: OtherSection[] = [];
    if (gdpr.status === 'rejected') unavailableSections.push('gdpr');
    if (archiving.status === 'rejected') unavailableSections.push('archiving');
    if (unavailableSections.length)
      void reply.header('warning', `199 kitos "Sections not available right now: ${unavailableSections.join(', ')}"`);
    return {
      ...usage,
      gdpr: gdpr.status === 'fulfilled' ? gdpr.value : null,
      archiving: archiving.status === 'fulfilled' ? archiving.value : null,
      unavailableSections,
    };
  }

  /** 503 at once when the service of a section about to be written does not answer its ping. */
  async requireAvailable(caller: CallerContext, sections: readonly OtherSection[]): Promise<void> {
    for (const section of sections) {
      try {
        await this.rpc.request(Rpc.ping(SUBJECTS[section].service), caller, {});
      } catch (error) {
        throw new DomainError(
          ErrorCode.Unavailable,
          `The ${section} section cannot be written: the ${SUBJECTS[section].service} service is not available. Nothing was changed; try again shortly`,
          [],
          { unavailableSections: [section], appliedSections: [] },
        );
      }
    }
  }

  /** Writes one section to its owner; a failure names what was already applied before it. */
  async write(
    caller: CallerContext,
    section: OtherSection,
    mode: 'put' | 'patch',
    uuid: string,
    changes: object,
    applied: readonly string[],
  ): Promise<void> {
    try {
      await this.rpc.request(SUBJECTS[section][mode], caller, { uuid, changes });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const suffix = applied.length ? `; already applied: ${applied.join(', ')}` : '';
      throw new DomainError(
        error.code,
        `${error.message} (the ${section} section was not changed${suffix})`,
        error.errors.map((e) => ({ ...e, field: e.field ? `${section}.${e.field}` : section })),
        { ...error.extra, failedSection: section, appliedSections: [...applied] },
      );
    }
  }
}
