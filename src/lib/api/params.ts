// The filter state lives in $lib/filters (one module); the API client re-exports what its callers use with it.
export {
	GRAINS as GRAIN_VALUES,
	grainOf,
	metricParams,
	snapshotParams,
	type Grain as GrainValue
} from '$lib/filters';
