import type { ZodError } from 'zod';

type IssuePath = ZodError['issues'][number]['path'];

/** How an issue's path is named in a message; null: the message alone. */
export type IssueName = (path: IssuePath) => string | null;

/** The path joined with dots ('r_cuts.0'), or `fallback` when the issue is about the whole input. */
export const dotted =
	(fallback = 'input'): IssueName =>
	(path) =>
		path.length ? path.join('.') : fallback;

/** Only the message, no path. */
export const messageOnly: IssueName = () => null;

/** A zod error's issues as 'name: message' each; the one way every caller words them (`name` says how the path reads). */
export function issueLines(error: ZodError, name: IssueName = dotted()): string[] {
	return error.issues.map((i) => {
		const n = name(i.path);
		return n === null ? i.message : `${n}: ${i.message}`;
	});
}

/** issueLines joined with '; ': the text of a 400 answer or a usage error. */
export function issueText(error: ZodError, name: IssueName = dotted()): string {
	return issueLines(error, name).join('; ');
}
