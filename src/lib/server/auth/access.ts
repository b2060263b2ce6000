import type { Role } from './roles';

/**
 * THE access rules (#19): every page and endpoint's route id -> the roles that may read it (GET) and write it
 * (POST/PUT/PATCH/DELETE, form actions). Adding a route is one line here; tests/auth/access-matrix.test.ts fails,
 * naming the route, when a route in src/routes has no line. Admin may do everything. Local mode (no users) skips
 * these rules: one person on their own machine.
 *
 * `rows: true` marks customer-level rows: personal fields in them (auth/mask.ts PERSONAL_FIELDS) are masked for the
 * analyst unless a reveal is asked for (?reveal=1, audited), and leadership never reaches them.
 */
export interface AccessRule {
	read: readonly Role[] | 'public';
	write?: readonly Role[] | 'public';
	rows?: boolean;
}

const EVERYONE: readonly Role[] = ['leadership', 'analyst', 'marketer', 'admin'];
const ROW_READERS: readonly Role[] = ['analyst', 'marketer', 'admin'];
const MARKETING: readonly Role[] = ['marketer', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
/** Goals are leadership's; marketers run their plan-do-check-act cycles too. */
const GOAL_WRITERS: readonly Role[] = ['leadership', 'marketer', 'admin'];

const aggregate: AccessRule = { read: EVERYONE };
const rows: AccessRule = { read: ROW_READERS, rows: true };
const lists: AccessRule = { read: ROW_READERS, write: MARKETING };
const admin: AccessRule = { read: ADMIN, write: ADMIN };
const goals: AccessRule = { read: EVERYONE, write: GOAL_WRITERS };
/** Campaigns: their results are aggregates (groups, lift) everyone reads; creating and launching is marketing's. */
const campaigns: AccessRule = { read: EVERYONE, write: MARKETING };

export const ACCESS: Record<string, AccessRule> = {
	// pages
	'/': aggregate,
	'/channels': aggregate,
	'/cohorts': aggregate,
	'/migration': aggregate,
	'/models': aggregate,
	'/segments': aggregate,
	'/segments/[segment]': aggregate,
	'/customers': rows,
	'/customers/[id]': rows,
	'/lists': lists,
	'/lists/[name]': lists,
	'/lists/new': lists,
	'/data': admin,
	'/settings': admin,
	'/login': { read: 'public', write: 'public' },
	'/logout': { read: 'public', write: 'public' },
	'/admin': admin,
	'/goals': goals,
	'/campaigns': campaigns,
	'/campaigns/[id]': campaigns,
	'/products': aggregate,
	// endpoints: aggregates
	'/api/channels': aggregate,
	'/api/clv-summary': aggregate,
	'/api/cohorts': aggregate,
	'/api/csat': aggregate,
	'/api/dimensions': aggregate,
	'/api/distributions': aggregate,
	'/api/funnel': aggregate,
	'/api/kpis': aggregate,
	'/api/lifecycle': aggregate,
	'/api/lifecycle-stages': aggregate,
	'/api/migration': aggregate,
	// POST that only reads (the rule travels in the body)
	'/api/migration/flow': { read: EVERYONE, write: EVERYONE },
	'/api/models/fits': aggregate,
	'/api/models/validation': aggregate,
	'/api/models/selection': aggregate,
	// products: pair statistics and how many customers bought one and not the other (counts and the rule, no rows)
	'/api/affinity': aggregate,
	'/api/affinity/customers': aggregate,
	// goals and their PDCA cycles
	'/api/goals': goals,
	'/api/goal-cycles': goals,
	'/api/campaigns': campaigns,
	'/api/campaigns/[id]': campaigns,
	'/api/rfm': aggregate,
	'/api/rfm-grid': aggregate,
	'/api/segment-mix': aggregate,
	'/api/segment-names': { read: EVERYONE, write: MARKETING },
	'/api/summary': aggregate,
	'/api/tickets': aggregate,
	// the settings every page reads (currency, language); changing them is the admin's
	'/api/settings': { read: EVERYONE, write: ADMIN },
	// customer-level rows
	'/api/customers': rows,
	'/api/customer/[id]': rows,
	'/api/customer/[id]/orders': rows,
	'/api/customer/[id]/palive-history': rows,
	'/api/customer/[id]/predictions': rows,
	'/api/customer/[id]/timeline': rows,
	'/api/customer/[id]/recommendations': rows,
	'/api/list-preview': { read: ROW_READERS, write: ROW_READERS, rows: true },
	// lists and exports
	'/api/customers/save-list': lists,
	'/api/lists': lists,
	'/api/lists/fields': lists,
	'/api/segments': { read: EVERYONE, write: MARKETING },
	'/api/list-export': { read: MARKETING, write: MARKETING },
	// data loading
	'/api/ingest/jobs': admin,
	'/api/ingest/jobs/[id]': admin,
	'/api/ingest/jobs/[id]/columns': admin,
	'/api/ingest/jobs/[id]/file': admin,
	'/api/ingest/jobs/[id]/start': admin,
	'/api/ingest/rejected': admin
};

export const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Decision = 'allowed' | 'forbidden' | 'unknown-route';

/** May `role` make a `method` request to the route `routeId`? Routes without a rule are refused (fail closed). */
export function decide(routeId: string | null, method: string, role: Role): Decision {
	const rule = routeId === null ? undefined : ACCESS[routeId];
	if (!rule) return 'unknown-route';
	const roles = READ_METHODS.has(method) ? rule.read : (rule.write ?? []);
	if (roles === 'public' || role === 'admin' || roles.includes(role)) return 'allowed';
	return 'forbidden';
}

export function isPublic(routeId: string | null, method: string): boolean {
	const rule = routeId === null ? undefined : ACCESS[routeId];
	return (READ_METHODS.has(method) ? rule?.read : rule?.write) === 'public';
}
