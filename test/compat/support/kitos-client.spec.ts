import { KitosCompatClient, operationOf } from './kitos-client';

describe('the compatibility client names the KITOS operation of a call', () => {
  it('replaces uuids by the template KITOS names and keeps the query parameter names', () => {
    const org = '0b6a2a62-5c1e-4f0a-9d7e-2a6c0e0b1f11';
    const user = '1c7b3b73-6d2f-4a1b-8e8f-3b7d1f1c2a22';
    expect(operationOf('GET', `/api/v2/organizations/${org}/users/${user}?emailQuery=a%40b.dk&page=0`)).toEqual({
      operation: 'GET /api/v2/organizations/{organizationUuid}/users/{userUuid}',
      queryParameters: ['emailQuery', 'page'],
    });
    expect(operationOf('DELETE', `/api/v2/it-contracts/${org}/external-references/${user}`).operation).toBe(
      'DELETE /api/v2/it-contracts/{uuid}/external-references/{externalReferenceUuid}',
    );
    expect(operationOf('GET', '/api/v2/it-contracts/permissions?organizationUuid=x').operation).toBe(
      'GET /api/v2/it-contracts/permissions',
    );
  });

  it('records calls made by other means, and names the expected operations not exercised', () => {
    const kitos = new KitosCompatClient(() => 'http://unused', ['GET /api/v2/it-system-usages', 'GET /api/v2/it-systems/{uuid}']);
    kitos.record('GET', '/api/v2/it-system-usages?relatedToSystemUuid', 400);
    kitos.record('GET', '/api/v2/it-system-usages?organizationUuid=x&page=1', 200);
    expect(kitos.coverage()).toEqual([
      {
        operation: 'GET /api/v2/it-system-usages',
        calls: 2,
        statuses: [200, 400],
        queryParameters: ['organizationUuid', 'page', 'relatedToSystemUuid'],
      },
    ]);
    expect(kitos.missing()).toEqual(['GET /api/v2/it-systems/{uuid}']);
  });
});
