/*
 * markup.c - the evaluated template text (Markdown with GFM tables) to
 * the document tree, escaping of input values for that markup, and the
 * marking of glossary terms as abbreviations.
 *
 * cmark-gfm parses; this file only converts its tree.  What the report
 * cannot show the same way in the PDF and the HTML is refused with the
 * template place: raw HTML, code, images, block quotes, rules.
 */
#include "markup.h"
#include "i18n.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#define MAX_NEST 100 /* inline nesting we follow before refusing */

struct conv {
	struct pr_doc *doc;
	const struct markup_src *src;
	const struct markup_frags *frags;
	bool failed;
	/* Heading anchors written `## Title {id=name}`, by line (1-based);
	 * NULL where a line has none. */
	char **ids;
	size_t nids;
};

static struct src_pos
map_pos(const struct conv *cv, int line, int col)
{
	struct src_pos p = {NULL, 0, 0};

	if (line >= 1 && (size_t)line <= cv->src->nlines) {
		p = cv->src->lines[line - 1];
		if (p.col > 0 && col > 1)
			p.col += (unsigned)col - 1;
	}
	return p;
}

static struct src_pos
node_pos(const struct conv *cv, cmark_node *n)
{
	return map_pos(cv, cmark_node_get_start_line(n),
	               cmark_node_get_start_column(n));
}

static void
cerr(struct conv *cv, cmark_node *n, const char *msg)
{
	struct src_pos p = node_pos(cv, n);

	/* A node without a place (cmark gives none for some inlines):
	 * use its block's. */
	for (cmark_node *up = n; p.line == 0 && up != NULL;
	     up = cmark_node_parent(up))
		p = node_pos(cv, up);
	diag_error(&p, "%s", _(msg));
	cv->failed = true;
}

/* The fragment number after a marker, or -1. */
static long
marker_index(const struct conv *cv, const char *s, const char **end)
{
	char *e;
	long i = strtol(s, &e, 10);

	if (e == s || strncmp(e, MK_END, 3) != 0 || i < 0 ||
	    (size_t)i >= cv->frags->n)
		return -1;
	*end = e + 3;
	return i;
}

/* Moves the children of fragment i under parent. */
static bool
place_frag(struct conv *cv, cmark_node *at, struct pr_node *parent, long i)
{
	struct pr_node *holder = cv->frags->v[i], *c;

	while ((c = holder->first) != NULL) {
		pr_node_unlink(c);
		if (!pr_node_append(parent, c)) {
			char msg[160];
			snprintf(msg, sizeof(msg),
			         "a %s cannot stand inside a %s here; put the "
			         "tag on a line of its own, outside lists and "
			         "tables",
			         pr_type_name(c->type),
			         pr_type_name(parent->type));
			cerr(cv, at, msg);
			return false;
		}
	}
	return true;
}

static void conv_inlines(struct conv *, struct pr_node *, cmark_node *,
                         int depth);

static void
conv_text(struct conv *cv, struct pr_node *parent, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	struct src_pos pos = node_pos(cv, n);

	if (s == NULL)
		return;
	for (;;) {
		const char *mi = strstr(s, MK_INLINE),
		           *mb = strstr(s, MK_BLOCK);
		const char *m = mi;
		if (mb != NULL && (m == NULL || mb < m)) {
			cerr(cv, n,
			     "a component or {% toc %} or {% block %} "
			     "must stand on a line of its own, with "
			     "blank lines around it");
			return;
		}
		if (m == NULL) {
			if (*s)
				pr_append_text(cv->doc, parent, &pos, s);
			return;
		}
		if (m > s) {
			char *t = xstrndup(s, (size_t)(m - s));
			pr_append_text(cv->doc, parent, &pos, t);
			free(t);
		}
		const char *end;
		long i = marker_index(cv, m + 3, &end);
		if (i < 0) {
			cerr(cv, n, "a broken marker character (U+E000)");
			return;
		}
		if (!place_frag(cv, n, parent, i))
			return;
		s = end;
	}
}

static bool
url_ok(const char *u)
{
	return pr_link_scheme_ok(u) || (u[0] == '#' && u[1] != '\0');
}

static bool
lang_ok(const char *l)
{
	size_t n = strlen(l);

	if (n < 2 || n > 35)
		return false;
	for (; *l; l++)
		if (!((*l >= 'a' && *l <= 'z') || (*l >= 'A' && *l <= 'Z') ||
		      (*l >= '0' && *l <= '9') || *l == '-'))
			return false;
	return true;
}

