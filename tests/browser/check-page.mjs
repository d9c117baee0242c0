// check-page.mjs PAGE.html SHOTDIR NAME - holds one HTML report to what
// the report must pass, in Debian's Chromium:
//
//   - no script runs but html.c's table-region script (allowed by its
//     hash, lib.mjs scriptProblems): no other <script>, no on*
//     attribute, no javascript: address, no dialog even when every
//     link and abbreviation is hovered, no request leaves the file;
//   - every status shows a symbol (hidden from screen readers) and a
//     word, not only a colour;
//   - axe-core (WCAG 2.0/2.1 A and AA, best practices) finds nothing,
//     at 1280 px and 320 px, in the light and the dark scheme;
//   - the keyboard reaches every link and focusable region in order,
//     the skip link first, each with a visible focus indicator, and the
//     skip link leads into main;
//   - at 320 CSS px the page does not scroll sideways (WCAG 1.4.10);
//     a table that scrolls is a focusable region, and at 1280 px no
//     table is a region or a tab stop that does not scroll;
//   - the print style sheet hides the skip link and unrolls tables,
//     each as wide as the page at most;
//   - screenshots at 1280 px, 320 px, dark and forced colours go to
//     SHOTDIR/NAME-*.png (whole page) and NAME-*-top.png (first
//     screen) for a person to look at.
//
// Prints each problem and exits 1 if there is any.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, axeSource, offlineContext, scriptProblems } from './lib.mjs';

const [file, shotDir, name] = process.argv.slice(2);
if (!file || !shotDir || !name) {
	console.error('usage: check-page.mjs PAGE.html SHOTDIR NAME');
	process.exit(2);
}
const url = pathToFileURL(path.resolve(file)).href;
fs.mkdirSync(shotDir, { recursive: true });

let problems = 0;
function fail(msg) {
	console.log(`FAIL ${name}: ${msg}`);
	problems++;
}
function note(msg) {
	console.log(`     ${name}: ${msg}`);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const blocked = [];
const dialogs = [];
const cspErrors = [];

function watch(page) {
	page.on('dialog', async (d) => {
		dialogs.push(`${d.type()}: ${d.message()}`);
		await d.dismiss().catch(() => {});
	});
	page.on('console', (m) => {
		if (m.type() === 'error')
			cspErrors.push(m.text());
	});
	page.on('pageerror', (e) => cspErrors.push(String(e)));
}

// --- 1. nothing runs ---------------------------------------------------
async function checkInert(browser) {
	// The page's own Content-Security-Policy stays in force here.
	const ctx = await offlineContext(browser,
		{ viewport: { width: 1280, height: 900 } }, blocked);
	const page = await ctx.newPage();
	watch(page);
	await page.goto(url, { waitUntil: 'load' });
	const found = await page.evaluate(() => {
		const out = { scripts: 0, handlers: [], jsUrls: [], iframes: 0 };
		out.scripts = document.querySelectorAll('script').length;
		out.iframes = document.querySelectorAll(
			'iframe, object, embed, frame').length;
		for (const el of document.querySelectorAll('*')) {
			for (const a of el.attributes) {
				if (/^on/i.test(a.name))
					out.handlers.push(`${el.localName}[${a.name}]`);
				if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) &&
				    /^\s*(javascript|data|vbscript):/i.test(a.value))
					out.jsUrls.push(`${el.localName}[${a.name}=${a.value}]`);
			}
		}
		return out;
	});
	for (const p of await scriptProblems(page))
		fail(p);
	// A status is told by symbol and word, never by colour alone.
	const statuses = await page.evaluate(() => [...document.querySelectorAll('.status')]
		.map((el) => {
			const sym = el.querySelector('.status-symbol');
			const word = [...el.childNodes].filter((c) => c !== sym)
				.map((c) => c.textContent).join('').trim();
			return { sym: sym ? sym.textContent.trim() : '',
				hidden: sym ? sym.getAttribute('aria-hidden') : null, word };
		}));
	for (const st of statuses.filter((x) => !x.sym || !x.word || x.hidden !== 'true'))
		fail(`a status without symbol and word: ${JSON.stringify(st)}`);
	if (found.iframes)
		fail(`${found.iframes} embedded frame(s) or object(s) in the page`);
	for (const h of found.handlers)
		fail(`event handler attribute ${h}`);
	for (const j of found.jsUrls)
		fail(`script address ${j}`);
	// Hover and focus everything a hostile attribute could hang on.
	const targets = await page.$$('a, abbr, span, th, td, p, li, h1, h2, h3, title');
	for (const t of targets.slice(0, 150)) {
		await t.hover({ timeout: 500, force: true }).catch(() => {});
	}
	await page.waitForTimeout(100);
	for (const d of dialogs)
		fail(`a dialog opened: ${d}`);
	await ctx.close();
}

