export * from './client';
export * as api from './endpoints';
export type * from './endpoints';
export * from './params';
