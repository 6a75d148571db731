import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { MongoConnection } from '@kitos/persistence';
import { DEFAULT_KLE_EMNEPLAN_FILE, type CatalogConfig } from '../catalog.config';
import { KleService } from './kle.service';

/**
 * Imports the configured emneplan (by default the sample shipped in deploy/seed/kle) once the database is reachable
 * and before the service reports ready, when the catalogue has no KLE yet. A missing or unreadable file is logged and
 * the service starts without KLE; a global admin can then import one through the API.
 */
@Injectable()
export class KleStartupImport implements OnModuleInit {
  private readonly logger = new Logger(KleStartupImport.name);

  constructor(
    private readonly mongo: MongoConnection,
    private readonly service: KleService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig & Partial<CatalogConfig>,
  ) {}

  onModuleInit(): void {
    this.mongo.whenConnected(() => this.run());
  }

  private async run(): Promise<void> {
    const file = this.config.kleEmneplanFile ?? DEFAULT_KLE_EMNEPLAN_FILE;
    if (file === 'none') return;
    let xml: string;
    try {
      xml = await readFile(resolve(process.cwd(), file), 'utf8');
    } catch (error) {
      this.logger.warn(
        `KLE emneplan ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); starting without importing it`,
      );
      return;
    }
    try {
      if (await this.service.importInitial(systemCaller('kle-startup-import'), xml, (line) => this.logger.log(line)))
        this.logger.log(`imported KLE from ${file}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const details = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      this.logger.error(`KLE emneplan ${file} was not imported: ${error.message}${details ? ` (${details})` : ''}`);
    }
  }
}
