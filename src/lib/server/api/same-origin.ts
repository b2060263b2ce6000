/**
 * Why a request that changes something does not come from a page of this site, or null when it does (or comes from
 * a client that is not a browser: those send no Origin). Browsers send Origin with every POST/PUT/DELETE, and
 * SvelteKit's own check covers only form content types; JSON and raw bodies are checked here.
 *
 * The host (name and port) is compared, not the scheme: adapter-node takes the scheme to be https unless ORIGIN or
 * PROTOCOL_HEADER say otherwise, while the browser on http://127.0.0.1:3000 sends Origin http://127.0.0.1:3000.
 */
export function crossOriginReason(request: Request, url: URL): string | null {
	const origin = request.headers.get('origin');
	if (origin !== null) {
		let host: string | null = null;
		try {
			host = new URL(origin).host;
		} catch {
			/* "null" (a sandboxed frame, a file) or garbage: not this site */
		}
		if (host !== url.host)
			return `cross-origin request refused: Origin ${origin} is not this site (${url.host})`;
	}
	const site = request.headers.get('sec-fetch-site');
	if (site !== null && site !== 'same-origin' && site !== 'none') {
		return `cross-origin request refused: Sec-Fetch-Site is ${site}`;
	}
	return null;
}

/** Methods that only read. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
