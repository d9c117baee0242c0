// pdfjs-struct.mjs FILE.pdf - the structure tree as pdf.js reads it.
//
// Firefox's PDF viewer gives assistive technology what pdf.js's
// page.getStructTree() returns, joined to the text of each marked-content
// sequence from getTextContent({includeMarkedContent: true}).  This
// prints, in reading order, the headings, tables and figures found that
// way, one per line, in the format of pdfcheck.py --list:
//     H<n> heading text
//     Table rows=<number of TR elements>
//     Figure <alt text>
// pdf.js builds one tree per page from the ParentTree, holding only the
// elements with content on that page, and does not say which element of
// the file a node is.  A table continued on the next page therefore
// appears once per page.  A Table that ends one page, followed by a Table
// that opens the next without column headers (no THead, first row not
// all TH: its header row was repeated as an artifact), is taken as one
// element and their rows added; a Table that opens with its headers is a
// new one.  (A continued table whose first row on the new page holds
// only TH cells would be miscounted; pdfcheck.py --tables, which reads
// the objects themselves, is the exact check.)
// Exit status: 0, or 1 if the file cannot be read or has no structure.
import { readFile } from "node:fs/promises";

// pdf.js looks for DOMMatrix and Path2D (from the optional "canvas"
// package, which cannot be built here) and prints a warning into our
// output when they are missing.  This script reads structure and text
// and never renders, so stand-ins that refuse to be used are enough; any
// warning pdf.js still prints is about the file and fails the comparison.
for (const name of ["DOMMatrix", "Path2D"]) {
	globalThis[name] ??= class {
		constructor() {
			throw new Error(`pdfjs-struct.mjs does not render (${name})`);
		}
	};
}
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

function textById(content) {
	const text = new Map();
	const open = [];
	for (const item of content.items) {
		if (item.type === "beginMarkedContentProps" ||
		    item.type === "beginMarkedContent") {
			open.push(item.id || null);
			if (item.id && !text.has(item.id))
				text.set(item.id, "");
		} else if (item.type === "endMarkedContent") {
			open.pop();
		} else if (typeof item.str === "string") {
			const id = open.findLast((x) => x !== null);
			if (id)
				text.set(id, text.get(id) + item.str +
				    (item.hasEOL ? " " : ""));
		}
	}
	return text;
}

function nodeText(node, text) {
	if (node.type === "content")
		return (text.get(node.id) || "").trim();
	return (node.children || []).map((k) => nodeText(k, text))
	    .filter((s) => s !== "").join(" ");
}

function rows(node) {
	let n = 0;
	for (const k of node.children || []) {
		if (k.role === "TR")
			n++;
		else if (["THead", "TBody", "TFoot"].includes(k.role))
			n += rows(k);
	}
	return n;
}

// Does this page's part of a table open with its column headers (a THead,
// or a first row of TH cells only)?  A continued table does not: its
// header row is repeated as an artifact, outside the structure.
function opensWithHeader(node) {
	for (const k of node.children || []) {
		if (k.role === "Caption")
			continue;
		if (k.role === "THead")
			return true;
		if (k.role === "TBody" || k.role === "TFoot")
			return opensWithHeader(k);
		if (k.role === "TR") {
			const cells = (k.children || []).filter((c) => c.role);
			return cells.length > 0 &&
			    cells.every((c) => c.role === "TH");
		}
		return false;
	}
	return false;
}

function outline(node, text, out) {
	const role = node.role;
	if (/^H[1-6]?$/.test(role || "")) {
		out.push({ line: `${role} ${nodeText(node, text)}` });
	} else if (role === "Table") {
		out.push({ table: true, rows: rows(node),
		    header: opensWithHeader(node) });
	} else if (role === "Figure") {
		out.push({ line: `Figure ${node.alt || ""}` });
	}
	for (const k of node.children || [])
		if (k.type !== "content" && k.type !== "annotation" &&
		    k.type !== "object")
			outline(k, text, out);
	return out;
}

async function main() {
	if (process.argv.length !== 3) {
		console.error("usage: pdfjs-struct.mjs FILE.pdf");
		process.exit(2);
	}
	const data = new Uint8Array(await readFile(process.argv[2]));
	const doc = await getDocument({ data, isEvalSupported: false,
	    disableFontFace: true, useSystemFonts: false, verbosity: 0 })
	    .promise;
	const items = [];
	let any = false;
	for (let p = 1; p <= doc.numPages; p++) {
		const page = await doc.getPage(p);
		const tree = await page.getStructTree();
		if (!tree)
			continue;
		any = true;
		const text = textById(await page.getTextContent(
		    { includeMarkedContent: true }));
		const here = outline(tree, text, []);
		if (here.length && here[0].table && !here[0].header &&
		    items.length && items[items.length - 1].table) {
			items[items.length - 1].rows += here[0].rows;
			here.shift();
		}
		items.push(...here);
	}
	if (!any) {
		console.error(`${process.argv[2]}: no structure tree`);
		process.exit(1);
	}
	for (const it of items)
		console.log(it.table ? `Table rows=${it.rows}` : it.line);
}

main().catch((e) => {
	console.error(`${process.argv[2]}: ${e.message || e}`);
	process.exit(1);
});
