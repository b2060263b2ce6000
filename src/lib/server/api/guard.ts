import { json } from '@sveltejs/kit';
import { appDb } from '../app-db';
import { budgetExceeded, DatabaseInUseError, StatementTimeoutError, withStatementBudget } from '../db';
import { BODY_LIMIT_BYTES, statementBudgetMs } from './bounds';

/** Seconds a client should wait before asking again when the database is busy. */
export const RETRY_AFTER_SECONDS = 5;

function busy(message: string): Response {
	return json(
		{ message },
		{ status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' } }
	);
}

/**
 * What every /api/ request passes before its handler (hooks.server.ts): a body over BODY_LIMIT_BYTES is a 413; while
 * another process (a crm command) holds the database the answer is 503 with Retry-After and the reason; a GET runs
 * under the statement budget (db/budget.ts) and a statement stopped by it is a 503 that says what to ask instead.
 */
export async function guardApiRequest(
	request: Request,
	respond: () => Response | Promise<Response>
): Promise<Response> {
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > BODY_LIMIT_BYTES)
		return json(
			{ message: `the request body is ${length} bytes; at most ${BODY_LIMIT_BYTES} (4 MiB)` },
			{ status: 413 }
		);
	try {
		await appDb();
	} catch (e) {
		if (e instanceof DatabaseInUseError) return busy(`${e.message} Try again in ${RETRY_AFTER_SECONDS} s.`);
		throw e;
	}
	if (request.method !== 'GET') return await respond();
	const ms = statementBudgetMs();
	return withStatementBudget(ms, async () => {
		const response = await respond();
		if (response.status === 500 && budgetExceeded()) return busy(new StatementTimeoutError(ms).message);
		return response;
	});
}
