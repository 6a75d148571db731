import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@kitos/common';
import { KleImportPreviewResponse, Rpc } from '@kitos/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const XML_TYPES = ['application/xml', 'text/xml'];
const EXAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<KLE-Emneplan>\n  <UdgivelsesDato>2024-01-15</UdgivelsesDato>\n  <Hovedgruppe>\n' +
  '    <HovedgruppeNr>00</HovedgruppeNr>\n    <HovedgruppeTitel>Kommunens styrelse</HovedgruppeTitel>\n' +
  '    <HovedgruppeAdministrativInfo><OprettetDato>1988-01-01</OprettetDato></HovedgruppeAdministrativInfo>\n' +
  '    <Gruppe>\n      <GruppeNr>00.01</GruppeNr>\n      <GruppeTitel>Kommunens styrelse i almindelighed</GruppeTitel>\n' +
  '      <Emne>\n        <EmneNr>00.01.00</EmneNr>\n        <EmneTitel>Kommunens styrelse i almindelighed</EmneTitel>\n' +
  '      </Emne>\n    </Gruppe>\n  </Hovedgruppe>\n</KLE-Emneplan>\n';

/** Re-import of KLE from a KLE-online emneplan: preview first, then apply exactly the previewed change. */
@ApiTags('kle-options')
@Controller('api/v2/kle-options/imports')
export class KleImportsController implements OnModuleInit {
  constructor(
    private readonly rpc: RpcClient,
    private readonly adapter: HttpAdapterHost,
  ) {}

  /** The emneplan arrives as an XML body: read it as text. */
  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    for (const type of XML_TYPES) {
      if (!fastify.hasContentTypeParser(type))
        fastify.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
  }

  @Post()
  @ApiOperation({
    summary: 'Preview a KLE re-import (global admins)',
    description:
      'Send the emneplan XML from KLE-online (KLE-Emneplan → Hovedgruppe → Gruppe → Emne) as the body. The answer lists the ' +
      'entries that would be added, renamed (title changed), removed (udgået, or no longer in the file), restored and ' +
      'otherwise updated; nothing changes until POST /api/v2/kle-options/imports/{uuid}/apply. Previews expire after 24 hours.',
  })
  @ApiConsumes(...XML_TYPES)
  @ApiBody({ schema: { type: 'string', example: EXAMPLE }, description: 'The emneplan (KLE-online XML)' })
  @ApiCreatedResponse({ type: KleImportPreviewResponse, description: 'The preview; the Location header names it' })
  @ApiProblems(400, 401, 403, 413, 503, 504)
  async preview(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<KleImportPreviewResponse> {
    if (typeof body !== 'string' || !body.trim()) {
      throw DomainError.badInput('Send the emneplan as an XML body (Content-Type: application/xml)', [
        { field: 'body', message: 'must be the KLE-online emneplan XML' },
      ]);
    }
    const preview = await this.rpc.request<KleImportPreviewResponse>(Rpc.catalog.kle.previewImport, callerOf(request), { xml: body });
    void reply.header('location', `/api/v2/kle-options/imports/${preview.uuid}`);
    return preview;
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read a KLE import preview (global admins)' })
  @ApiOkResponse({ type: KleImportPreviewResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  get(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<KleImportPreviewResponse> {
    return this.rpc.request<KleImportPreviewResponse>(Rpc.catalog.kle.getImport, callerOf(request), { uuid });
  }

  @Post(':uuid/apply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply a previewed KLE import (global admins)',
    description:
      'Applies exactly the previewed change and records it as one event (catalog.kle.imported). Removed entries are marked ' +
      'removed, never deleted. 409 when KLE changed since the preview, the preview was applied already, or it expired.',
  })
  @ApiOkResponse({ type: KleImportPreviewResponse, description: 'What was applied (status Applied)' })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  apply(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<KleImportPreviewResponse> {
    return this.rpc.request<KleImportPreviewResponse>(Rpc.catalog.kle.applyImport, callerOf(request), { uuid });
  }
}
