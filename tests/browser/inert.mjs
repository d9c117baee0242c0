// inert.mjs PAGE.html TEXT... - a page built from hostile inputs shows
// each TEXT literally and runs nothing of its own: no script element but
// html.c's table-region script (lib.mjs scriptProblems), no event
// handler attribute, no javascript: address, no dialog while every
// element is hovered and focused, no request leaving the file.  The
// check runs with the page's Content-Security-Policy bypassed, so that
// it tests the escaping, not only the policy behind it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, offlineContext, scriptProblems } from './lib.mjs';

const [file, ...texts] = process.argv.slice(2);
if (!file) {
	console.error('usage: inert.mjs PAGE.html TEXT...');
	process.exit(2);
}
let problems = 0;
const fail = (m) => { console.log(`FAIL: ${m}`); problems++; };
const blocked = [];
const dialogs = [];

const browser = await launch();
try {
	const ctx = await offlineContext(browser,
		{ viewport: { width: 1280, height: 900 }, bypassCSP: true }, blocked);
	const page = await ctx.newPage();
	page.on('dialog', async (d) => {
		dialogs.push(`${d.type()}: ${d.message()}`);
		await d.dismiss().catch(() => {});
	});
	await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
	const r = await page.evaluate((want) => {
		const out = { scripts: document.querySelectorAll('script').length,
			handlers: [], urls: [], missing: [] };
		for (const el of document.querySelectorAll('*'))
			for (const a of el.attributes) {
				if (/^on/i.test(a.name))
					out.handlers.push(`${el.localName}[${a.name}]`);
				if (/^(href|src|action|xlink:href)$/i.test(a.name) &&
				    !/^(https?:|mailto:|#)/i.test(a.value.trim()))
					out.urls.push(`${el.localName}[${a.name}=${a.value}]`);
			}
		// Soft hyphens in long words are no part of what a reader sees.
		const text = document.body.innerText.replace(/\u00ad/g, '').replace(/\s+/g, ' ');
		for (const t of want)
			if (!text.includes(t))
				out.missing.push(t);
		return out;
	}, texts);
	for (const p of await scriptProblems(page))
		fail(p);
	r.handlers.forEach((h) => fail(`event handler attribute ${h}`));
	r.urls.forEach((u) => fail(`address with a scheme not allowed: ${u}`));
	r.missing.forEach((t) => fail(`the page does not show the text ${JSON.stringify(t)}`));
	// Hover what a handler would hang on: the elements showing the
	// planted text (innermost first) and the links and abbreviations.
	await page.evaluate((want) => {
		let k = 0;
		for (const el of document.querySelectorAll('body *')) {
			const own = [...el.childNodes].filter((c) => c.nodeType === 3)
				.map((c) => c.textContent).join('');
			if (want.some((t) => own.includes(t.slice(0, 12))) ||
			    (/^(a|abbr)$/.test(el.localName) && k < 150)) {
				el.dataset.hover = '1';
				k++;
			}
		}
	}, texts);
	for (const el of await page.$$('[data-hover]')) {
		await el.hover({ timeout: 300, force: true }).catch(() => {});
	}
	for (let i = 0; i < 200; i++)
		await page.keyboard.press('Tab');
	await page.waitForTimeout(200);
	dialogs.forEach((d) => fail(`a dialog opened: ${d}`));
	await ctx.close();
} catch (e) {
	fail(`the check itself failed: ${e.stack || e}`);
} finally {
	await browser.close();
}
blocked.forEach((b) => fail(`the page asked for ${b}`));
console.log(`${problems} problem(s)`);
process.exit(problems ? 1 : 0);
