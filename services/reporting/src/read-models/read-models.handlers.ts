import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, requireUser, type CallerContext } from '@kitos/common';
import { RebuildReadModelsRequest, Rpc, validateInto, type ReadModelRebuildRun, type ReadModelStatus } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { randomUUID } from 'node:crypto';
import { ReadModelRebuild } from './read-model.rebuild';
import { ReadModelStore } from './read-model.store';
import { READ_MODEL_KINDS } from './read-model.types';
import { RebuildRunsStore } from './rebuild-runs.store';

function requireGlobalAdmin(caller: CallerContext): void {
  if (caller.kind === 'system') return;
  requireUser(caller);
  if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators manage the read models');
}

@Controller()
export class ReadModelsHandlers {
  private readonly logger = new Logger(ReadModelsHandlers.name);

  constructor(
    private readonly rebuilds: ReadModelRebuild,
    private readonly runs: RebuildRunsStore,
    private readonly store: ReadModelStore,
  ) {}

  /** Starts a full rebuild (or reports the one running); with `wait`, answers when it has finished. */
  @MessagePattern(Rpc.reporting.readModels.rebuild)
  async rebuild(@Payload() request: RpcRequest): Promise<ReadModelRebuildRun> {
    const caller = callerOf(request);
    requireGlobalAdmin(caller);
    const { wait } = validateInto(RebuildReadModelsRequest, request.data ?? {});
    const uuid = randomUUID();
    const claim = await this.runs.claim(uuid, new Date());
    if (!claim.claimed) {
      const running = await this.runs.get(claim.runningUuid);
      if (running) return running;
      throw DomainError.conflict('A rebuild is starting; try again shortly');
    }
    await this.runs.started(uuid, new Date());
    const done = this.rebuilds
      .rebuild()
      .then((result) => this.runs.finished(uuid, new Date(), result))
      .catch(async (error: unknown) => {
        this.logger.error(`Rebuild ${uuid} failed: ${String(error)}`);
        await this.runs.failed(uuid, new Date(), error instanceof Error ? error.message : String(error)).catch(() => undefined);
      })
      .finally(() => this.runs.release(uuid).catch(() => undefined));
    if (wait) await done;
    return (await this.runs.get(uuid)) as ReadModelRebuildRun;
  }

  @MessagePattern(Rpc.reporting.readModels.status)
  async status(@Payload() request: RpcRequest): Promise<ReadModelStatus> {
    requireGlobalAdmin(callerOf(request));
    const readModels = await Promise.all(
      READ_MODEL_KINDS.map(async (kind) => ({
        kind,
        live: await this.store
          .model(kind)
          .countDocuments({ deleted: false, data: { $ne: null } })
          .exec(),
        deleted: await this.store.model(kind).countDocuments({ deleted: true }).exec(),
      })),
    );
    return { readModels, lastRebuild: await this.runs.latest() };
  }
}
