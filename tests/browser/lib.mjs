// lib.mjs - launching Debian's Chromium through playwright-core for the
// HTML tests: headless, offline, never a downloaded browser.
//
// Playwright's launch() gives Chromium a fresh temporary profile
// (--user-data-dir) of its own and removes it on close; it refuses a
// --user-data-dir in args, so none is passed here.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const testsDir = path.resolve(here, '..');
const require = createRequire(path.join(testsDir, 'package.json'));

export const CHROMIUM = process.env.PR_CHROMIUM || '/usr/bin/chromium';

export async function launch() {
	process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
	const { chromium } = require('playwright-core');
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-default-apps',
			'--disable-extensions',
		],
	});
}

export function axeSource() {
	return require('node:fs').readFileSync(
		require.resolve('axe-core/axe.min.js'), 'utf8');
}

// A context that lets only file: URLs through and records every other
// request: the page must be self-contained.
export async function offlineContext(browser, options, blocked) {
	const ctx = await browser.newContext(options);
	await ctx.route('**/*', (route) => {
		const url = route.request().url();
		if (url.startsWith('file:'))
			return route.continue();
		blocked.push(url);
		return route.abort();
	});
	return ctx;
}
