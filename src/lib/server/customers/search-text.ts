/**
 * What a person typed into the customer search box, turned into bound values (never SQL text):
 * - `pattern`: an ILIKE pattern matching the text anywhere, with % _ and \ escaped (the query says ESCAPE '\');
 * - `phoneDigits`: for phone-like input ("0912 345 678", "+84 912-345-678") the national digits without the
 *   trunk 0 or the country code 84, matched against the digits of the stored E.164 number.
 */
export interface SearchText {
	pattern: string | null;
	phoneDigits: string | null;
}

const PHONE_LIKE = /^[+\d\s().-]+$/;

export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function searchText(raw: string | null | undefined): SearchText {
	const q = (raw ?? '').trim().normalize('NFC');
	if (!q) return { pattern: null, phoneDigits: null };
	let phoneDigits: string | null = null;
	if (PHONE_LIKE.test(q)) {
		let digits = q.replace(/\D/g, '');
		if (q.startsWith('+84') || (digits.startsWith('84') && digits.length >= 11)) digits = digits.slice(2);
		else if (digits.startsWith('0')) digits = digits.slice(1);
		if (digits.length >= 4) phoneDigits = digits;
	}
	return { pattern: `%${escapeLike(q)}%`, phoneDigits };
}
