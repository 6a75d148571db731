import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type CallerContext } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { NATS_CONNECTION, NatsHealth, NatsRpcClient } from '@kitos/messaging';
import { Metrics } from '@kitos/observability';
import type { NatsConnection } from 'nats';

/**
 * The gateway's request/reply to the services: the shared NatsRpcClient on the caller's behalf, answering 503 at once
 * while the bus is down, and timed per subject and outcome in the metrics.
 */
@Injectable()
export class RpcClient {
  private readonly rpc: NatsRpcClient;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    private readonly bus: NatsHealth,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly metrics: Metrics,
  ) {
    this.rpc = new NatsRpcClient(nc, config);
  }

  /** `timeoutMs` overrides the configured RPC timeout for operations that take long by nature (a leaver's handover). */
  async request<T>(subject: string, caller: CallerContext, data: unknown, timeoutMs?: number): Promise<T> {
    const stop = this.metrics.rpcRequests.startTimer({ subject });
    try {
      if (!this.bus.check().up) throw DomainError.unavailable('The message bus is not reachable; try again shortly');
      const result = await this.rpc.request<T>(subject, caller, data, timeoutMs);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof DomainError ? error.code : 'ERROR' });
      throw error;
    }
  }
}
