import { error, isHttpError } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { RuleError } from './rule';
import { ListExists, ListNotFound } from './saved';
import { issueText } from '../issues';

/** Reads a JSON request body or answers 400 saying what is wrong. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
	try {
		const body: unknown = await request.json();
		if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	} catch (e) {
		if (isHttpError(e)) throw e; // adapter-node's 413 for a body over BODY_SIZE_LIMIT
	}
	error(400, 'expected a JSON object in the request body');
}

/** Turns the user's mistakes (bad rule, unknown list, bad option) into 400/404 with the reason. */
export async function userErrors<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof RuleError) error(400, e.message);
		if (e instanceof ZodError) error(400, issueText(e));
		if (e instanceof ListNotFound) error(404, e.message);
		if (e instanceof ListExists) error(409, e.message);
		throw e;
	}
}
