import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CLOCK, DomainError, ID_GENERATOR, requireUser, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import {
  ReadModelRebuildRunRequest,
  RebuildReadModelsRequest,
  Rpc,
  validateInto,
  type ReadModelRebuildRun,
  type ReadModelStatus,
} from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { ReadModelRebuild } from './read-model.rebuild';
import { ReadModelStore } from './read-model.store';
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
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Starts a full rebuild (or reports the one running); with `wait`, answers when it has finished. */
  @MessagePattern(Rpc.reporting.readModels.rebuild)
  async rebuild(@Payload() request: RpcRequest): Promise<ReadModelRebuildRun> {
    const caller = callerOf(request);
    requireGlobalAdmin(caller);
    const { wait, acceptInvalid = false, deadlineSeconds } = validateInto(RebuildReadModelsRequest, request.data ?? {});
    const uuid = this.ids.uuid();
    const claim = await this.runs.claim(uuid, this.clock.now());
    if (!claim.claimed) {
      const running = await this.runs.get(claim.runningUuid);
      if (running) return running;
      throw DomainError.conflict('A rebuild is starting; try again shortly');
    }
    await this.runs.started(uuid, this.clock.now(), acceptInvalid);
    const done = this.rebuilds
      .rebuild({
        acceptInvalid,
        deadlineMs: deadlineSeconds && deadlineSeconds * 1000,
        onProgress: (progress) => this.runs.progress(uuid, progress),
      })
      .then((result) => this.runs.finished(uuid, this.clock.now(), result))
      .catch(async (error: unknown) => {
        this.logger.error(`Rebuild ${uuid} failed: ${String(error)}`);
        await this.runs.failed(uuid, this.clock.now(), error instanceof Error ? error.message : String(error)).catch(() => undefined);
      })
      .finally(() => this.runs.release(uuid).catch(() => undefined));
    if (wait) await done;
    return (await this.runs.get(uuid)) as ReadModelRebuildRun;
  }

  /** One run, with its step and per-stream counts while it runs (the command-line tool follows it). */
  @MessagePattern(Rpc.reporting.readModels.run)
  async run(@Payload() request: RpcRequest): Promise<ReadModelRebuildRun> {
    requireGlobalAdmin(callerOf(request));
    const { uuid } = validateInto(ReadModelRebuildRunRequest, request.data ?? {});
    const found = await this.runs.get(uuid);
    if (!found) throw DomainError.notFound('Read-model rebuild', uuid);
    return found;
  }

  @MessagePattern(Rpc.reporting.readModels.status)
  async status(@Payload() request: RpcRequest): Promise<ReadModelStatus> {
    requireGlobalAdmin(callerOf(request));
    return { readModels: await this.store.counts(), lastRebuild: await this.runs.latest() };
  }
}
