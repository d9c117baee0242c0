/*
 * doctree.c - building, walking and checking the document tree.
 */
#include "doctree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const type_names[PR__MAX] = {
    "document", "section", "heading", "para",      "list",   "item",
    "table",    "row",     "cell",    "caption",   "figure", "drawing",
    "toc",      "div",     "text",    "emph",      "strong", "link",
    "abbr",     "lang",    "status",  "linebreak",
};

const char *
pr_type_name(enum pr_type t)
{
	return (unsigned)t < PR__MAX ? type_names[t] : "?";
}

bool
pr_is_inline(enum pr_type t)
{
	return t >= PR_TEXT && t < PR__MAX;
}

static bool
is_block(enum pr_type t)
{
	switch (t) {
	case PR_SECTION:
	case PR_DIV:
	case PR_PARA:
	case PR_LIST:
	case PR_TABLE:
	case PR_FIGURE:
	case PR_TOC:
		return true;
	default:
		return false;
	}
}

bool
pr_can_contain(enum pr_type parent, enum pr_type child)
{
	switch (parent) {
	case PR_DOCUMENT:
	case PR_DIV:
	case PR_ITEM:
		return is_block(child);
	case PR_SECTION:
		return is_block(child) || child == PR_HEADING;
	case PR_LIST:
		return child == PR_ITEM;
	case PR_TABLE:
		return child == PR_ROW || child == PR_CAPTION;
	case PR_ROW:
		return child == PR_CELL;
	case PR_FIGURE:
		return child == PR_DRAWING || child == PR_CAPTION;
	case PR_PARA:
	case PR_HEADING:
	case PR_CAPTION:
	case PR_CELL:
	case PR_EMPH:
	case PR_STRONG:
	case PR_LINK:
	case PR_ABBR:
	case PR_LANG:
	case PR_STATUS:
		return pr_is_inline(child);
	default:
		return false;
	}
}

/* A report has a few dozen source files and thousands of nodes: each
 * name is stored once. */
static const char *
intern_file(struct pr_doc *d, const char *file)
{
	char *s = strmap_get(&d->files, file);

	if (s == NULL) {
		/* kept with the document's own texts: a node's position
		 * names the file in messages to the end */
		s = pool_strdup(&d->late, file);
		strmap_put(&d->files, s, s);
	}
	return s;
}

struct pr_doc *
pr_doc_new(void)
{
	struct pr_doc *d = xcalloc(1, sizeof(*d));
	/* A test hook: parts of a few kilobytes, so that the sample's
	 * tree has many (tests/t-pdf-shed.sh). */
	const char *env = getenv("PROGRESS_REPORT_TEST_PART_BYTES");

	d->part_bytes = env != NULL ? strtoul(env, NULL, 10) : PR_PART_BYTES;
	pool_init(&d->pool);
	pool_init(&d->late);
	strmap_init(&d->files);
	d->root = pr_node_new(d, PR_DOCUMENT, NULL);
	return d;
}

void
pr_doc_free(struct pr_doc *d)
{
	if (d == NULL)
		return;
	pr_doc_shed(d);
	strmap_free(&d->files);
	pool_free(&d->late);
	free(d);
}

void
pr_doc_shed(struct pr_doc *d)
{
	if (d == NULL || d->root == NULL)
		return;
	pool_free(&d->pool); /* and empty, as pool_init() leaves it */
	while (d->nparts > 0)
		pool_free(&d->parts[--d->nparts]);
	free(d->parts);
	d->parts = NULL;
	d->capparts = 0;
	d->root = NULL;
}

/* The first part that n, its subtree or a node after them is in,
 * `after` being that of the nodes after n. */
static int
plan(struct pr_doc *d, struct pr_node *n, int after)
{
	struct pr_node *k;

	for (k = n->last; k != NULL; k = k->prev)
		after = plan(d, k, after);
	if (n->type == PR_TOC)
		d->has_toc = true;
	if (n->part < after)
		after = n->part;
	if (n->type == PR_SECTION)
		n->u.sect.bound = after;
	return after;
}

void
pr_doc_part(struct pr_doc *d)
{
	if (pool_size(&d->pool) < d->part_bytes)
		return;
	if (d->nparts == d->capparts) {
		d->capparts = d->capparts ? 2 * d->capparts : 16;
		d->parts = xrealloc(d->parts, d->capparts * sizeof(*d->parts));
	}
	d->parts[d->nparts++] = d->pool;
	pool_init(&d->pool);
}