// --- 2. axe-core -------------------------------------------------------
async function runAxe(page, label) {
	await page.evaluate(axeSource());
	const res = await page.evaluate(async (tags) => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations'],
		});
		return {
			violations: r.violations.map((v) => ({
				id: v.id, impact: v.impact, help: v.help,
				nodes: v.nodes.slice(0, 5).map((n) =>
					`${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
				count: v.nodes.length,
			})),
			incomplete: r.incomplete.map((v) => `${v.id} (${v.nodes.length}: ` +
				`${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`),
		};
	}, AXE_TAGS);
	for (const v of res.violations) {
		fail(`axe ${label}: ${v.id} (${v.impact}, ${v.count} nodes): ${v.help}`);
		for (const n of v.nodes)
			console.log(`       ${n}`);
	}
	if (res.incomplete.length)
		note(`axe ${label}: to review by hand: ${res.incomplete.join(', ')}`);
}

async function checkAxe(browser) {
	const variants = [
		{ label: 'light 1280px', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
		{ label: 'dark 1280px', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
		{ label: 'light 320px', viewport: { width: 320, height: 640 }, colorScheme: 'light' },
	];
	for (const v of variants) {
		const ctx = await offlineContext(browser, {
			viewport: v.viewport, colorScheme: v.colorScheme, bypassCSP: true,
		}, blocked);
		const page = await ctx.newPage();
		await page.goto(url, { waitUntil: 'load' });
		await runAxe(page, v.label);
		await ctx.close();
	}
}

// --- 3. keyboard -------------------------------------------------------
async function checkKeyboard(browser) {
	const ctx = await offlineContext(browser,
		{ viewport: { width: 1280, height: 900 } }, blocked);
	const page = await ctx.newPage();
	await page.goto(url, { waitUntil: 'load' });
	// Everything that should be in the tab order, in document order, and
	// how each looks without focus.
	const expected = await page.evaluate(() => {
		const sel = 'a[href], area[href], button, input, select, textarea, ' +
			'summary, [tabindex]:not([tabindex="-1"])';
		const list = [];
		for (const el of document.querySelectorAll(sel)) {
			if (el.tabIndex < 0 || el.disabled)
				continue;
			const cs = getComputedStyle(el);
			if (cs.visibility === 'hidden' || cs.display === 'none')
				continue;
			el.dataset.kb = String(list.length);
			list.push({
				desc: `${el.localName}${el.className ? '.' + el.className.split(' ')[0] : ''}` +
					` "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`,
				outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
				shadow: cs.boxShadow,
			});
		}
		return list;
	});
	note(`${expected.length} focusable elements`);
	if (expected.length === 0)
		fail('nothing on the page can take keyboard focus, not even a skip link');
	const seen = [];
	for (let i = 0; i < expected.length + 1; i++) {
		await page.keyboard.press('Tab');
		const f = await page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body)
				return null;
			const cs = getComputedStyle(el);
			const r = el.getBoundingClientRect();
			const bg = (() => {
				for (let e = el; e; e = e.parentElement) {
					const c = getComputedStyle(e).backgroundColor;
					if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent')
						return c;
				}
				return 'rgb(255, 255, 255)';
			})();
			return {
				kb: el.dataset.kb, cls: el.className,
				outlineStyle: cs.outlineStyle,
				outlineWidth: parseFloat(cs.outlineWidth),
				outlineColor: cs.outlineColor,
				outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
				shadow: cs.boxShadow, bg,
				inView: r.bottom > 0 && r.top < innerHeight && r.width > 0 && r.height > 0,
			};
		});
		if (f === null || f.kb === undefined)
			break;
		seen.push(f);
	}
	if (seen.length === 0) {
		fail('Tab reaches nothing');
	} else if (!/skip-link/.test(seen[0].cls)) {
		fail(`the first Tab stop is not the skip link but ${expected[seen[0].kb]?.desc}`);
	}
	const order = seen.map((s) => Number(s.kb));
	for (let i = 0; i < expected.length; i++) {
		if (order[i] !== i) {
			fail(`Tab stop ${i + 1} is ${order[i] === undefined ? 'nothing'
				: expected[order[i]].desc}, expected ${expected[i].desc}`);
			break;
		}
	}
	const rgb = (s) => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
	const lum = ([r, g, b]) => [r, g, b].map((v) => {
		v /= 255;
		return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	}).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
	const ratio = (a, b) => {
		const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
		return (x + 0.05) / (y + 0.05);
	};
	for (const s of seen) {
		const e = expected[s.kb];
		const outlined = s.outlineStyle !== 'none' && s.outlineWidth >= 2 &&
			s.outline !== e.outline;
		const shadowed = s.shadow !== 'none' && s.shadow !== e.shadow;
		if (!outlined && !shadowed)
			fail(`no visible focus indicator on ${e.desc} (outline ${s.outline}, unfocused ${e.outline})`);
		else if (outlined && ratio(s.outlineColor, s.bg) < 3)
			fail(`the focus outline of ${e.desc} has contrast ${ratio(s.outlineColor, s.bg).toFixed(2)}:1 < 3:1`);
		if (!s.inView)
			fail(`${e.desc} has focus but is not in view`);
	}
	// The skip link leads into main: Tab after following it lands on the
	// first focusable element inside main.
	await page.goto(url, { waitUntil: 'load' });
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	const after = await page.evaluate(() => {
		const el = document.activeElement;
		const first = document.querySelector(
			'main a[href], main [tabindex]:not([tabindex="-1"])');
		return { inMain: !!el && !!el.closest('main'), isFirst: el === first,
			hash: location.hash, hasFirst: !!first };
	});
	if (after.hasFirst && !(after.inMain && after.isFirst))
		fail(`after the skip link, Tab does not reach the first focusable element in main (hash ${after.hash})`);
	await ctx.close();
}

