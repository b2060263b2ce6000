import { error, json } from '@sveltejs/kit';
import { z, ZodError } from 'zod';
import { JobNotFound } from './jobs';
import { presets } from './presets';
import { UploadOffsetError } from './uploads';
import { IngestError, type IngestOptions } from './types';
import { fieldsOf } from './fields';
import { issueText } from '../issues';
import { checkFormatOptions } from './formats';

/** The request bodies of /api/ingest/..., validated at the boundary. */
const columnMap = z
	.record(z.string().max(100), z.string().min(1).max(500))
	.refine((m) => Object.keys(m).length <= 40, 'at most 40 column choices');

export const jobOptionsSchema = z
	.object({
		kind: z.enum(['interactions', 'customers']).default('interactions'),
		preset: z
			.enum(Object.keys(presets) as [keyof typeof presets, ...(keyof typeof presets)[]])
			.default('generic'),
		map: columnMap.default({}),
		dedupe: z.enum(['none', 'exact']).default('none'),
		/** The file's number and date formats (crm ingest --decimal, --thousands, --date-format, --min-date). */
		decimal: z.enum(['.', ',']).optional(),
		thousands: z.enum([',', '.', ' ']).optional(),
		date_format: z.string().max(40).optional(),
		min_date: z.string().max(10).optional(),
		/** Recompute the derived tables after loading (crm ingest --no-refresh sends false). */
		refresh: z.boolean().default(true)
	})
	.superRefine((o, ctx) => {
		try {
			checkFormatOptions({
				decimal: o.decimal,
				thousands: o.thousands,
				dateFormat: o.date_format,
				minDate: o.min_date
			});
		} catch (e) {
			ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
		}
		const fields = Object.keys(fieldsOf(o.kind));
		for (const field of Object.keys(o.map)) {
			if (!fields.includes(field)) {
				ctx.addIssue({
					code: 'custom',
					path: ['map', field],
					message: `'${field}' is not a field of ${o.kind}; fields: ${fields.join(', ')}`
				});
			}
		}
	});
export type JobOptionsInput = z.input<typeof jobOptionsSchema>;

export function ingestOptions(o: z.infer<typeof jobOptionsSchema>): IngestOptions {
	return {
		kind: o.kind,
		preset: o.preset,
		map: o.map,
		dedupe: o.dedupe,
		noRefresh: !o.refresh,
		decimal: o.decimal,
		thousands: o.thousands,
		dateFormat: o.date_format,
		minDate: o.min_date
	};
}

/** POST /api/ingest/jobs from the Data page: a file the browser is about to upload. */
export const uploadSchema = z.object({
	upload: z.object({ name: z.string().min(1).max(300), size: z.number().int().positive() })
});

/** POST /api/ingest/jobs from `crm ingest`: a file on this machine, by its absolute path. */
export const pathJobSchema = z.object({
	path: z.string().min(2).max(4096).startsWith('/', 'the path must be absolute'),
	options: jobOptionsSchema.optional()
});

/** Reads a JSON request body or answers 400 saying what is wrong. */
export async function jsonBody(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		error(400, 'expected a JSON object in the request body');
	}
}

export function zodMessage(e: ZodError): string {
	return issueText(e);
}

/**
 * Turns the user's mistakes into answers that say what to do: a bad request or unreadable file 400, an unknown
 * job 404, a piece sent for the wrong offset 409 (with the bytes received, to resume from).
 */
export async function ingestErrors(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof ZodError) error(400, zodMessage(e));
		if (e instanceof JobNotFound) error(404, e.message);
		if (e instanceof UploadOffsetError) {
			return json({ message: e.message, received: e.received }, { status: 409 });
		}
		if (e instanceof IngestError) error(400, e.message);
		throw e;
	}
}