static void
conv_inline(struct conv *cv, struct pr_node *parent, cmark_node *n, int depth)
{
	struct src_pos pos = node_pos(cv, n);
	struct pr_node *x = NULL;

	if (depth > MAX_NEST) {
		cerr(cv, n, "emphasis and links are nested too deeply");
		return;
	}
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
		conv_text(cv, parent, n);
		return;
	case CMARK_NODE_SOFTBREAK:
		pr_append_text(cv->doc, parent, &pos, " ");
		return;
	case CMARK_NODE_LINEBREAK:
		pr_node_append(parent,
		               pr_node_new(cv->doc, PR_LINEBREAK, &pos));
		return;
	case CMARK_NODE_CODE:
		cerr(cv, n,
		     "code spans (`...`) are not part of the report's "
		     "markup; to show a backtick, write \\`");
		return;
	case CMARK_NODE_HTML_INLINE:
		cerr(cv, n,
		     "raw HTML is not allowed in a template; use the "
		     "markup (*emphasis*, **strong**, [text](url)) or "
		     "write \\< for a literal <");
		return;
	case CMARK_NODE_IMAGE:
		cerr(cv, n,
		     "images are not part of the report's markup; "
		     "charts come from the chart components");
		return;
	case CMARK_NODE_EMPH:
		x = pr_node_new(cv->doc, PR_EMPH, &pos);
		break;
	case CMARK_NODE_STRONG:
		x = pr_node_new(cv->doc, PR_STRONG, &pos);
		break;
	case CMARK_NODE_LINK: {
		const char *u = cmark_node_get_url(n);
		if (u == NULL)
			u = "";
		if (strncmp(u, "lang:", 5) == 0) {
			if (!lang_ok(u + 5)) {
				cerr(cv, n,
				     "a language link names a language "
				     "tag such as [Smart City](lang:en)");
				return;
			}
			x = pr_new_lang(cv->doc, &pos, u + 5);
		} else if (url_ok(u)) {
			const char *t = cmark_node_get_title(n);
			x = pr_new_link(cv->doc, &pos, u);
			if (t != NULL && *t)
				x->u.link.title = pr_strdup(cv->doc, t);
		} else {
			cerr(cv, n,
			     "a link must lead to https:, http:, "
			     "mailto: or #anchor (or be lang:xx for a "
			     "passage in another language)");
			return;
		}
		break;
	}
	default:
		cerr(cv, n, "this markup is not supported in the report");
		return;
	}
	if (!pr_node_append(parent, x)) {
		cerr(cv, n, "this inline markup cannot stand here");
		return;
	}
	conv_inlines(cv, x, cmark_node_first_child(n), depth + 1);
}

static void
conv_inlines(struct conv *cv, struct pr_node *parent, cmark_node *n, int depth)
{
	for (; n != NULL && !cv->failed; n = cmark_node_next(n))
		conv_inline(cv, parent, n, depth);
}

static const char *
type_string(cmark_node *n)
{
	const char *s = cmark_node_get_type_string(n);
	return s ? s : "";
}

/* ": Caption" right before a table becomes the table's caption. */
static bool
is_caption(cmark_node *n)
{
	cmark_node *t = cmark_node_first_child(n), *next = cmark_node_next(n);
	const char *s;

	if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || next == NULL ||
	    strcmp(type_string(next), "table") != 0 || t == NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return false;
	s = cmark_node_get_literal(t);
	return s != NULL && s[0] == ':' && s[1] == ' ';
}

