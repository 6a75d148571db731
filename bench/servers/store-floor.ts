/**
 * The store floor (issue 14): bare Fastify and the mongodb driver (the one mongoose ships), answering the
 * benchmark's reads and its insert straight from the same FerretDB, with the queries the services issue for them
 * and nothing else (no Nest, no NATS, no authentication, no mapping). What the gateway achieves is reported as a
 * ratio to this. Started by bench/run.ts as its own process:
 *   PORT=<port> MONGODB_URI=mongodb://…/ node dist/bench/bench/servers/store-floor.js
 *
 *   GET  /it-systems/:uuid                         catalog: findOne({ _id }) (AggregateRepository.findByUuid)
 *   GET  /it-systems?organizationUuid=&pageSize=   catalog: ItSystemsRepository.list for a global administrator,
 *                                                  default order (CreationOrder)
 *   GET  /reports/it-systems?organizationUuid=&pageSize=
 *                                                  reporting: ItSystemReportRepository.report (two counts and a page;
 *                                                  includeDeactivated at its default, true)
 *   POST /it-systems                               catalog: insertOne of an it_systems document (the repository's
 *                                                  shape, without the outbox relay's later update)
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import mongoose from 'mongoose';

type Doc = Record<string, unknown> & { _id: string };

async function main(): Promise<void> {
  const client = await mongoose.mongo.MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/');
  const systems = client.db('catalog').collection<Doc>('it_systems');
  const report = client.db('reporting').collection<Doc>('rm_it_systems');
  const app = Fastify({ logger: false });
  const pageSizeOf = (value: string | undefined) => Math.min(Math.max(Number(value) || 100, 1), 100);

  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get<{ Params: { uuid: string } }>('/it-systems/:uuid', async (request, reply) => {
    const document = await systems.findOne({ _id: request.params.uuid });
    if (!document || document.deleted) return reply.code(404).send({ status: 404 });
    return document;
  });

  app.get<{ Querystring: { organizationUuid: string; pageSize?: string } }>('/it-systems', async (request) => {
    const pageSize = pageSizeOf(request.query.pageSize);
    return systems
      .find({ deleted: false, deactivated: false, organizationUuid: request.query.organizationUuid })
      .sort({ createdAt: 1, _id: 1 })
      .skip(0)
      .limit(pageSize)
      .toArray();
  });

  app.get<{ Querystring: { organizationUuid: string; pageSize?: string } }>('/reports/it-systems', async (request) => {
    const pageSize = pageSizeOf(request.query.pageSize);
    const scope = { deleted: false, data: { $ne: null }, organizationUuid: request.query.organizationUuid };
    const [counts, byOrganization, items] = await Promise.all([
      report.aggregate([{ $match: scope }, { $group: { _id: '$data.deactivated', count: { $sum: 1 } } }]).toArray(),
      report
        .aggregate([{ $match: scope }, { $group: { _id: '$organizationUuid', count: { $sum: 1 } } }, { $sort: { count: -1, _id: 1 } }])
        .toArray(),
      report
        .find(scope) // includeDeactivated defaults to true
        .sort({ 'data.name': 1, _id: 1 })
        .skip(0)
        .limit(pageSize)
        .toArray(),
    ]);
    return { counts, byOrganization, items };
  });

  app.post<{ Body: { organizationUuid: string; name: string } }>('/it-systems', async (request, reply) => {
    const now = new Date();
    const uuid = randomUUID();
    await systems.insertOne({
      _id: uuid,
      version: 1,
      pendingEvents: [],
      hasPendingEvents: false,
      deleted: false,
      deletedAt: null,
      organizationUuid: request.body.organizationUuid,
      name: request.body.name,
      nameKey: request.body.name.toLocaleLowerCase('da'),
      formerName: null,
      description: null,
      externalUuid: null,
      parentUuid: null,
      rightsHolderUuid: null,
      businessTypeUuid: null,
      kleUuids: [],
      scope: 'Local',
      deactivated: false,
      deactivationReason: null,
      recommendedArchiveDuty: 'Undecided',
      recommendedArchiveDutyComment: null,
      externalReferences: [],
      createdAt: now,
      createdByUserUuid: null,
      lastModified: now,
      lastModifiedByUserUuid: null,
    });
    return reply.code(201).send({ uuid });
  });

  const close = () => void app.close().finally(() => void client.close().finally(() => process.exit(0)));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
