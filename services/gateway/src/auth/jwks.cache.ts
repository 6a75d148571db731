import { Injectable } from '@nestjs/common';
import { systemCaller } from '@kitos/common';
import { Rpc } from '@kitos/contracts';
import type { PublicJwk } from '@kitos/security';
import { RpcClient } from '../rpc/rpc-client';

const TTL_MS = 5 * 60_000;
const MIN_REFRESH_MS = 5_000;

/** The identity service's public signing keys, cached; refreshed when a token names a key not seen yet (rotation). */
@Injectable()
export class JwksCache {
  private keys: PublicJwk[] = [];
  private fetchedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(private readonly rpc: RpcClient) {}

  async find(kid: string): Promise<PublicJwk | undefined> {
    const stale = Date.now() - this.fetchedAt > TTL_MS;
    let key = this.keys.find((k) => k.kid === kid);
    if (!key || stale) {
      if (stale || Date.now() - this.fetchedAt > MIN_REFRESH_MS) await this.refresh();
      key = this.keys.find((k) => k.kid === kid);
    }
    return key;
  }

  private refresh(): Promise<void> {
    this.loading ??= this.rpc
      .request<{ keys: PublicJwk[] }>(Rpc.identity.jwks, systemCaller('jwks'), {})
      .then((result) => {
        this.keys = result.keys;
        this.fetchedAt = Date.now();
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}
