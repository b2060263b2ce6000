import type { Database } from '../db';
import { recordAudit, type AuditEntry } from './audit';
import { addUser, deleteUser, revokeSessions, setDisabled, setPassword } from './store';

/**
 * User changes as the admin page and `crm user` make them: the change, then its audit row (who made it, on whom).
 */
export type UserChange =
	| { kind: 'add'; name: string; role: string; password: string }
	| { kind: 'passwd'; name: string; password: string }
	| { kind: 'disable' | 'enable' | 'delete' | 'revoke'; name: string };

const ACTION = {
	add: 'user_add',
	passwd: 'user_passwd',
	disable: 'user_disable',
	enable: 'user_enable',
	delete: 'user_delete',
	revoke: 'sessions_revoke'
} as const;

export async function changeUser(
	db: Database,
	change: UserChange,
	by: AuditEntry['actor'],
	address: string | null = null
): Promise<void> {
	if (change.kind === 'add') await addUser(db, change.name, change.role, change.password);
	else if (change.kind === 'passwd') await setPassword(db, change.name, change.password);
	else if (change.kind === 'disable' || change.kind === 'enable')
		await setDisabled(db, change.name, change.kind === 'disable');
	else if (change.kind === 'delete') await deleteUser(db, change.name);
	else await revokeSessions(db, change.name);
	await recordAudit(db, {
		action: ACTION[change.kind],
		actor: by,
		target: change.name,
		detail: change.kind === 'add' ? `role ${change.role}` : null,
		address
	});
}
