import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { connectionWatch, type ConnectionWatch } from './connection-watch';
import { NATS_CONNECTION } from './nats.tokens';

export interface HealthCheck {
  readonly up: boolean;
  readonly detail: string;
}

/** Live state of the NATS connection for readiness probes: down while the client is reconnecting and once it is closed. */
@Injectable()
export class NatsHealth {
  private readonly connection: ConnectionWatch;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {
    this.connection = connectionWatch(nc);
  }

  check(): HealthCheck {
    if (this.nc.isClosed()) return { up: false, detail: 'NATS connection closed' };
    if (!this.connection.connected) return { up: false, detail: 'NATS disconnected, reconnecting' };
    return { up: true, detail: `NATS connected to ${this.nc.getServer()}` };
  }
}