// --- 4. reflow, print and screenshots -----------------------------------
async function checkLayout(browser) {
	const shots = [
		{ file: '1280', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
		{ file: '320', viewport: { width: 320, height: 640 }, colorScheme: 'light' },
		{ file: 'dark-1280', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
		{ file: 'dark-320', viewport: { width: 320, height: 640 }, colorScheme: 'dark' },
		{ file: 'forced-1280', viewport: { width: 1280, height: 900 }, colorScheme: 'dark',
			forcedColors: 'active' },
	];
	for (const s of shots) {
		const ctx = await offlineContext(browser, {
			viewport: s.viewport, colorScheme: s.colorScheme,
			forcedColors: s.forcedColors || 'none',
		}, blocked);
		const page = await ctx.newPage();
		await page.goto(url, { waitUntil: 'load' });
		const m = await page.evaluate(() => {
			const de = document.documentElement;
			const wide = [];
			for (const el of document.querySelectorAll('main *')) {
				const r = el.getBoundingClientRect();
				if (r.right > de.clientWidth + 1 && !el.closest('.table-wrap'))
					wide.push(`${el.localName}${el.getAttribute('class') ? '.' + el.getAttribute('class') : ''} (${Math.round(r.right)}px)`);
			}
			// Tables and charts alike scroll in their own region.
			const regions = [...document.querySelectorAll('.table-wrap, .chart-scroll')];
			return {
				scrollWidth: Math.max(de.scrollWidth, document.body.scrollWidth),
				clientWidth: de.clientWidth,
				wide: wide.slice(0, 5),
				scrolling: regions.filter((r) => r.scrollWidth > r.clientWidth).length,
				unreachable: regions.filter((r) => r.scrollWidth > r.clientWidth &&
					r.tabIndex < 0).length,
				idle: regions.filter((r) => r.scrollWidth <= r.clientWidth &&
					(r.tabIndex >= 0 || r.hasAttribute('role')))
					.map((r) => (r.querySelector('caption') ||
						r.closest('figure')?.querySelector('figcaption'))
						?.textContent.slice(0, 50)),
			};
		});
		if (m.scrollWidth > m.clientWidth)
			fail(`at ${s.viewport.width}px (${s.file}) the page scrolls sideways: ` +
				`${m.scrollWidth} > ${m.clientWidth}; too wide: ${m.wide.join(', ')}`);
		if (m.unreachable)
			fail(`${m.unreachable} scrolling table or chart region(s) cannot take focus`);
		if (/1280/.test(s.file) && m.idle.length)
			fail(`at ${s.file}, ${m.idle.length} table(s) or chart(s) that do not scroll are ` +
				`focusable regions: ${m.idle.slice(0, 3).join('; ')}`);
		if (s.file === '320')
			note(`at 320px, ${m.scrolling} table(s) and chart(s) scroll in their own region`);
		const out = path.join(shotDir, `${name}-${s.file}.png`);
		// The screenshots are for a person to look at, not checks: a
		// very tall page on a busy machine sometimes cannot be
		// captured whole (Chromium's "Unable to capture screenshot"),
		// so it is tried twice and then only noted.
		for (let tries = 1; ; tries++) {
			try {
				await page.screenshot({ path: out, fullPage: true });
				break;
			} catch (e) {
				if (tries === 2) {
					note(`at ${s.file}: no full-page screenshot (${e.message.split('\n')[0]})`);
					break;
				}
				await page.waitForTimeout(1000);
			}
		}
		// The first screen alone, readable at full size.
		await page.screenshot({ path: out.replace(/\.png$/, '-top.png') });
		await ctx.close();
	}
	// Print: the skip link is gone and tables are not cut off.  643 CSS
	// px is the width of an A4 page less the style sheet's 2 cm margins.
	const ctx = await offlineContext(browser, { viewport: { width: 643, height: 1000 } }, blocked);
	const page = await ctx.newPage();
	await page.goto(url, { waitUntil: 'load' });
	await page.emulateMedia({ media: 'print' });
	const p = await page.evaluate(() => ({
		skip: getComputedStyle(document.querySelector('.skip-link') || document.body).display,
		overflow: [...document.querySelectorAll('.table-wrap')]
			.map((e) => getComputedStyle(e).overflowX),
		wide: [...document.querySelectorAll('table')]
			.filter((t) => t.getBoundingClientRect().right >
				document.documentElement.clientWidth + 1)
			.map((t) => (t.caption ? t.caption.textContent : t.rows[0]?.textContent || '')
				.trim().slice(0, 40)),
	}));
	if (p.skip !== 'none')
		fail('the print style sheet shows the skip link');
	if (p.overflow.some((o) => o !== 'visible'))
		fail('the print style sheet leaves tables in scroll regions');
	for (const w of p.wide)
		fail(`printed, the table "${w}" is wider than the page`);
	await ctx.close();
}

const browser = await launch();
try {
	await checkInert(browser);
	await checkAxe(browser);
	await checkKeyboard(browser);
	await checkLayout(browser);
} catch (e) {
	fail(`the check itself failed: ${e.stack || e}`);
} finally {
	await browser.close();
}
for (const b of [...new Set(blocked)])
	fail(`the page asked for ${b}; it must be self-contained`);
for (const c of [...new Set(cspErrors)])
	fail(`the browser reported: ${c}`);
console.log(`${name}: ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
