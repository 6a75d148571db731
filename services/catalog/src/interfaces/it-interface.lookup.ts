import { Injectable } from '@nestjs/common';
import { InterfaceLookup, type NamedRef } from '../shared/ports';
import { ItInterfacesRepository } from './it-interfaces.repository';

/** The interfaces as the other parts of the catalogue see them (systems: exposures; relations: the interface used). */
@Injectable()
export class ItInterfaceLookup extends InterfaceLookup {
  constructor(private readonly repository: ItInterfacesRepository) {
    super();
  }

  async exposedBy(systemUuid: string): Promise<NamedRef[]> {
    return (await this.repository.exposedBy(systemUuid)).map((i) => ({ uuid: i.uuid, name: i.name }));
  }

  async get(uuid: string): Promise<(NamedRef & { organizationUuid: string; exposedBySystemUuid: string | null }) | null> {
    const found = await this.repository.findByUuid(uuid);
    return found
      ? { uuid: found.uuid, name: found.name, organizationUuid: found.organizationUuid, exposedBySystemUuid: found.exposedBySystemUuid }
      : null;
  }
}