static void
conv_table(struct conv *cv, struct pr_node *parent, cmark_node *n,
           cmark_node *caption)
{
	struct src_pos pos = node_pos(cv, n);
	struct pr_node *t = pr_node_new(cv->doc, PR_TABLE, &pos);
	uint16_t ncols = cmark_gfm_extensions_get_table_columns(n);
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);

	if (!pr_node_append(parent, t)) {
		cerr(cv, n, "a table cannot stand here");
		return;
	}
	if (caption != NULL) {
		struct pr_node *cap = pr_node_new(cv->doc, PR_CAPTION, &pos);
		cmark_node *first = cmark_node_first_child(caption);
		const char *s = cmark_node_get_literal(first);
		pr_node_append(t, cap);
		/* the first text without ": " */
		struct src_pos cp = node_pos(cv, first);
		if (s[2])
			pr_append_text(cv->doc, cap, &cp, s + 2);
		conv_inlines(cv, cap, cmark_node_next(first), 0);
	}
	for (cmark_node *r = cmark_node_first_child(n); r;
	     r = cmark_node_next(r)) {
		struct src_pos rp = node_pos(cv, r);
		struct pr_node *row = pr_node_new(cv->doc, PR_ROW, &rp);
		bool head = cmark_gfm_extensions_get_table_row_is_header(r);
		int col = 0;
		row->u.row.header = head;
		pr_node_append(t, row);
		for (cmark_node *c = cmark_node_first_child(r); c;
		     c = cmark_node_next(c), col++) {
			struct src_pos cp = node_pos(cv, c);
			enum pr_align a = PR_ALIGN_NONE;
			if (al != NULL && col < ncols)
				a = al[col] == 'l'   ? PR_ALIGN_LEFT
				    : al[col] == 'c' ? PR_ALIGN_CENTER
				    : al[col] == 'r' ? PR_ALIGN_RIGHT
				                     : PR_ALIGN_NONE;
			struct pr_node *cell =
			    pr_new_cell(cv->doc, &cp, head,
			                head ? PR_SCOPE_COL : PR_SCOPE_NONE, a);
			pr_node_append(row, cell);
			conv_inlines(cv, cell, cmark_node_first_child(c), 0);
		}
	}
}

static void conv_blocks(struct conv *, struct pr_node *, cmark_node *,
                        bool sections, int depth);

static void
conv_block(struct conv *cv, struct pr_node *parent, cmark_node *n, int depth)
{
	struct src_pos pos = node_pos(cv, n);
	struct pr_node *x;

	if (depth > MAX_NEST) {
		cerr(cv, n, "lists are nested too deeply");
		return;
	}
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH: {
		cmark_node *t = cmark_node_first_child(n);
		const char *s = t ? cmark_node_get_literal(t) : NULL;
		if (is_caption(n))
			return; /* taken by the table that follows */
		if (t != NULL && cmark_node_get_type(t) == CMARK_NODE_TEXT &&
		    s != NULL && strncmp(s, MK_BLOCK, 3) == 0) {
			const char *end;
			long i = marker_index(cv, s + 3, &end);
			if (i < 0 || *end != '\0' ||
			    cmark_node_next(t) != NULL) {
				cerr(cv, n,
				     "a component or {% toc %} or {% "
				     "block %} must stand on a line of "
				     "its own, with blank lines around "
				     "it");
				return;
			}
			place_frag(cv, n, parent, i);
			return;
		}
		x = pr_node_new(cv->doc, PR_PARA, &pos);
		if (!pr_node_append(parent, x)) {
			cerr(cv, n, "a paragraph cannot stand here");
			return;
		}
		conv_inlines(cv, x, t, 0);
		return;
	}
	case CMARK_NODE_LIST:
		x = pr_node_new(cv->doc, PR_LIST, &pos);
		x->u.list.ordered =
		    cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		x->u.list.start = cmark_node_get_list_start(n);
		if (!pr_node_append(parent, x)) {
			cerr(cv, n, "a list cannot stand here");
			return;
		}
		for (cmark_node *it = cmark_node_first_child(n); it;
		     it = cmark_node_next(it)) {
			struct src_pos ip = node_pos(cv, it);
			struct pr_node *item =
			    pr_node_new(cv->doc, PR_ITEM, &ip);
			pr_node_append(x, item);
			conv_blocks(cv, item, cmark_node_first_child(it), false,
			            depth + 1);
		}
		return;
	case CMARK_NODE_HEADING:
		cerr(cv, n,
		     "a heading cannot stand inside a list; end the "
		     "list with a blank line first");
		return;
	case CMARK_NODE_HTML_BLOCK:
		cerr(cv, n,
		     "raw HTML is not allowed in a template; use the "
		     "markup or a component");
		return;
	case CMARK_NODE_CODE_BLOCK:
		cerr(cv, n,
		     "code blocks are not part of the report's markup "
		     "(a line indented by four spaces or fenced with "
		     "```); remove the indentation");
		return;
	case CMARK_NODE_BLOCK_QUOTE:
		cerr(cv, n,
		     "block quotes (lines starting with >) are not "
		     "part of the report's markup; write \\> for a "
		     "literal >");
		return;
	case CMARK_NODE_THEMATIC_BREAK:
		cerr(cv, n,
		     "rules (---, ***) are not part of the report's "
		     "markup");
		return;
	default:
		if (strcmp(type_string(n), "table") == 0) {
			cmark_node *prev = cmark_node_previous(n);
			conv_table(cv, parent, n,
			           prev && is_caption(prev) ? prev : NULL);
			return;
		}
		cerr(cv, n, "this markup is not supported in the report");
	}
}