void
pr_doc_plan(struct pr_doc *d)
{
	if (d != NULL && d->root != NULL)
		plan(d, d->root, (int)d->nparts);
}

size_t
pr_doc_bytes(const struct pr_doc *d)
{
	size_t n = pool_size(&d->pool), p;

	for (p = 0; p < d->nparts; p++)
		n += pool_size(&d->parts[p]);
	return n;
}

size_t
pr_doc_release(struct pr_doc *d, const struct pr_node *const at[], size_t nat)
{
	const struct pr_node *a;
	size_t p, i, end = SIZE_MAX, freed = 0;
	bool keep;

	if (d == NULL || nat == 0)
		return 0;
	for (i = 0; i < nat; i++) {
		if (at[i] == NULL || at[i]->type != PR_SECTION)
			return 0;
		if ((size_t)at[i]->u.sect.bound < end)
			end = (size_t)at[i]->u.sect.bound;
	}
	for (p = 0; p < end && p < d->nparts; p++) {
		keep = false;
		for (i = 0; i < nat && !keep; i++)
			for (a = at[i]->parent; a != NULL && !keep;
			     a = a->parent)
				keep = (size_t)a->part == p;
		if (!keep) {
			freed += pool_size(&d->parts[p]);
			pool_free(&d->parts[p]); /* and empty */
		}
	}
	return freed;
}

const char *
pr_doc_strdup(struct pr_doc *d, const char *s)
{
	return pool_strdup(&d->late, s);
}

const char *
pr_strdup(struct pr_doc *d, const char *s)
{
	return pool_strdup(&d->pool, s);
}

struct pr_node *
pr_node_new(struct pr_doc *d, enum pr_type t, const struct src_pos *pos)
{
	struct pr_node *n;

	/* At a heading, not at a section, which validation makes last;
	 * and before what goes with the heading is made. */
	if (t == PR_HEADING)
		pr_doc_part(d);
	n = pool_alloc(&d->pool, sizeof(*n));
	n->type = t;
	n->part = (int)d->nparts;
	if (pos != NULL) {
		n->pos = *pos;
		n->pos.file = pos->file ? intern_file(d, pos->file) : NULL;
	}
	if (t == PR_LIST)
		n->u.list.start = 1;
	if (t == PR_TOC)
		n->u.toc.depth = 2;
	return n;
}

bool
pr_node_append(struct pr_node *parent, struct pr_node *child)
{
	if (parent == NULL || child == NULL || child->parent != NULL ||
	    child == parent || !pr_can_contain(parent->type, child->type))
		return false;
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	return true;
}

void
pr_node_unlink(struct pr_node *n)
{
	struct pr_node *p = n->parent;

	if (p == NULL)
		return;
	if (n->prev)
		n->prev->next = n->next;
	else
		p->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		p->last = n->prev;
	n->parent = n->next = n->prev = NULL;
}

bool
pr_node_insert_before(struct pr_node *sib, struct pr_node *n)
{
	struct pr_node *p = sib->parent;

	if (p == NULL || n->parent != NULL || !pr_can_contain(p->type, n->type))
		return false;
	n->parent = p;
	n->next = sib;
	n->prev = sib->prev;
	if (sib->prev)
		sib->prev->next = n;
	else
		p->first = n;
	sib->prev = n;
	return true;
}

struct pr_node *
pr_new_text(struct pr_doc *d, const struct src_pos *pos, const char *text)
{
	struct pr_node *n = pr_node_new(d, PR_TEXT, pos);

	n->u.text.text = pool_strdup(&d->pool, text);
	return n;
}

struct pr_node *
pr_new_section(struct pr_doc *d, const struct src_pos *pos, int level)
{
	struct pr_node *n = pr_node_new(d, PR_SECTION, pos);

	n->u.sect.level = level;
	return n;
}

struct pr_node *
pr_new_heading(struct pr_doc *d, const struct src_pos *pos, int level)
{
	struct pr_node *n = pr_node_new(d, PR_HEADING, pos);

	n->u.sect.level = level;
	return n;
}

struct pr_node *
pr_new_link(struct pr_doc *d, const struct src_pos *pos, const char *url)
{
	struct pr_node *n = pr_node_new(d, PR_LINK, pos);

	n->u.link.url = pool_strdup(&d->pool, url);
	return n;
}

struct pr_node *
pr_new_abbr(struct pr_doc *d, const struct src_pos *pos, const char *exp)
{
	struct pr_node *n = pr_node_new(d, PR_ABBR, pos);

	n->u.abbr.expansion = pool_strdup(&d->pool, exp);
	return n;
}

