// Alerts (#15): rules, their evaluation at every refresh (registry entry 'alerts'), the history and webhook deliveries.
export * from './rules';
export * from './evaluate';
export * from './webhook';
