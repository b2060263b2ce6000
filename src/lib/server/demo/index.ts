export { DEMO_PARAMS, DEFAULT_DEMO_OPTIONS, MAX_DEMO_CUSTOMERS, type DemoOptions } from './params';
export {
	generateDemo,
	resolveDemoOptions,
	simulateAll,
	demoContentHash,
	demoFileLabel,
	type DemoRequest,
	type GenerateOptions,
	type DemoSummary
} from './generate';
export { buildSeason, operationalWeeks, calendarSeconds, operationalHours, type Season } from './calendar';
export { exportDemo, type ExportFormat } from './export';
export { demoDataCounts, type DataCounts } from './existing';
export { TYPES, CHANNELS } from './events';
export { TOUCHPOINT_RATES } from './simulate';
export { defaultTouchpoints, FULL_TOUCHPOINTS_UP_TO, TOUCHPOINT_SCALE_POWER } from './scale';
