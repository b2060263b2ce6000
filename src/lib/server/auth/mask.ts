import { maskName } from '../customers/contact';

/**
 * Personal data as an analyst sees it (#19): enough to tell rows apart, nothing to contact the person with.
 * Stricter than the list masks of customers/contact.ts: the e-mail's domain is masked too.
 */

/** "nguyen.lan@dragon.vn" -> "n***@d***.vn" (first letter of the name and of the domain, the top-level domain kept). */
export function maskEmailForRole(email: string | null | undefined): string | null {
	if (!email) return null;
	const at = email.lastIndexOf('@');
	if (at <= 0) return '***';
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const tld = dot > 0 ? domain.slice(dot) : '';
	return `${[...email][0]}***@${[...domain][0] ?? ''}***${tld}`;
}

/** "+84912345678" -> "+84 *** *** 678": the country code (when written) and the last three digits. */
export function maskPhoneForRole(phone: string | null | undefined): string | null {
	if (!phone) return null;
	const digits = phone.replace(/\D/g, '');
	if (digits.length < 6) return '***';
	const country = phone.startsWith('+84') ? '+84 ' : phone.startsWith('+') ? `+${digits.slice(0, 2)} ` : '';
	return `${country}*** *** ${digits.slice(-3)}`;
}

/** The personal-data fields of customer rows and how each is masked. */
export const PERSONAL_FIELDS = {
	name: maskName, // initials: "Nguyễn Thị Lan" -> "N. T. L."
	email: maskEmailForRole,
	phone: maskPhoneForRole
} as const;

/** A copy of `row` with every personal field masked (fields it does not have are left out). */
export function maskRow<T extends object>(row: T): T {
	const out = { ...row } as Record<string, unknown>;
	for (const [key, mask] of Object.entries(PERSONAL_FIELDS)) {
		if (key in out) out[key] = mask(out[key] as string | null);
	}
	return out as T;
}
