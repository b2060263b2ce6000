import { fail, redirect } from '@sveltejs/kit';
import { behindHttps, login } from '$lib/server/auth/login';
import { SESSION_COOKIE } from '$lib/server/auth/gate';
import type { Actions, PageServerLoad } from './$types';

/** Only paths of this site: `next` never sends a person elsewhere after signing in. */
function safeNext(raw: string | null): string {
	return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/';
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { local: locals.mode === 'local', filterFields: [] as never[] };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '').slice(0, 64);
		const password = String(form.get('password') ?? '').slice(0, 1024);
		const outcome = await login(name, password, locals.address ?? 'unknown');
		if (!outcome.ok)
			return fail(outcome.blockedSeconds ? 429 : 400, { name, blocked: outcome.blockedSeconds });
		cookies.set(SESSION_COOKIE, outcome.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: behindHttps(request, url),
			maxAge: outcome.maxAgeSeconds
		});
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
