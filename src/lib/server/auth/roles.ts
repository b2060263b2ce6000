/**
 * Who may see what in team mode (#19):
 * - leadership: aggregate pages and goals; no customer-level rows, no personal data;
 * - analyst: customer-level rows with personal data masked unless a reveal is asked for (and audited);
 * - marketer: lists, campaigns and exports with personal data;
 * - admin: everything, plus users, settings, data loading and the audit log.
 */
export const ROLES = ['leadership', 'analyst', 'marketer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** The person a request is made by; null in local mode (one person on their own machine: everything allowed). */
export interface SignedIn {
	name: string;
	role: Role;
}
