import type { MessageKey } from '$lib/i18n/catalog';
import type { Formatters } from '$lib/i18n/format';

/**
 * How each KPI of /api/kpis is shown: its label key, its format and whether up is good. One definition, used by
 * every card, chart and table that shows the metric.
 */
export type KpiFormat = 'integer' | 'percent' | 'currency' | 'number';
export interface KpiDisplay {
	metric: string;
	label: MessageKey;
	hint: MessageKey;
	format: KpiFormat;
	better: 'up' | 'down';
}

export const KPI_DISPLAY: KpiDisplay[] = [
	{
		metric: 'active_customers',
		label: 'kpi.active',
		hint: 'kpi.active.hint',
		format: 'integer',
		better: 'up'
	},
	{ metric: 'new_customers', label: 'kpi.new', hint: 'kpi.new.hint', format: 'integer', better: 'up' },
	{ metric: 'churn_rate', label: 'kpi.churn', hint: 'kpi.churn.hint', format: 'percent', better: 'down' },
	{
		metric: 'retention_rate',
		label: 'kpi.retention',
		hint: 'kpi.retention.hint',
		format: 'percent',
		better: 'up'
	},
	{ metric: 'revenue', label: 'kpi.revenue', hint: 'kpi.revenue.hint', format: 'currency', better: 'up' },
	{
		metric: 'revenue_existing',
		label: 'kpi.revenueExisting',
		hint: 'kpi.revenueExisting.hint',
		format: 'currency',
		better: 'up'
	},
	{ metric: 'aov', label: 'kpi.aov', hint: 'kpi.aov.hint', format: 'currency', better: 'up' },
	{ metric: 'net_revenue_retention', label: 'kpi.nrr', hint: 'kpi.nrr.hint', format: 'percent', better: 'up' }
];

export function formatKpi(
	f: Formatters,
	format: KpiFormat,
	v: number | null | undefined,
	short = false
): string {
	switch (format) {
		case 'integer':
			return short ? f.compact(v) : f.integer(v);
		case 'percent':
			return f.percent(v);
		case 'currency':
			return short ? f.compactCurrency(v) : f.currency(v);
		default:
			return f.number(v);
	}
}
