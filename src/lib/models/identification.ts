/**
 * The prefix of a stored fit's message when the fit converged but is poorly identified (a flat likelihood); the
 * reasons follow it. Shared by the server, which writes it, and the Models page, which shows a badge for it.
 */
export const POORLY_IDENTIFIED = 'poorly identified';
