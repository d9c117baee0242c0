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

// The one script a report may hold: html.c's table-region script,
// inline, allowed by its SHA-256 in the page's Content-Security-Policy
// and by nothing else (no 'unsafe-inline', no source, no other hash).
// Returns the problems found, as text.
export async function scriptProblems(page) {
	const { createHash } = await import('node:crypto');
	const r = await page.evaluate(() => ({
		csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')
			?.getAttribute('content') || '',
		scripts: [...document.querySelectorAll('script')].map((s) => ({
			attrs: [...s.attributes].map((a) => a.name), text: s.textContent })),
	}));
	const out = [];
	const m = r.csp.match(/(?:^|;)\s*script-src\s+([^;]*)/);
	const allowed = m ? m[1].trim().split(/\s+/) : [];
	if (!/(?:^|;)\s*default-src 'none'/.test(r.csp))
		out.push(`the Content-Security-Policy does not forbid by default: ${r.csp}`);
	if (allowed.length > 1 || allowed.some((a) => !/^'(none|sha256-[A-Za-z0-9+/=]+)'$/.test(a)))
		out.push(`scripts allowed beyond one hash: script-src ${allowed.join(' ')}`);
	if (r.scripts.length > 1)
		out.push(`${r.scripts.length} script elements in the page`);
	for (const s of r.scripts) {
		const h = `'sha256-${createHash('sha256').update(s.text, 'utf8').digest('base64')}'`;
		if (s.attrs.length)
			out.push(`a script element with attributes ${s.attrs.join(' ')}`);
		if (!allowed.includes(h))
			out.push(`a script the policy does not name: ${s.text.slice(0, 60)}`);
		if (!s.text.includes('.table-wrap'))
			out.push(`a script that is not the table-region script: ${s.text.slice(0, 60)}`);
	}
	return out;
}
