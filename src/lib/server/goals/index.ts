// Goals (#15): targets on the KPIs the metrics layer computes, their pacing, forecast and status.
export * from './kpis';
export * from './forecast';
export * from './pacing';
export * from './store';
export * from './status';
export * from './history';
export * from './cycles';
