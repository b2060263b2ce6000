import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dotted, issueLines, issueText, messageOnly } from '../../src/lib/server/issues';

/** The one wording of zod issues (src/lib/server/issues.ts) that the API, the CLI and the pages use. */
describe('issueText', () => {
	const schema = z.object({ limit: z.number().int(), cuts: z.array(z.number()) });
	const error = schema.safeParse({ limit: 1.5, cuts: [1, 'x'] }).error!;
	const whole = z.string().safeParse(3).error!;

	it("names each issue by its dotted path, the input as 'input' unless told", () => {
		expect(issueText(error)).toBe(
			'limit: Invalid input: expected int, received number; cuts.1: Invalid input: expected number, received string'
		);
		expect(issueText(whole)).toBe('input: Invalid input: expected string, received number');
		expect(issueText(whole, dotted('query'))).toBe('query: Invalid input: expected string, received number');
	});

	it('words the path as the caller says, or leaves it out', () => {
		expect(issueText(error, messageOnly)).toBe(
			'Invalid input: expected int, received number; Invalid input: expected number, received string'
		);
		expect(issueLines(error, (path) => `--${String(path[0])}`)).toEqual([
			'--limit: Invalid input: expected int, received number',
			'--cuts: Invalid input: expected number, received string'
		]);
	});
});
