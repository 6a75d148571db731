// CPU-ms of one validateInto(CreateItSystemRequest) (an RPC payload's validation) in this process, with class-validator's
// metadata lookup cached (libs/contracts/src/validation-metadata-cache.ts) or, with the argument `uncached`, as
// class-validator does it. Needs `npm run build` (reads dist/). Usage: node bench/validation-cost.js [uncached]
const { join } = require('node:path');
const uncached = process.argv[2] === 'uncached';
// marks the process-wide storage as patched, so that loading @kitos/contracts leaves it as it is
if (uncached) require('class-validator').getMetadataStorage()[Symbol.for('kitos.validationMetadataCache')] = true;
const contracts = require(join(__dirname, '..', 'dist', 'libs', 'contracts', 'src'));
const body = { organizationUuid: '8f2b6c1e-3a4d-4e5f-9a1b-2c3d4e5f6a7b', name: 'System 1' };
for (let i = 0; i < 200; i++) contracts.validateInto(contracts.CreateItSystemRequest, body);
const n = 2000;
const before = process.cpuUsage();
for (let i = 0; i < n; i++) contracts.validateInto(contracts.CreateItSystemRequest, body);
const used = process.cpuUsage(before);
console.log(
  `${uncached ? 'uncached' : 'cached'}: ${((used.user + used.system) / n / 1000).toFixed(3)} CPU-ms per validateInto(CreateItSystemRequest)`,
);
