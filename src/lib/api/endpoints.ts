import type { CustomerListRow } from '$lib/server/customers/search';
import type { ClvSummary } from '$lib/server/metrics/clv-summary';
import type { CohortCell } from '$lib/server/metrics/cohorts';
import type { DimensionValue } from '$lib/server/metrics/dimensions';
import type { DistributionBin } from '$lib/server/metrics/distributions';
import type { KpiValue } from '$lib/server/metrics/kpis';
import type { LifecycleStageAnswer } from '$lib/server/metrics/lifecycle-customer';
import type { LifecyclePeriod } from '$lib/server/metrics/lifecycle-period';
import type { RfmGridCell } from '$lib/server/metrics/rfm';
import type { SegmentName, SegmentSummary } from '$lib/server/metrics/segments';
import type { MixRow as ServerMixRow } from '$lib/server/overview';
import {
	everyOnce,
	getPage,
	loadRows,
	settle,
	type Fetch,
	type Loaded,
	type Params,
	type Wire
} from './client';

/**
 * One typed function per metrics endpoint the dashboard reads. Row types are the server functions' own, as they
 * arrive (`Wire`; type-only imports: nothing of the server reaches the browser); dates are 'YYYY-MM-DD', money
 * numbers in the database's currency (settings 'currency'), shares 0..1.
 */

export type KpiRow = Wire<KpiValue>;
export const kpis = (f: Fetch, p: Params) => loadRows<KpiRow>(f, 'kpis', p);

export type LifecycleRow = Wire<LifecyclePeriod>;
export const lifecycle = (f: Fetch, p: Params) => loadRows<LifecycleRow>(f, 'lifecycle', p);

export type CohortRow = Wire<CohortCell>;
export const cohorts = (f: Fetch, p: Params) => loadRows<CohortRow>(f, 'cohorts', p);

export type SegmentRow = Wire<SegmentSummary>;
export const segments = (f: Fetch, p: Params) => loadRows<SegmentRow>(f, 'segments', p);

/** The filter bar's choices (region, country, channel, acquisition channel) with their customer counts. */
export type DimensionRow = Wire<DimensionValue>;
export const dimensions = (f: Fetch) => loadRows<DimensionRow>(f, 'dimensions');

/** The configured segments' keys and names only (no counting: cheap enough for every page's filter bar). */
export type SegmentNameRow = Wire<SegmentName>;
export const segmentNames = (f: Fetch) => loadRows<SegmentNameRow>(f, 'segment-names');

export type RfmCellRow = Wire<RfmGridCell>;
export const rfmGrid = (f: Fetch, p: Params) => loadRows<RfmCellRow>(f, 'rfm-grid', p);

export type LifecycleStageRow = Wire<LifecycleStageAnswer>;
export const lifecycleStages = (f: Fetch, p: Params) => loadRows<LifecycleStageRow>(f, 'lifecycle-stages', p);

export type BinRow = Wire<DistributionBin>;
export type DistributionMeasure = BinRow['measure'];
/** The server's measures (DistributionBin['measure']) in display order: a type error if one is missing or unknown. */
export const DISTRIBUTION_MEASURES = everyOnce<DistributionMeasure>()([
	'recency',
	'frequency',
	'monetary',
	'clv',
	'p_alive'
] as const);
export const distribution = (f: Fetch, p: Params) => loadRows<BinRow>(f, 'distributions', p);

/** The customer mix at successive as-of dates (/api/segment-mix): by RFM segment and by lifecycle stage. */
export type MixRow = Wire<ServerMixRow>;
export const segmentMix = (f: Fetch, p: Params) => loadRows<MixRow>(f, 'segment-mix', p);

export type ClvSummaryRow = Wire<ClvSummary>;
export const clvSummary = (f: Fetch, p: Params) => loadRows<ClvSummaryRow>(f, 'clv-summary', p);

export type CustomerRow = Wire<CustomerListRow>;
export const customers = (f: Fetch, p: Params): Promise<Loaded<{ rows: CustomerRow[]; total: number }>> =>
	settle(getPage<CustomerRow>(f, 'customers', p));
