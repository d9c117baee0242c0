/*
 * doc_validate.c - the pass between building the document tree and
 * rendering it, after mandoc's mdoc_validate.c: whatever both outputs
 * rely on is established here once, so that pdf.c and html.c only
 * assert.
 *
 * Normalises:
 *   - adjacent TEXT nodes are merged, empty ones and empty paragraphs
 *     dropped;
 *   - every section gets a unique anchor id (from its heading text
 *     unless the template set one).
 * Checks (errors, at the node's source position):
 *   - the document has a title and a well-formed language tag;
 *   - a section starts with its heading, which is not empty, and
 *     heading levels go down one at a time (PDF/UA, WCAG 1.3.1);
 *   - figures have alt text and a drawing; tables have rows of equal
 *     length and a header row or header column;
 *   - links use http:, https: or mailto:, or point at an existing
 *     #anchor, and have text; language spans carry a valid tag;
 *     abbreviations an expansion;
 *   - text is valid UTF-8 without control characters and within the
 *     Basic Multilingual Plane, which is all the fonts can show.
 */
#include "doc_validate.h"
#include "i18n.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct vstate {
	struct pr_doc *doc;
	struct strmap ids;
	bool ok;
};

static void verr(struct vstate *, const struct pr_node *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
verr(struct vstate *st, const struct pr_node *n, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, _(fmt), ap);
	va_end(ap);
	diag_error(&n->pos, "%s", b.data);
	buf_free(&b);
	st->ok = false;
}

/* BCP 47 in the form the reports use: "de", "en-GB", "de-CH-1996". */
static bool
lang_valid(const char *s)
{
	size_t i = 0, n;

	if (s == NULL)
		return false;
	for (n = 0; isalpha((unsigned char)s[i]); i++, n++)
		;
	if (n < 2 || n > 3)
		return false;
	while (s[i] == '-') {
		i++;
		for (n = 0; isalnum((unsigned char)s[i]); i++, n++)
			;
		if (n < 1 || n > 8)
			return false;
	}
	return s[i] == '\0';
}

static void
check_text(struct vstate *st, const struct pr_node *n)
{
	const char *s = n->u.text.text;
	unsigned cp;
	int len;

	while ((len = utf8_decode(s, &cp)) > 0) {
		/* A line feed has become a space or a line break by now. */
		if (cp_classify(cp) != CP_SHOWN || cp == '\n') {
			struct buf b;

			buf_init(&b);
			cp_describe(&b, cp, NULL);
			verr(st, n, "%s", b.data);
			buf_free(&b);
			return;
		}
		s += len;
	}
	if (len < 0)
		verr(st, n, "%s", "the text is not valid UTF-8");
}

/* Merges adjacent text, drops empty text and empty paragraphs. */
static void
normalise(struct pr_doc *doc, struct pr_node *root)
{
	struct pr_node *n, *next;

	for (n = root->first; n != NULL; n = next) {
		next = n->next;
		if (n->type == PR_TEXT) {
			while (next != NULL && next->type == PR_TEXT) {
				struct pr_node *m = next;
				struct buf b;

				next = m->next;
				buf_init(&b);
				buf_puts(&b, n->u.text.text);
				buf_puts(&b, m->u.text.text);
				n->u.text.text = pr_strdup(doc, b.data);
				buf_free(&b);
				pr_node_unlink(m);
			}
			if (n->u.text.text[0] == '\0')
				pr_node_unlink(n);
			continue;
		}
		normalise(doc, n);
		if (n->type == PR_PARA && n->first == NULL)
			pr_node_unlink(n);
	}
}

/* "Änderungen seit 2025" -> "aenderungen-seit-2025". */
static void
slug(const struct pr_node *heading, struct buf *out)
{
	static const struct {
		unsigned cp;
		const char *s;
	} fold[] = {{0xE4, "ae"}, {0xF6, "oe"}, {0xFC, "ue"}, {0xDF, "ss"},
	            {0xC4, "ae"}, {0xD6, "oe"}, {0xDC, "ue"}};
	struct buf text;
	const char *s;
	unsigned cp;
	int len;
	bool dash = false;

	buf_init(&text);
	pr_node_text(heading, &text);
	for (s = text.data ? text.data : ""; (len = utf8_decode(s, &cp)) > 0;
	     s += len) {
		const char *rep = NULL;
		size_t i;

		for (i = 0; i < sizeof(fold) / sizeof(fold[0]); i++)
			if (fold[i].cp == cp)
				rep = fold[i].s;
		if (rep != NULL || (cp < 0x80 && isalnum((int)cp))) {
			if (dash && out->len > 0)
				buf_putc(out, '-');
			dash = false;
			if (rep)
				buf_puts(out, rep);
			else
				buf_putc(out, tolower((int)cp));
		} else
			dash = true;
		if (out->len > 60)
			break;
	}
	if (out->len == 0)
		buf_puts(out, "abschnitt");
	buf_free(&text);
}

static void
assign_ids(struct vstate *st)
{
	struct pr_iter it;
	struct buf b;

	/* Template-given ids first, so generated ones avoid them. */
	pr_iter_init(&it, st->doc->root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		struct pr_node *n = (struct pr_node *)it.cur;

		if (it.ev != PR_EV_ENTER || n->type != PR_SECTION ||
		    n->u.sect.id == NULL)
			continue;
		if (strmap_put(&st->ids, n->u.sect.id, n) != NULL)
			verr(st, n, "the anchor \"%s\" is used twice",
			     n->u.sect.id);
	}
	buf_init(&b);
	pr_iter_init(&it, st->doc->root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		struct pr_node *n = (struct pr_node *)it.cur;
		size_t base;
		int k;

		if (it.ev != PR_EV_ENTER || n->type != PR_SECTION ||
		    n->u.sect.id != NULL || n->first == NULL ||
		    n->first->type != PR_HEADING)
			continue;
		buf_reset(&b);
		slug(n->first, &b);
		base = b.len;
		for (k = 2; strmap_get(&st->ids, b.data) != NULL; k++) {
			b.len = base;
			buf_printf(&b, "-%d", k);
		}
		n->u.sect.id = pr_strdup(st->doc, b.data);
		n->first->u.sect.id = n->u.sect.id;
		strmap_put(&st->ids, n->u.sect.id, n);
	}
	buf_free(&b);
}

