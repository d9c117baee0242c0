// words.mjs FILE - no word cut between two letters without a hyphen.
//
// At 320 CSS px (screen) every heading and table header cell, and in
// the print stylesheet at the width of A4 less its margins (170 mm,
// 643 px) every table header cell and heading: each word that the
// browser set on two lines or more must break at a soft hyphen (the
// HTML's &shy;, drawn as a hyphen), or after "-" or "/".  Prints the
// words broken and exits 1 if one was cut elsewhere.
import { launch } from './lib.mjs';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
const browser = await launch();
let bad = 0;

// In the page: for each word of the selected elements, where it
// breaks (the character before each new line) and its text.
function breaks(selector) {
	const out = [];
	for (const el of document.querySelectorAll(selector)) {
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const t = n.data;
			const re = /[^\s]+/g;
			let m;
			while ((m = re.exec(t)) !== null) {
				const r = document.createRange();
				let top = null;
				const cuts = [];
				for (let i = m.index; i < m.index + m[0].length; i++) {
					r.setStart(n, i);
					r.setEnd(n, i + 1);
					// the lowest box: a character that starts
					// a line after a soft hyphen also has one
					// at the end of the line before (the
					// hyphen drawn there)
					let box = null;
					for (const b of r.getClientRects())
						if (b.width > 0 && (box === null || b.top > box.top))
							box = b;
					// a soft hyphen not taken has no width
					if (box === null || box.width === 0)
						continue;
					const y = Math.round(box.top);
					if (top !== null && y > top + 2)
						cuts.push(i - m.index);
					top = y;
				}
				if (cuts.length > 0)
					out.push({ word: m[0], cuts });
			}
		}
	}
	return out;
}

async function check(label, opts, media, selector) {
	const page = await browser.newPage(opts);
	if (media)
		await page.emulateMedia({ media });
	await page.goto(pathToFileURL(file).href);
	const found = await page.evaluate(breaks, selector);
	for (const { word, cuts } of found) {
		const shown = [];
		let from = 0;
		for (const c of cuts) {
			// the characters before the break, soft hyphens
			// included (they sit just before the break)
			const before = word.slice(0, c);
			const ok = /[\u00AD\-\/\u2010\u2013]$/.test(before);
			shown.push(word.slice(from, c).replace(/\u00AD/g, '') + (ok ? '-|' : '|'));
			from = c;
			if (!ok) {
				bad++;
				console.log(`${label}: "${word.replace(/\u00AD/g, '')}" cut without a hyphen after "${before.replace(/\u00AD/g, '')}"`);
			}
		}
		shown.push(word.slice(from).replace(/\u00AD/g, ''));
		console.log(`${label}: broken ${shown.join('')}`);
	}
	await page.close();
}

await check('320px', { viewport: { width: 320, height: 640 } }, null,
	'h1,h2,h3,h4,h5,h6,.titlepage>p,th');
await check('print A4', { viewport: { width: 643, height: 900 } }, 'print',
	'h1,h2,h3,h4,h5,h6,th');
await browser.close();
process.exit(bad > 0 ? 1 : 0);
