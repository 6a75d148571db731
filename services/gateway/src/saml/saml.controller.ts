import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@kitos/contracts';
import { Public } from '@kitos/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';
import { IdpParamPipe } from './idp-param.pipe';
import { SamlAcsForm, SamlIdentityProvidersResponse, SamlLoginQuery, SamlSessionResponse } from './saml.dto';

const METADATA_TYPE = 'application/samlmetadata+xml';

interface AcsResult {
  token: string;
  expires: string;
  returnTo: string | null;
}

const FLOW =
  'SP-initiated SAML 2.0 single sign-on: `GET …/login` redirects the browser to the identity provider with a signed AuthnRequest; ' +
  'the identity provider posts the response to `POST …/acs`, which answers a session token (the same bearer token as `POST /api/v2/auth/login`). ' +
  'Identity providers are configured by the operator (docs/saml.md); an unknown `{idp}`, or SAML not configured, is 404.';

@Public()
@ApiTags('SAML single sign-on')
@Controller('api/v2/auth/saml')
export class SamlProvidersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'The identity providers a sign-in page may offer',
    description: `Id and display name of each configured identity provider (none when SAML is off); the web client shows one "single sign-on" button per provider. ${FLOW}`,
  })
  @ApiOkResponse({ type: SamlIdentityProvidersResponse })
  @ApiProblems(503, 504)
  providers(@Req() request: FastifyRequest): Promise<SamlIdentityProvidersResponse> {
    return this.rpc.request<SamlIdentityProvidersResponse>(Rpc.identity.saml.providers, callerOf(request), {});
  }
}

@Public()
@ApiTags('SAML single sign-on')
@ApiParam({ name: 'idp', description: 'Id of an identity provider configured by the operator', example: 'kombit' })
@Controller('api/v2/auth/saml/:idp')
export class SamlController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('metadata')
  @ApiOperation({
    summary: 'SAML service provider metadata for one identity provider',
    description: `Entity ID, the assertion consumer service (HTTP-POST) for this identity provider, the signing certificate(s) and the encryption certificate. Register it with the identity provider. ${FLOW}`,
  })
  @ApiProduces(METADATA_TYPE)
  @ApiOkResponse({
    description: 'SAML 2.0 metadata (`<md:EntityDescriptor>`)',
    content: { [METADATA_TYPE]: { schema: { type: 'string' } } },
  })
  @ApiProblems(404, 503, 504)
  async metadata(
    @Param('idp', IdpParamPipe) idp: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { xml } = await this.rpc.request<{ xml: string }>(Rpc.identity.saml.metadata, callerOf(request), { idp });
    void reply.header('content-type', `${METADATA_TYPE}; charset=utf-8`);
    return xml;
  }

  @Get('login')
  @ApiOperation({
    summary: 'Start a SAML login (redirects to the identity provider)',
    description: `Answers 302 to the identity provider's single sign-on URL with a signed AuthnRequest (HTTP-Redirect binding, RSA-SHA256). The request is valid for SAML_REQUEST_TTL_MINUTES. ${FLOW}`,
  })
  @ApiResponse({ status: 302, description: 'To the identity provider; `Location` carries SAMLRequest, SigAlg and Signature' })
  @ApiProblems(400, 404, 503, 504)
  async login(
    @Param('idp', IdpParamPipe) idp: string,
    @Query() query: SamlLoginQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { location } = await this.rpc.request<{ location: string }>(Rpc.identity.saml.login, callerOf(request), {
      idp,
      returnTo: query.returnTo,
    });
    await reply.status(302).header('location', location).header('cache-control', 'no-store').send();
  }

  @Post('acs')
  @RateLimited('sign-in')
  @ApiOperation({
    summary: 'Assertion consumer service (the identity provider posts the SAML response here)',
    description:
      'HTTP-POST binding (`application/x-www-form-urlencoded`). Accepts only a response to a login started here (InResponseTo), once, with an assertion signed by the identity provider (and encrypted when configured), ' +
      'for this service provider (audience, Destination, Recipient) and within its time window. The user is found by their identity at the identity provider or their e-mail, or created; ' +
      'their roles are set from the OIO-BPP privileges. Every refusal is 401 with `reason` and is audited. ' +
      FLOW,
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOkResponse({ type: SamlSessionResponse, description: 'Signed in; the session token (when the login had no returnTo)' })
  @ApiResponse({ status: 303, description: "Signed in; to the login's returnTo with `#token=<session token>&expires=<time>`" })
  @ApiResponse({
    status: 401,
    description: 'The SAML response was refused; `reason` says why (e.g. `invalid-signature`, `expired`, `replayed`, `missing-privileges`)',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
  })
  @ApiProblems(400, 404, 413, 429, 503, 504)
  async acs(
    @Param('idp', IdpParamPipe) idp: string,
    @Body() body: SamlAcsForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const result = await this.rpc.request<AcsResult>(Rpc.identity.saml.acs, callerOf(request), { idp, samlResponse: body.SAMLResponse });
    void reply.header('cache-control', 'no-store');
    if (result.returnTo) {
      const fragment = new URLSearchParams({ token: result.token, expires: result.expires }).toString();
      await reply.status(303).header('location', `${result.returnTo}#${fragment}`).send();
      return;
    }
    const session: SamlSessionResponse = { token: result.token, expires: result.expires };
    await reply.status(200).send(session);
  }
}
