import { appDb } from '../app-db';
import { recordAudit } from './audit';
import { maskRow } from './mask';
import type { SignedIn } from './roles';

/** What an endpoint that answers customer rows needs from its request (locals are set by hooks.server.ts). */
export interface RowsEvent {
	url: URL;
	locals?: { user?: SignedIn | null; address?: string };
}

/** True when the person may see personal data in full without asking (local mode, marketer, admin). */
export function seesPersonalData(user: SignedIn | null | undefined): boolean {
	return !user || user.role === 'marketer' || user.role === 'admin';
}

/**
 * Customer rows as the person asking may see them: unchanged in local mode and for marketers and admins; for an
 * analyst (or anyone else reaching here) the personal fields are masked, unless the request asks ?reveal=1, which is
 * recorded in the audit log (one row per reveal: who, which rows, how many).
 */
export async function personalRows<T extends object>(
	event: RowsEvent,
	rows: T[],
	target: string
): Promise<T[]> {
	const user = event.locals?.user;
	if (seesPersonalData(user)) return rows;
	if (user!.role === 'analyst' && event.url.searchParams.get('reveal') === '1') {
		await recordAudit(await appDb(), {
			action: 'reveal',
			actor: user!,
			target,
			rows: rows.length,
			address: event.locals?.address ?? null
		});
		return rows;
	}
	return rows.map(maskRow);
}