static void
check_section(struct vstate *st, const struct pr_node *n)
{
	const struct pr_node *p;
	int want = 1;
	struct buf b;

	for (p = n->parent; p != NULL; p = p->parent)
		if (p->type == PR_SECTION) {
			want = p->u.sect.level + 1;
			break;
		}
	if (n->first == NULL || n->first->type != PR_HEADING) {
		verr(st, n, "%s", "a section must begin with its heading");
		return;
	}
	if (n->u.sect.level != want || n->first->u.sect.level != want) {
		char msg[128];

		snprintf(msg, sizeof(msg),
		         "a heading of level %d follows level %d; heading "
		         "levels may go down only one at a time",
		         n->u.sect.level, want - 1);
		verr(st, n->first, "%s", msg);
	}
	buf_init(&b);
	pr_node_text(n->first, &b);
	if (b.len == 0 || strspn(b.data, " ") == b.len)
		verr(st, n->first, "%s", "a heading must not be empty");
	buf_free(&b);
}

static void
check_table(struct vstate *st, const struct pr_node *n)
{
	const struct pr_node *r, *c;
	int ncols = -1, rows = 0;
	bool has_th = false;

	for (r = n->first; r != NULL; r = r->next) {
		int k = 0;

		if (r->type != PR_ROW)
			continue;
		rows++;
		for (c = r->first; c != NULL; c = c->next, k++)
			if (c->u.cell.header)
				has_th = true;
		if (ncols < 0)
			ncols = k;
		else if (k != ncols) {
			verr(st, r, "%s",
			     "every row of a table must have as many cells "
			     "as the first");
			return;
		}
	}
	if (rows == 0 || ncols <= 0)
		verr(st, n, "%s", "a table must have at least one cell");
	else if (!has_th)
		verr(st, n, "%s",
		     "a table needs a header row or header column");
}

static void
check_link(struct vstate *st, const struct pr_node *n)
{
	const char *u = n->u.link.url;
	struct buf b;

	if (u == NULL || u[0] == '\0')
		verr(st, n, "%s", "a link needs an address");
	else if (u[0] == '#') {
		if (strmap_get(&st->ids, u + 1) == NULL)
			verr(st, n,
			     "the link target \"%s\" is no heading's "
			     "anchor in this report",
			     u);
	} else if (!pr_link_scheme_ok(u))
		verr(st, n,
		     "the link address \"%s\" is not allowed; use https:, "
		     "http:, mailto: or #anchor",
		     u);
	buf_init(&b);
	pr_node_text(n, &b);
	if (b.len == 0)
		verr(st, n, "%s", "a link must have text");
	buf_free(&b);
}

bool
doc_validate(struct pr_doc *doc)
{
	struct vstate st = {doc, {0}, true};
	struct pr_iter it;
	struct src_pos nopos = {NULL, 0, 0};

	strmap_init(&st.ids);
	if (doc->title == NULL || doc->title[0] == '\0') {
		diag_error(&nopos, "the report has no title (settings: "
		                   "title)");
		st.ok = false;
	}
	if (!lang_valid(doc->lang)) {
		diag_error(&nopos,
		           "the report's language \"%s\" is not a "
		           "language tag such as de or en",
		           doc->lang ? doc->lang : "");
		st.ok = false;
	}
	normalise(doc, doc->root);
	assign_ids(&st);

	pr_iter_init(&it, doc->root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *n = it.cur;

		/* A tree of thousands of milestones takes a while; main.c
		 * reports the stop. */
		if (pr_stop_signal() != 0) {
			st.ok = false;
			break;
		}
		if (it.ev != PR_EV_ENTER)
			continue;
		switch (n->type) {
		case PR_SECTION:
			check_section(&st, n);
			break;
		case PR_HEADING:
			if (n->parent->type != PR_SECTION ||
			    n->parent->first != n)
				verr(&st, n, "%s",
				     "a heading must open a section");
			break;
		case PR_TABLE:
			check_table(&st, n);
			break;
		case PR_FIGURE:
			if (n->u.figure.alt == NULL ||
			    n->u.figure.alt[0] == '\0')
				verr(&st, n, "%s",
				     "a figure needs a text alternative");
			if (n->first == NULL || n->first->type != PR_DRAWING)
				verr(&st, n, "%s",
				     "a figure must begin with its drawing");
			break;
		case PR_LINK:
			check_link(&st, n);
			break;
		case PR_LANG:
			if (!lang_valid(n->u.lang.lang))
				verr(&st, n,
				     "\"%s\" is not a language tag such as "
				     "en or fr",
				     n->u.lang.lang);
			break;
		case PR_ABBR:
			if (n->u.abbr.expansion == NULL ||
			    n->u.abbr.expansion[0] == '\0')
				verr(&st, n, "%s",
				     "an abbreviation needs its expansion");
			break;
		case PR_TEXT:
			check_text(&st, n);
			break;
		default:
			break;
		}
	}
	strmap_free(&st.ids);
	/* the tree is complete: what the PDF's second layout may free
	 * where (pr_doc_release()) */
	if (st.ok)
		pr_doc_plan(doc);
	return st.ok;
}
