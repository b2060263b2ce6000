import { fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { auditLog } from '$lib/server/auth/audit';
import { ROLES } from '$lib/server/auth/roles';
import { listUsers } from '$lib/server/auth/store';
import { changeUser, type UserChange } from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

/** The admin page (#19): users (add, set password, disable, delete, sign out everywhere) and the audit log. */
export const load: PageServerLoad = async ({ locals }) => {
	const db = await appDb();
	const [users, audit] = await Promise.all([listUsers(db), auditLog(db, { limit: 200 })]);
	return { users, audit, roles: [...ROLES], local: locals.mode === 'local', filterFields: [] as never[] };
};

const KINDS = ['add', 'passwd', 'disable', 'enable', 'delete', 'revoke'] as const;

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const kind = String(form.get('kind') ?? '');
		const name = String(form.get('name') ?? '').slice(0, 64);
		const password = String(form.get('password') ?? '');
		if (!(KINDS as readonly string[]).includes(kind))
			return fail(400, { problem: `unknown change '${kind}'` });
		const change = {
			kind,
			name,
			role: String(form.get('role') ?? ''),
			password
		} as UserChange;
		try {
			const by = locals.user ?? { name: 'local', role: null };
			await changeUser(await appDb(), change, by, locals.address ?? null);
		} catch (e) {
			return fail(400, { problem: e instanceof Error ? e.message : String(e) });
		}
		return { done: true };
	}
};
