import { DomainError } from '@kitos/common';
import type { ImportReport } from './import-report';
import { KitosSourceError } from './kitos-client';
import { importItInterfaces, importItSystems } from './kitos-importer-catalog';
import { importContracts } from './kitos-importer-contracts';
import { importDprs } from './kitos-importer-dprs';
import { importOptionDescriptions } from './kitos-importer-options';
import { importOrganization, importUnits, importUsers } from './kitos-importer-organization';
import { ImportRun, Stop, type ImportBus, type ImportOptions, type KitosSource } from './kitos-importer-run';
import { importUsageSections } from './kitos-importer-usage-sections';
import { importRelations, importUsages } from './kitos-importer-usages';

export type { ImportBus, ImportOptions, ImportProgress, KitosSource } from './kitos-importer-run';

/**
 * Imports one organisation's IT overview from KITOS through the domain services' commands: organisation, units,
 * users with their organisation roles, the IT systems and interfaces it uses, its system usages with their GDPR and
 * archiving, data processing registrations, contracts, the usages' relations and the option values' descriptions. A
 * dry run (`apply: false`) reads both sides and writes nothing. Each object is one create or one change command,
 * compared first (`ImportRun.one`): equal objects are left alone, so running again changes nothing. A refused object is
 * reported and the rest goes on; KITOS or the bus failing stops the run with the report so far, and running again
 * resumes. With `since`, only what changed in KITOS since then is read (`ImportRun.listChanged`).
 *
 * The order is what the references need: an object is imported after what it points to. The exceptions wait for
 * later steps: deactivated systems (after the usages), main contracts of usages and registrations (after the
 * contracts), and the usages' relations (after the contracts they may name).
 */
export class KitosImporter {
  private readonly state: ImportRun;

  constructor(kitos: KitosSource, bus: ImportBus, options: ImportOptions) {
    this.state = new ImportRun(kitos, bus, options);
  }

  async run(): Promise<ImportReport> {
    const run = this.state;
    try {
      await run.kitos.authenticate();
      const organization = await importOrganization(run);
      await importUnits(run, organization);
      await importUsers(run);
      const { deactivateAfterUsages } = await importItSystems(run);
      await importItInterfaces(run);
      const usages = await importUsages(run, deactivateAfterUsages);
      await importUsageSections(run, usages.read);
      const dprs = await importDprs(run);
      await importContracts(run, { usages: usages.mainContractLater, dprs });
      await importRelations(run, usages.read);
      await importOptionDescriptions(run);
    } catch (error) {
      if (!(error instanceof Stop || error instanceof KitosSourceError || error instanceof DomainError || isAbort(error))) throw error;
      run.report.abortedBecause = isAbort(error) ? 'the run was aborted' : (error as Error).message;
    }
    run.report.finishedAt = run.now().toISOString();
    return run.report;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
