/**
 * Personal data in lists: a person sees who a row is (the id) and enough of the contact to recognise it, but not
 * the address itself, unless they ask for it. The full values are only sent for the one customer a person opened.
 */

/** "lan.nguyen@gmail.com" -> "l•••n@gmail.com"; the domain stays so a person can tell work from private mail. */
export function maskEmail(email: string | null | undefined): string | null {
	if (!email) return null;
	const at = email.lastIndexOf('@');
	if (at <= 0) return '•••';
	const local = email.slice(0, at);
	const shown = local.length <= 2 ? local.slice(0, 1) : `${local.slice(0, 1)}•••${local.slice(-1)}`;
	return `${shown}@${email.slice(at + 1)}`;
}

/** "+84912345678" -> "+84•••••678": the country code and the last three digits. */
export function maskPhone(phone: string | null | undefined): string | null {
	if (!phone) return null;
	const digits = phone.replace(/\D/g, '');
	if (digits.length <= 5) return '•••';
	const country = phone.startsWith('+84') ? '+84' : phone.startsWith('+') ? `+${digits.slice(0, 2)}` : '';
	return `${country}•••••${digits.slice(-3)}`;
}

/** "Nguyễn Thị Lan" -> "N. T. L." */
export function maskName(name: string | null | undefined): string | null {
	if (!name) return null;
	return name
		.trim()
		.split(/\s+/)
		.map((w) => `${[...w][0] ?? ''}.`)
		.join(' ');
}
