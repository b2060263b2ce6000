import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`), at /usr/bin/chromium unless CRM_CHROMIUM says otherwise. */
export const CHROMIUM = process.env.CRM_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];

/** Launches headless Chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` ` +
				"(CI's .ci/run does), or point CRM_CHROMIUM at a Chromium binary."
		);
	}
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