/* Blocks in order; with `sections`, each heading opens a SECTION that
 * holds what follows up to the next heading of its level or higher. */
static void
conv_blocks(struct conv *cv, struct pr_node *container, cmark_node *n,
            bool sections, int depth)
{
	struct pr_node *stack[8];
	int levels[8], top = 0;

	stack[0] = container;
	levels[0] = 0;
	for (; n != NULL && !cv->failed && pr_stop_signal() == 0;
	     n = cmark_node_next(n)) {
		if (sections && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n);
			struct src_pos pos = node_pos(cv, n);
			struct pr_node *sec, *h;
			while (top > 0 && levels[top] >= level)
				top--;
			sec = pr_new_section(cv->doc, &pos, level);
			h = pr_new_heading(cv->doc, &pos, level);
			if (!pr_node_append(stack[top], sec)) {
				cerr(cv, n, "a heading cannot stand here");
				return;
			}
			pr_node_append(sec, h);
			{
				int ln = cmark_node_get_start_line(n);
				if (ln >= 1 && (size_t)ln <= cv->nids &&
				    cv->ids[ln - 1] != NULL)
					sec->u.sect.id = h->u.sect.id =
					    pr_strdup(cv->doc, cv->ids[ln - 1]);
			}
			conv_inlines(cv, h, cmark_node_first_child(n), 0);
			stack[++top] = sec;
			levels[top] = level;
			continue;
		}
		conv_block(cv, stack[top], n, depth);
	}
}

/* cmark-gfm's own allocator aborts when memory runs out (exit 134,
 * the outputs' temporary files and the history's journal left behind);
 * util.c's exits with status 3 after the run's cleanup. */
static void *
cm_calloc(size_t n, size_t size)
{
	return xcalloc(n, size);
}

static void *
cm_realloc(void *p, size_t size)
{
	return xrealloc(p, size);
}

static cmark_mem cm_mem = {cm_calloc, cm_realloc, free};

#define FEED_PART (1 << 20)

/*
 * Takes the anchors off heading lines: a line that starts with 1 to 6
 * "#" and a space and ends in " {id=name}" (name: a lower-case letter,
 * then lower-case letters, digits and "-") has the attribute blanked
 * out in `text` (so columns stay) and its name kept by line.  A value
 * from the inputs cannot make one: markup_escape() escapes "{".
 */
static void
take_heading_ids(struct conv *cv, char *text, size_t len)
{
	size_t line = 0, i = 0;
	struct buf name;

	buf_init(&name);
	while (i < len) {
		char *s = text + i, *nl = memchr(s, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) : len - i, h = 0, e, b, k;

		line++;
		i += n + (nl != NULL);
		while (h < n && h < 7 && s[h] == '#')
			h++;
		if (h == 0 || h > 6 || h >= n || s[h] != ' ')
			continue;
		e = n;
		while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\r'))
			e--;
		if (e < h + 7 || s[e - 1] != '}')
			continue;
		for (b = e - 1; b > h && s[b] != '{'; b--)
			;
		if (s[b - 1] != ' ' || strncmp(s + b, "{id=", 4) != 0 ||
		    !isalpha((unsigned char)s[b + 4]))
			continue;
		/* The name as the template wrote it or as markup_escape()
		 * wrote an id from the inputs ("02\.a"). */
		buf_reset(&name);
		for (k = b + 4; k < e - 1; k++) {
			char ch = s[k];
			if (ch == '\\' && k + 1 < e - 1 &&
			    strchr("-_.", s[k + 1]) != NULL)
				ch = s[++k];
			else if (!isalnum((unsigned char)ch) && ch != '-')
				break;
			buf_putc(&name, ch);
		}
		if (k != e - 1)
			continue;
		if (cv->nids < line) {
			cv->ids = xrealloc(cv->ids, line * sizeof(*cv->ids));
			while (cv->nids < line)
				cv->ids[cv->nids++] = NULL;
		}
		free(cv->ids[line - 1]);
		cv->ids[line - 1] = xstrdup(name.data);
		memset(s + b, ' ', e - b);
	}
	buf_free(&name);
}

