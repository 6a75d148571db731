export * from './common.dto';
export * from './catalog/it-system.dto';
export * from './reporting/it-system-report.dto';
export * from './identity';
