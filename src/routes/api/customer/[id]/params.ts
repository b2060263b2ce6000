import { error } from '@sveltejs/kit';

/** A customer id from the path: any text up to 200 characters (it is only ever a bound value). */
export function customerIdParam(raw: string): string {
	const id = raw.trim();
	if (!id || id.length > 200) error(400, 'bad parameter: id: expected a customer id of 1 to 200 characters');
	return id;
}