struct pr_node *
pr_new_lang(struct pr_doc *d, const struct src_pos *pos, const char *lang)
{
	struct pr_node *n = pr_node_new(d, PR_LANG, pos);

	n->u.lang.lang = pool_strdup(&d->pool, lang);
	return n;
}

struct pr_node *
pr_new_status(struct pr_doc *d, const struct src_pos *pos, const char *key)
{
	struct pr_node *n = pr_node_new(d, PR_STATUS, pos);

	n->u.status.key = pool_strdup(&d->pool, key);
	return n;
}

struct pr_node *
pr_new_div(struct pr_doc *d, const struct src_pos *pos, const char *cls)
{
	struct pr_node *n = pr_node_new(d, PR_DIV, pos);

	n->u.div.cls = pool_strdup(&d->pool, cls);
	return n;
}

struct pr_node *
pr_new_figure(struct pr_doc *d, const struct src_pos *pos, const char *alt)
{
	struct pr_node *n = pr_node_new(d, PR_FIGURE, pos);

	n->u.figure.alt = pool_strdup(&d->pool, alt);
	return n;
}

struct pr_node *
pr_new_cell(struct pr_doc *d, const struct src_pos *pos, bool header,
            enum pr_scope scope, enum pr_align align)
{
	struct pr_node *n = pr_node_new(d, PR_CELL, pos);

	n->u.cell.header = header;
	n->u.cell.scope = scope;
	n->u.cell.align = align;
	return n;
}

bool
pr_append_text(struct pr_doc *d, struct pr_node *parent,
               const struct src_pos *pos, const char *text)
{
	struct pr_node *last = parent->last;

	if (!pr_can_contain(parent->type, PR_TEXT))
		return false;
	if (last != NULL && last->type == PR_TEXT) {
		size_t a = strlen(last->u.text.text), b = strlen(text);
		char *s = pool_alloc(&d->pool, a + b + 1);

		memcpy(s, last->u.text.text, a);
		memcpy(s + a, text, b + 1);
		last->u.text.text = s;
		return true;
	}
	return pr_node_append(parent, pr_new_text(d, pos, text));
}

const struct pr_node *
pr_doc_title(const struct pr_doc *d)
{
	const struct pr_node *n;

	for (n = d->root->first; n != NULL; n = n->next)
		if (n->type == PR_DIV && n->u.div.cls != NULL &&
		    strcmp(n->u.div.cls, "titlepage") == 0)
			return n->first != NULL && n->first->type == PR_PARA
			           ? n->first
			           : NULL;
	return NULL;
}

const char *
pr_node_lang(const struct pr_doc *d, const struct pr_node *n)
{
	for (; n != NULL; n = n->parent)
		if (n->type == PR_LANG)
			return n->u.lang.lang;
	return d->lang;
}

/* Language tags compare without regard to case (RFC 5646, 2.1.1). */
static bool
same_lang(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

bool
pr_append_input(struct pr_doc *d, struct pr_node *parent,
                const struct src_pos *pos, const char *text, const char *lang)
{
	const char *here;
	struct pr_node *l;

	if (text == NULL || text[0] == '\0')
		return pr_can_contain(parent->type, PR_TEXT);
	here = pr_node_lang(d, parent);
	if (lang == NULL || lang[0] == '\0' ||
	    (here != NULL && same_lang(lang, here)))
		return pr_append_text(d, parent, pos, text);
	/* Next to a span of the same language: one span, one /Lang. */
	if (parent->last != NULL && parent->last->type == PR_LANG &&
	    same_lang(parent->last->u.lang.lang, lang))
		return pr_append_text(d, parent->last, pos, text);
	l = pr_new_lang(d, pos, lang);
	if (!pr_node_append(parent, l))
		return false;
	return pr_append_text(d, l, pos, text);
}

void
pr_node_text(const struct pr_node *n, struct buf *b)
{
	struct pr_iter it;

	pr_iter_init(&it, n);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		if (it.ev != PR_EV_ENTER)
			continue;
		if (it.cur->type == PR_TEXT)
			buf_puts(b, it.cur->u.text.text);
		else if (it.cur->type == PR_LINEBREAK)
			buf_putc(b, ' ');
	}
}

static bool
is_leaf(const struct pr_node *n)
{
	return n->type == PR_TEXT || n->type == PR_LINEBREAK ||
	       n->type == PR_DRAWING || n->type == PR_TOC;
}

