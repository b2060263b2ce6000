/**
 * Replaces {name} placeholders; unknown placeholders stay visible so a missing parameter is noticed. Its own module:
 * the browser's t() needs it without the catalogues (catalog.ts holds both languages and stays on the server).
 */
export function interpolate(text: string, params?: Record<string, string | number>): string {
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
