/** IT contracts over HTTP and RPC, one file per responsibility. */
export * from './it-contract.constants';
export * from './it-contract-sections.dto';
export * from './it-contract-requests.dto';
export * from './it-contract-responses.dto';
