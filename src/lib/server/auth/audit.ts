import { listValue } from '@duckdb/node-api';
import type { Database, Session } from '../db';
import type { SignedIn } from './roles';

/**
 * The audit log (migration 021): append-only. This module only inserts and reads; no endpoint and no command
 * updates or deletes a row (tests/auth/audit.test.ts checks the sources for it).
 */
export const AUDIT_ACTIONS = [
	'login',
	'login_failed',
	'logout',
	'reveal',
	'export',
	'settings',
	'user_add',
	'user_passwd',
	'user_disable',
	'user_enable',
	'user_delete',
	'sessions_revoke'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
	action: AuditAction;
	actor: SignedIn | { name: string; role: string | null } | null;
	target?: string | null;
	rows?: number | null;
	columns?: string[] | null;
	address?: string | null;
	detail?: string | null;
}

export interface AuditRow {
	audit_id: number;
	at: string;
	actor: string | null;
	role: string | null;
	action: AuditAction;
	target: string | null;
	rows: number | null;
	columns: string[] | null;
	address: string | null;
	detail: string | null;
}

export async function recordAudit(db: Database | Session, e: AuditEntry): Promise<void> {
	await db.exec(
		`INSERT INTO audit_log (actor, role, action, target, row_count, column_names, address, detail)
		 VALUES ($actor, $role, $action, $target, $rows::BIGINT, $columns::VARCHAR[], $address, $detail)`,
		{
			actor: e.actor?.name ?? null,
			role: e.actor?.role ?? null,
			action: e.action,
			target: e.target ?? null,
			rows: e.rows ?? null,
			columns: e.columns ? listValue(e.columns) : null,
			address: e.address ?? null,
			detail: e.detail ?? null
		}
	);
}

/** The newest entries first. */
export async function auditLog(
	db: Database,
	opts: { limit?: number; action?: AuditAction } = {}
): Promise<AuditRow[]> {
	return db.sql<AuditRow>(
		`SELECT audit_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS at, actor, role, action, target,
		   row_count AS rows, column_names AS columns, address, detail
		 FROM audit_log WHERE $action::VARCHAR IS NULL OR action = $action::VARCHAR
		 ORDER BY audit_id DESC LIMIT $limit::INTEGER`,
		{ action: opts.action ?? null, limit: opts.limit ?? 200 }
	);
}