void
pr_iter_init(struct pr_iter *it, const struct pr_node *root)
{
	it->root = root;
	it->cur = NULL;
	it->ev = PR_EV_NONE;
	it->skip = false;
}

enum pr_event
pr_iter_next(struct pr_iter *it)
{
	const struct pr_node *n = it->cur;

	if (n == NULL) {
		if (it->ev != PR_EV_NONE || it->root == NULL)
			return it->ev = PR_EV_NONE;
		it->cur = it->root;
		return it->ev = PR_EV_ENTER;
	}
	if (it->ev == PR_EV_ENTER && !is_leaf(n)) {
		if (n->first && !it->skip) {
			it->cur = n->first;
			return it->ev = PR_EV_ENTER;
		}
		it->skip = false;
		return it->ev = PR_EV_EXIT;
	}
	/* n is done (EXIT, or ENTER of a leaf). */
	if (n == it->root) {
		it->cur = NULL;
		return it->ev = PR_EV_NONE;
	}
	if (n->next) {
		it->cur = n->next;
		return it->ev = PR_EV_ENTER;
	}
	it->cur = n->parent;
	return it->ev = PR_EV_EXIT;
}

void
pr_iter_skip_children(struct pr_iter *it)
{
	if (it->ev == PR_EV_ENTER && it->cur && !is_leaf(it->cur))
		it->skip = true;
}

int
pr_tree_check(const struct pr_node *root)
{
	struct pr_iter it;
	int problems = 0;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *n = it.cur, *c, *prev = NULL;

		if (it.ev != PR_EV_ENTER)
			continue;
		for (c = n->first; c != NULL; prev = c, c = c->next) {
			if (c->parent != n || c->prev != prev) {
				fprintf(stderr, "%s: broken links\n",
				        pr_type_name(c->type));
				problems++;
			}
			if (!pr_can_contain(n->type, c->type)) {
				fprintf(stderr, "%s may not contain %s\n",
				        pr_type_name(n->type),
				        pr_type_name(c->type));
				problems++;
			}
		}
		if (n->last != prev) {
			fprintf(stderr, "%s: wrong last child\n",
			        pr_type_name(n->type));
			problems++;
		}
	}
	return problems;
}

void
pr_tree_dump(const struct pr_node *root, struct buf *out)
{
	struct pr_iter it;
	int depth = 0;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *n = it.cur;

		if (it.ev == PR_EV_EXIT) {
			depth--;
			continue;
		}
		buf_printf(out, "%*s%s", depth * 2, "", pr_type_name(n->type));
		switch (n->type) {
		case PR_SECTION:
		case PR_HEADING:
			buf_printf(out, " level=%d", n->u.sect.level);
			if (n->u.sect.id)
				buf_printf(out, " id=%s", n->u.sect.id);
			break;
		case PR_LIST:
			buf_printf(out, " %s",
			           n->u.list.ordered ? "ordered" : "bullet");
			break;
		case PR_ROW:
			if (n->u.row.header)
				buf_puts(out, " header");
			break;
		case PR_CELL:
			if (n->u.cell.header)
				buf_printf(out, " th scope=%s",
				           n->u.cell.scope == PR_SCOPE_ROW
				               ? "row"
				               : "col");
			if (n->u.cell.align == PR_ALIGN_RIGHT)
				buf_puts(out, " right");
			break;
		case PR_FIGURE:
			buf_printf(out, " alt=\"%s\"", n->u.figure.alt);
			break;
		case PR_DIV:
			buf_printf(out, " class=%s", n->u.div.cls);
			break;
		case PR_TEXT:
			buf_printf(out, " \"%s\"", n->u.text.text);
			break;
		case PR_LINK:
			buf_printf(out, " url=%s", n->u.link.url);
			break;
		case PR_ABBR:
			buf_printf(out, " expansion=\"%s\"",
			           n->u.abbr.expansion);
			break;
		case PR_LANG:
			buf_printf(out, " lang=%s", n->u.lang.lang);
			break;
		case PR_STATUS:
			buf_printf(out, " key=%s", n->u.status.key);
			break;
		default:
			break;
		}
		buf_putc(out, '\n');
		if (!is_leaf(n))
			depth++;
	}
}

bool
pr_link_scheme_ok(const char *u)
{
	static const char *const schemes[] = {"https://", "http://", "mailto:"};

	for (size_t i = 0; u != NULL && i < 3; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(u, schemes[i], n) == 0 && u[n] != '\0')
			return true;
	}
	return false;
}
