import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process, in a registry of its own (several apps can share a test process). */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'kitos_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly rpcRequests = new Histogram({
    name: 'kitos_rpc_duration_seconds',
    help: 'Requests on the bus by subject and outcome (ok or error code)',
    labelNames: ['subject', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly outboxBacklog = new Gauge({
    name: 'kitos_outbox_backlog',
    help: 'Aggregates with events not yet published',
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'kitos_events_published_total',
    help: 'Events published by the outbox relay',
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    // the event-loop delay histogram samples with a timer: every 10 ms by default, i.e. 100 wake-ups a second in each
    // idle process; every 100 ms is plenty for a lag that matters and keeps the system quiet at rest
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
  }
}