bool
markup_build(struct pr_doc *doc, struct pr_node *container,
             const struct markup_src *src, const struct markup_frags *frags)
{
	struct conv cv = {doc, src, frags, false, NULL, 0};
	size_t off, part;
	cmark_parser *p;
	cmark_node *root;
	cmark_syntax_extension *table;
	char *text;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, &cm_mem);
	table = cmark_find_syntax_extension("table");
	if (table == NULL || !cmark_parser_attach_syntax_extension(p, table)) {
		cmark_parser_free(p);
		diag(DIAG_SYSTEM, NULL, "cmark-gfm has no table extension");
		return false;
	}
	text = xmalloc(src->len + 1);
	memcpy(text, src->text, src->len);
	text[src->len] = '\0';
	take_heading_ids(&cv, text, src->len);
	/* In parts (cmark keeps a line cut between two), so that a stop
	 * signal is noticed while the text of a long report is parsed;
	 * main.c reports it. */
	for (off = 0; off < src->len && pr_stop_signal() == 0; off += part) {
		part = src->len - off < FEED_PART ? src->len - off : FEED_PART;
		cmark_parser_feed(p, text + off, part);
	}
	free(text);
	if (pr_stop_signal() != 0) {
		cmark_parser_free(p);
		for (size_t k = 0; k < cv.nids; k++)
			free(cv.ids[k]);
		free(cv.ids);
		return false;
	}
	root = cmark_parser_finish(p);
	conv_blocks(&cv, container, cmark_node_first_child(root), true, 0);
	cmark_node_free(root);
	cmark_parser_free(p);
	for (size_t k = 0; k < cv.nids; k++)
		free(cv.ids[k]);
	free(cv.ids);
	return !cv.failed && pr_stop_signal() == 0;
}

size_t
markup_hidden(const char *s)
{
	unsigned char ch = (unsigned char)s[0];

	if (ch < 0x20 || ch == 0x7F)
		return 1;
	if (ch == 0xEE && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] >= 0x80 && (unsigned char)s[2] <= 0x82)
		return 3;
	return 0;
}

void
markup_escape(struct buf *out, const char *s, bool at_line_start)
{
	bool space = at_line_start; /* drop a leading space at line start */
	size_t k;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\f' || ch == '\v') {
			if (!space)
				buf_putc(out, ' ');
			space = true;
			continue;
		}
		space = false;
		if ((k = markup_hidden(s)) != 0) {
			buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
			s += k - 1;
			continue;
		}
		if (ch < 0x80 &&
		    strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ch) != NULL)
			buf_putc(out, '\\');
		buf_putc(out, (char)ch);
	}
}

/* ------------------------------------------------------------------ */
/* Abbreviations */

static int
by_length_desc(const void *a, const void *b)
{
	const struct glossary_entry *x =
	    *(const struct glossary_entry *const *)a;
	const struct glossary_entry *y =
	    *(const struct glossary_entry *const *)b;
	size_t lx = strlen(x->term), ly = strlen(y->term);

	if (lx != ly)
		return lx > ly ? -1 : 1;
	return strcmp(x->term, y->term);
}

static void
regex_quote(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x80 &&
		    !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == ' '))
			buf_putc(b, '\\');
		buf_putc(b, (char)ch);
	}
}

/* Splits TEXT node t at the matches; the text before each match stays
 * as TEXT, the match becomes ABBR > TEXT. */
