// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedIn } from '$lib/server/auth/roles';
import type { Mode } from '$lib/server/auth/mode';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** Who is signed in (team mode); null in local mode (auth/gate.ts). */
			user: SignedIn | null;
			mode: Mode;
			/** The client's address, for the audit log. */
			address: string;
		}
	}
}

export {};
