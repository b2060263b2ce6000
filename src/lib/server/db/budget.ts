import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A time budget for the statements a request runs: inside withStatementBudget(ms, fn) every statement that runs
 * longer than ms is interrupted (DuckDB's connection interrupt) and fails with StatementTimeoutError, so that one
 * request cannot hold a connection, the CPU and memory for minutes while others wait. Work started outside a request
 * (ingest, refresh, the CLI) has no budget.
 */
const budget = new AsyncLocalStorage<{ ms: number; exceeded: boolean }>();

export class StatementTimeoutError extends Error {
	constructor(readonly ms: number) {
		super(
			`the request took longer than ${ms / 1000} s and was stopped: ask for fewer periods, a shorter date range ` +
				'or a smaller page'
		);
	}
}

export function withStatementBudget<T>(ms: number, fn: () => T): T {
	return budget.run({ ms, exceeded: false }, fn);
}

/** Whether a statement of the current request was stopped by its budget (the server then answers 503, not 500). */
export function budgetExceeded(): boolean {
	return budget.getStore()?.exceeded ?? false;
}

/** Runs fn with no budget, also when called from inside a request (e.g. a background refresh it starts). */
export function withoutStatementBudget<T>(fn: () => T): T {
	return budget.exit(fn);
}

/** Runs one statement under the current budget; interrupt stops it on its connection. */
export async function underBudget<T>(interrupt: () => void, run: () => Promise<T>): Promise<T> {
	const store = budget.getStore();
	const ms = store?.ms;
	if (!store || !ms) return run();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		store.exceeded = true;
		interrupt();
	}, ms);
	try {
		return await run();
	} catch (e) {
		if (timedOut) throw new StatementTimeoutError(ms);
		throw e;
	} finally {
		clearTimeout(timer);
	}
}
