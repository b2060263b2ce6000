export * from './bgnbd';
export * from './paretonbd';
export * from './gammagamma';
export * from './clv';
export * from './fit';
export * from './eligibility';
export { fitModel, refreshModels, type ModelRun, type ModelRequest, type RefreshResult } from './service';
export type { TimeUnit } from './summary';
export { validateModel, type ValidationResult, type ValidationRequest } from './validate';
