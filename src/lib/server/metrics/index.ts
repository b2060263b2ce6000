// The metrics layer: one typed function per metric over queries/*.sql (docs/METRICS.md defines each one).
export * from './filters';
export * from './summary';
export { refreshMetrics } from './refresh';
export * from './rfm';
export * from './segments';
export * from './lifecycle-customer';
export * from './kpis';
export * from './cohorts';
export * from './lifecycle-period';
export * from './channels';
export * from './funnel';
export { refreshPeriodTables, withPeriodTables, defaultPeriodContext } from './periods-refresh';
export * from './distributions';
export * from './clv-summary';
export * from './dimensions';
export * from './interaction-types';