static void
mark_text(struct pr_doc *doc, struct pr_node *t, pcre2_code *re,
          pcre2_match_data *md, const struct strmap *exp,
          const char *input_lang)
{
	const char *s = t->u.text.text;
	size_t len = strlen(s), off = 0, done = 0;
	struct buf b;

	buf_init(&b);
	for (;;) {
		int rc = pcre2_match(re, (PCRE2_SPTR)s, len, off, 0, md, NULL);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		if (ov[1] == ov[0]) { /* cannot happen: terms are not empty */
			off = ov[1] + 1;
			continue;
		}
		buf_reset(&b);
		buf_append(&b, s + ov[0], ov[1] - ov[0]);
		const struct glossary_entry *g = strmap_get(exp, b.data);
		if (ov[0] > done) {
			char *pre = xstrndup(s + done, ov[0] - done);
			pr_node_insert_before(t,
			                      pr_new_text(doc, &t->pos, pre));
			free(pre);
		}
		struct pr_node *a =
		    pr_new_abbr(doc, &t->pos, g ? g->expansion : "");
		pr_node_append(a, pr_new_text(doc, &t->pos, b.data));
		/* An abbreviation read in its own language: a LANG span
		 * around it when that is not the text's. */
		const char *lang =
		    g && g->lang && g->lang[0] ? g->lang : input_lang;
		const char *here = pr_node_lang(doc, t);
		if (lang != NULL && here != NULL &&
		    strcasecmp(lang, here) != 0) {
			struct pr_node *l = pr_new_lang(doc, &t->pos, lang);
			pr_node_append(l, a);
			a = l;
		}
		pr_node_insert_before(t, a);
		done = off = ov[1];
	}
	buf_free(&b);
	if (done == 0)
		return;
	if (done < len)
		t->u.text.text = pr_strdup(doc, s + done);
	else
		pr_node_unlink(t);
}

bool
markup_mark_abbrs(struct pr_doc *doc, const struct glossary_entry *g, size_t n,
                  const char *input_lang)
{
	const struct glossary_entry **sorted;
	struct strmap exp;
	struct buf pat;
	struct pr_node **texts = NULL;
	size_t ntexts = 0, cap = 0, k, used = 0;
	pcre2_code *re;
	pcre2_match_data *md;
	int err;
	PCRE2_SIZE eoff;

	if (n == 0)
		return true;
	sorted = xmalloc(n * sizeof(*sorted));
	strmap_init(&exp);
	buf_init(&pat);
	for (k = 0; k < n; k++)
		if (g[k].term && g[k].term[0] && g[k].expansion &&
		    strmap_get(&exp, g[k].term) == NULL) {
			sorted[used++] = &g[k];
			strmap_put(&exp, g[k].term, (void *)&g[k]);
		}
	qsort(sorted, used, sizeof(*sorted), by_length_desc);
	buf_puts(&pat, "(?<![\\p{L}\\p{N}_])(?:");
	for (k = 0; k < used; k++) {
		if (k)
			buf_putc(&pat, '|');
		regex_quote(&pat, sorted[k]->term);
	}
	buf_puts(&pat, ")(?![\\p{L}\\p{N}_])");
	free(sorted);
	if (used == 0) {
		strmap_free(&exp);
		buf_free(&pat);
		return true;
	}
	re = pcre2_compile((PCRE2_SPTR)pat.data, pat.len, PCRE2_UTF | PCRE2_UCP,
	                   &err, &eoff, NULL);
	buf_free(&pat);
	if (re == NULL) {
		/* The inputs' limits should make this impossible. */
		PCRE2_UCHAR why[160];
		pcre2_get_error_message(err, why, sizeof(why));
		diag_error(&g[0].pos,
		           "the glossary's %zu terms cannot be searched for "
		           "(%s); use fewer or shorter terms (docs/inputs.md, "
		           "Limits)",
		           used, (const char *)why);
		strmap_free(&exp);
		return false;
	}
	md = pcre2_match_data_create_from_pattern(re, NULL);

	/* Collect first: splitting changes the tree under the walk.
	 * Headings stay plain (their text also feeds the table of
	 * contents and the bookmarks), as do links, statuses and
	 * abbreviations already marked. */
	struct pr_iter it;
	pr_iter_init(&it, doc->root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *c = it.cur;
		if (it.ev != PR_EV_ENTER)
			continue;
		if (c->type == PR_HEADING || c->type == PR_LINK ||
		    c->type == PR_ABBR || c->type == PR_STATUS) {
			pr_iter_skip_children(&it);
			continue;
		}
		if (c->type == PR_TEXT) {
			if (ntexts == cap) {
				cap = cap ? cap * 2 : 256;
				texts = xrealloc(texts, cap * sizeof(*texts));
			}
			texts[ntexts++] = (struct pr_node *)c;
		}
	}
	for (k = 0; k < ntexts; k++)
		mark_text(doc, texts[k], re, md, &exp, input_lang);
	free(texts);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	strmap_free(&exp);
	return true;
}
