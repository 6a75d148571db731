import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItSystemUsageRequest,
  ItSystemUsageResponse,
  ListItSystemUsagesQuery,
  Rpc,
  UpdateItSystemUsageRequest,
  UsageRoleAssignment,
  sentOnly,
  type Page,
} from '@kitos/contracts';
import { DomainError } from '@kitos/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { ApiBodyExamples, CREATE_USAGE_EXAMPLES, PATCH_USAGE_EXAMPLES } from '../openapi/request-examples';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';
import {
  ComposedItSystemUsageResponse,
  OTHER_SECTIONS,
  UpdateComposedItSystemUsageRequest,
  type OtherSection,
} from '../gdpr/composed-usage.dto';
import { UsageComposer } from '../gdpr/usage-composer';

const COMPOSED_WRITE =
  'Order: the services of the gdpr/archiving sections sent must answer first (503 with nothing changed otherwise); then the catalogue ' +
  'sections (If-Match is checked against their version), then gdpr, then archiving. Errors of gdpr/archiving fields are named `gdpr.<field>` ' +
  "/ `archiving.<field>`; if a section is refused after an earlier one was written, the problem's `appliedSections` lists what was written.";

const IF_MATCH = ifMatchHeader('the usage');

/** `/api/v2/it-system-usages`: one organisation's use of a catalogue system (KITOS API v2). */
@ApiTags('it-system-usages')
@Controller('api/v2/it-system-usages')
export class ItSystemUsagesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly composer: UsageComposer,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Take an IT system into use in an organisation',
    description:
      'One usage per organisation and system: a second → 409 with `existingUuid`. The system must exist (400), be readable (403) ' +
      'and not be deactivated (400). Global, local and system-module administrators of the organisation create usages.',
  })
  @ApiCreatedResponse({
    type: ComposedItSystemUsageResponse,
    description: 'Created; composed like GET (with the empty gdpr and archiving sections); the ETag header holds its version',
  })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  @ApiBodyExamples(CreateItSystemUsageRequest, CREATE_USAGE_EXAMPLES)
  async create(
    @Body() body: CreateItSystemUsageRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComposedItSystemUsageResponse> {
    const created = await this.rpc.request<ItSystemUsageResponse>(Rpc.catalog.usages.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/it-system-usages/${created.uuid}`);
    return this.composer.compose(callerOf(request), created, reply);
  }

  @Get()
  @ApiOperation({
    summary: 'List IT system usages',
    description:
      "Only usages of the caller's organisations (all for global administrators). Filters combine: organisation, system, " +
      'system name, changed since, and (as in KITOS) relatedToSystemUuid / relatedToSystemUsageUuid / relatedToContractUuid: usages ' +
      'with an outgoing relation to a usage of that system, to that usage, or with that associated contract. Stable order: ' +
      'creation order by default, the system name with orderByProperty=Name, last change when changedSinceGtEq is given.',
  })
  @ApiOkResponse({ type: [ItSystemUsageResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(@Query() query: ListItSystemUsagesQuery, @Req() request: FastifyRequest): Promise<ItSystemUsageResponse[]> {
    const page = await this.rpc.request<Page<ItSystemUsageResponse>>(Rpc.catalog.usages.list, callerOf(request), query);
    return page.items;
  }

  @Get(':uuid')
  @ApiOperation({
    summary: 'Read one IT system usage',
    description:
      'Usages of other organisations are refused (403, as in KITOS); an unknown usage is 404. Composed from the catalogue (its sections; the ETag is their version), the gdpr ' +
      'service (`gdpr`) and the archiving service (`archiving`). If gdpr or archiving does not answer, that section is null, named in ' +
      '`unavailableSections`, and a `Warning: 199` header is sent: the usage itself is still answered.',
  })
  @ApiOkResponse({ type: ComposedItSystemUsageResponse, description: 'The ETag header holds the version of the catalogue sections' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComposedItSystemUsageResponse> {
    const usage = await this.rpc.request<ItSystemUsageResponse>(Rpc.catalog.usages.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(usage.version));
    return this.composer.compose(callerOf(request), usage, reply);
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace every section of an IT system usage',
    description:
      'Catalogue sections left out are reset to their defaults (empty lists, null values). `gdpr` and `archiving`, when sent, replace the ' +
      'registration in their service; when left out they stay as they are (they belong to other services). ' +
      COMPOSED_WRITE,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ComposedItSystemUsageResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateComposedItSystemUsageRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComposedItSystemUsageResponse> {
    const { gdpr, archiving, ...changes } = body;
    return this.composedWrite('put', uuid, changes, sentSections(request.body, 'put', { gdpr, archiving }), ifMatch, request, reply);
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Replace some sections of an IT system usage',
    description:
      'Each catalogue section present in the body replaces that whole section; null resets it; absent sections stay as they are. ' +
      '`gdpr` and `archiving` change only the fields sent, in their service. ' +
      COMPOSED_WRITE,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ComposedItSystemUsageResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  @ApiBodyExamples(UpdateComposedItSystemUsageRequest, PATCH_USAGE_EXAMPLES)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateComposedItSystemUsageRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComposedItSystemUsageResponse> {
    const { gdpr, archiving, ...rest } = sentOnly(request.body, body);
    const sent = (request.body ?? {}) as Record<string, unknown>;
    const other = { gdpr: gdpr && sentOnly(sent.gdpr, gdpr), archiving: archiving && sentOnly(sent.archiving, archiving) };
    return this.composedWrite('patch', uuid, rest, sentSections(sent, 'patch', other), ifMatch, request, reply);
  }

  @Patch(':uuid/roles/add')
  @ApiOperation({
    summary: 'Assign a role on the usage to a user',
    description:
      'The role must be an enabled ItSystemUsage role and the user a member of the organisation (400); the same pair twice → 409.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItSystemUsageResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async addRole(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UsageRoleAssignment,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemUsageResponse> {
    return this.write(Rpc.catalog.usages.addRole, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), assignment: body });
  }

  @Patch(':uuid/roles/remove')
  @ApiOperation({ summary: 'Remove a role assignment from the usage', description: 'An assignment the usage does not have → 400.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItSystemUsageResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async removeRole(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UsageRoleAssignment,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemUsageResponse> {
    return this.write(Rpc.catalog.usages.removeRole, request, reply, {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      assignment: body,
    });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an IT system usage' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.catalog.usages.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  /**
   * The order of a composed write: (1) the services of the other sections sent must answer (else 503, nothing changed);
   * (2) the catalogue sections (If-Match is checked against their version); (3) gdpr; (4) archiving. A section refused
   * in (3) or (4) answers its error with `appliedSections` (what was already written) and `failedSection`.
   */
  private async composedWrite(
    mode: 'put' | 'patch',
    uuid: string,
    catalogChanges: Partial<UpdateItSystemUsageRequest>,
    others: Partial<Record<OtherSection, SectionWrite>>,
    ifMatch: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ComposedItSystemUsageResponse> {
    const caller = callerOf(request);
    const expectedVersion = expectedVersionOf(ifMatch);
    const sections = OTHER_SECTIONS.filter((s) => others[s] !== undefined);
    await this.composer.requireAvailable(caller, sections);
    const applied: string[] = [];
    let usage: ItSystemUsageResponse;
    if (mode === 'put' || Object.keys(catalogChanges).length) {
      const subject = mode === 'put' ? Rpc.catalog.usages.put : Rpc.catalog.usages.patch;
      usage = await this.rpc.request<ItSystemUsageResponse>(subject, caller, { uuid, expectedVersion, changes: catalogChanges });
      applied.push(...(mode === 'put' ? ['catalogue'] : Object.keys(catalogChanges)));
    } else {
      usage = await this.rpc.request<ItSystemUsageResponse>(Rpc.catalog.usages.get, caller, { uuid });
      if (expectedVersion !== undefined && expectedVersion !== usage.version)
        throw DomainError.preconditionFailed(`IT system usage ${uuid} is no longer at version ${expectedVersion}; read it again`);
    }
    for (const section of sections) {
      const { mode: sectionMode, changes } = others[section]!;
      await this.composer.write(caller, section, sectionMode, uuid, changes, applied);
      applied.push(section);
    }
    void reply.header('etag', etagOf(usage.version));
    return this.composer.compose(caller, usage, reply);
  }

  private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<ItSystemUsageResponse> {
    const usage = await this.rpc.request<ItSystemUsageResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(usage.version));
    return usage;
  }
}

interface SectionWrite {
  mode: 'put' | 'patch';
  changes: object;
}

/** The other services' sections the client sent; a section sent as null is reset (a PUT of nothing), as in KITOS. */
function sentSections(
  body: unknown,
  mode: 'put' | 'patch',
  values: Partial<Record<OtherSection, object | null | undefined>>,
): Partial<Record<OtherSection, SectionWrite>> {
  const sent = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const result: Partial<Record<OtherSection, SectionWrite>> = {};
  for (const section of OTHER_SECTIONS) {
    if (!(section in sent)) continue;
    const value = values[section];
    result[section] = value ? { mode, changes: value } : { mode: 'put', changes: {} };
  }
  return result;
}
