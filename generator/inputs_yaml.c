/*
 * inputs_yaml.c - reading one YAML file into a positioned tree, with
 * the limits described in inputs_yaml.h.
 *
 * The event API is used rather than yaml_parser_load(): the document
 * loader resolves aliases into shared nodes and has no depth limit, so
 * a small hostile file could exhaust memory before we see it.
 */
#include "inputs_yaml.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "i18n.h"

const struct textfile_kind input_file = {
    N_("input file"), YAML_MAX_FILE,
    N_("a mapping with one or more of settings, structure, milestones, "
       "indicators, glossary, sources")};

/* An open container while its items are collected. */
struct frame {
	struct ynode *node;
	struct ynode **kids; /* malloc'd while open, moved to the pool */
	size_t nkids, cap;
};

const char *
ynode_kind(const struct ynode *n)
{
	if (n == NULL)
		return _("nothing");
	switch (n->type) {
	case YN_MAP:
		return _("a mapping (key: value lines)");
	case YN_SEQ:
		return _("a list");
	case YN_SCALAR:
		return n->null ? _("no value") : _("text");
	default:
		return _("a bad value");
	}
}

static void
mark(struct src_pos *p, const char *file, const yaml_mark_t *m)
{
	p->file = file;
	p->line = (unsigned)m->line + 1;
	p->col = (unsigned)m->column + 1;
}

static bool
is_null(const char *s, size_t len, bool plain)
{
	if (!plain)
		return false;
	return len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static void
frame_add(struct frame *f, struct ynode *n)
{
	if (f->nkids == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->kids = xrealloc(f->kids, f->cap * sizeof(*f->kids));
	}
	f->kids[f->nkids++] = n;
}

/* ------------------------------------------------------------------ */
/* Prose that breaks YAML: the likely cause, for the message.          */

/* Characters that make a plain value something else in YAML. */
static const struct {
	char c;
	const char *means;
} lead_chars[] = {
    {'*', N_("an alias (a reference to an anchor)")},
    {'&', N_("an anchor")},
    {'!', N_("a tag")},
    {'-', N_("a list item")},
    {'[', N_("the start of a list")},
    {'{', N_("the start of a mapping")},
    {'%', N_("a directive")},
    {'@', N_("a reserved character")},
    {'`', N_("a reserved character")},
    {'>', N_("a folded block")},
    {'|', N_("a literal block")},
};

/* What a leading character means, or NULL if the value may start so. */
static const char *
lead_meaning(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(lead_chars) / sizeof(lead_chars[0]); i++)
		if (v[0] == lead_chars[i].c)
			break;
	if (i == sizeof(lead_chars) / sizeof(lead_chars[0]))
		return NULL;
	/* "-3" is a number, "|" and ">" alone start a block. */
	if (strchr("->|", v[0]) != NULL && (n < 3 || v[1] != ' '))
		return NULL;
	return lead_chars[i].means;
}

/* The start of `v` as a quoted YAML scalar: in double quotes, or in
 * single ones (with ' doubled) where " or \\ would need escapes. */
static void
quoted(struct buf *b, const char *v, size_t n)
{
	char q = memchr(v, '"', n) || memchr(v, '\\', n) ? '\'' : '"';
	size_t i, max = n > 40 ? 40 : n;

	buf_append(b, &q, 1);
	for (i = 0; i < max; i++) {
		if (v[i] == q)
			buf_append(b, &q, 1);
		buf_append(b, &v[i], 1);
	}
	/* cut at a character's start */
	while (max < n && i > 0 && ((unsigned char)v[i] & 0xC0) == 0x80)
		b->data[--b->len] = '\0', i--;
	buf_puts(b, max < n ? "..." : "");
	buf_append(b, &q, 1);
}

/* The line `line` (1-based) of `data`: its start and length. */
static const char *
src_line(const char *data, size_t len, unsigned line, size_t *n)
{
	const char *p = data, *end = data + len, *nl;

	while (--line > 0 && (nl = memchr(p, '\n', (size_t)(end - p))))
		p = nl + 1;
	for (*n = 0; p + *n < end && p[*n] != '\n' && p[*n] != '\r'; (*n)++)
		;
	return p;
}

/*
 * If line `line` holds a plain value (after "key: " or "- ", or a
 * continuation line) that YAML reads as something else, puts the
 * likely cause and the fix into `b`, and the value's column into *col.
 */
static bool
pitfall(const char *data, size_t len, unsigned line, struct buf *b,
        unsigned *col)
{
	size_t n, k = 0, i, keylen = 0;
	const char *s = src_line(data, len, line, &n), *key = NULL, *v, *why;
	bool colon;

	while (k < n && s[k] == ' ')
		k++;
	while (k + 1 < n && s[k] == '-' && s[k + 1] == ' ')
		for (k += 2; k < n && s[k] == ' ';)
			k++;
	for (i = k; i < n && (isalnum((unsigned char)s[i]) || s[i] == '_');)
		i++;
	if (i > k && i < n && s[i] == ':' && (i + 1 == n || s[i + 1] == ' ')) {
		key = s + k;
		keylen = i - k;
		for (k = i + 1; k < n && s[k] == ' ';)
			k++;
	}
	while (n > k && s[n - 1] == ' ')
		n--;
	if (k == n || s[k] == '\t')
		return false; /* a tab in the indentation is its own error */
	v = s + k;
	n -= k;
	why = lead_meaning(v, n);
	for (colon = v[n - 1] == ':', i = 0; i + 1 < n && !colon; i++)
		colon = v[i] == ':' && v[i + 1] == ' ';
	if (why == NULL && !colon)
		return false;
	if (why != NULL)
		buf_printf(b,
		           _("; the text starts with \"%c\", which YAML reads "
		             "as %s"),
		           v[0], _(why));
	else
		buf_puts(b, _("; the text holds \": \", which YAML reads as "
		              "a key and its value"));
	if (key == NULL)
		buf_puts(b, _(": put the whole text, from its first line, in "
		              "quotes, or write it as a block: >- after the "
		              "key, the text indented on the lines below"));
	else {
		buf_printf(b, _(": put the text in quotes, %.*s: "),
		           (int)keylen, key);
		quoted(b, v, n);
		buf_printf(b,
		           _(", or write it as a block, %.*s: >- with the "
		             "text indented on the next line"),
		           (int)keylen, key);
	}
	for (*col = 1, i = 0; s + i < v; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			(*col)++;
	return true;
}

/* libyaml's wording of the problems a person typing YAML meets, so
 * that xgettext offers them for translation; syntax_error() looks up
 * whatever libyaml says, and the rest stays English. */
static const char *const libyaml_words[] __attribute__((unused)) = {
    N_("block sequence entries are not allowed in this context"),
    N_("control characters are not allowed"),
    N_("could not find expected ':'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found character that cannot start any token"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("mapping values are not allowed in this context"),
    N_("error"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while scanning a block scalar"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
};

/*
 * If line `line` is indented with a tab, says so and puts the tab's
 * column into *col: libyaml names it only in some places, elsewhere it
 * finds "character that cannot start any token", which tells someone
 * whose editor shows a tab as spaces nothing.
 */
static bool
tab_indent(const char *data, size_t len, unsigned line, struct buf *b,
           unsigned *col)
{
	size_t n, k;
	const char *s = src_line(data, len, line, &n);

	for (k = 0; k < n && (s[k] == ' ' || s[k] == '-'); k++)
		;
	if (k == n || s[k] != '\t')
		return false;
	buf_puts(b, _("; the line is indented with a tab, which YAML does "
	              "not allow: indent with spaces only, as many as the "
	              "lines above use for the same level"));
	*col = (unsigned)k + 1;
	return true;
}

/* libyaml's message, with the likely cause when prose broke it. */
static void
syntax_error(const yaml_parser_t *parser, const char *data, size_t len,
             struct src_pos *pos, unsigned told_line)
{
	struct buf hint;
	unsigned col;

	buf_init(&hint);
	buf_puts(&hint, "");
	if (parser->error != YAML_READER_ERROR &&
	    tab_indent(data, len, pos->line, &hint, &col))
		pos->col = col;
	else if (parser->error != YAML_READER_ERROR && pos->line != told_line &&
	         pitfall(data, len, pos->line, &hint, &col))
		pos->col = col;
	diag_error(pos, "not valid YAML: %s%s%s%s",
	           _(parser->problem ? parser->problem : "error"),
	           parser->context ? " " : "",
	           parser->context ? _(parser->context) : "", hint.data);
	buf_free(&hint);
}

/* Whether "&name" or "*name" on line `line` has more words after it,
 * as in "*Der Entwurf": prose, not an anchor meant as one. */
static bool
prose_after(const char *data, size_t len, unsigned line, char c,
            const char *name)
{
	size_t n, i, nlen = strlen(name);
	const char *s = src_line(data, len, line, &n);

	for (i = 0; i + nlen + 2 < n; i++)
		if (s[i] == c && memcmp(s + i + 1, name, nlen) == 0 &&
		    s[i + 1 + nlen] == ' ')
			return strchr("#[{", s[i + 2 + nlen]) == NULL;
	return false;
}

/* An anchor or alias: refused, with the quotes it may lack. */
static void
anchor_error(const struct src_pos *pos, const char *data, size_t len,
             const char *what, char c, const char *name)
{
	struct buf hint;
	unsigned col;

	buf_init(&hint);
	buf_puts(&hint, "");
	if (prose_after(data, len, pos->line, c, name))
		pitfall(data, len, pos->line, &hint, &col);
	diag_error(pos,
	           "%s (%c%s); anchors and aliases are not allowed, write the "
	           "value out in full%s",
	           _(what), c, name, hint.data);
	buf_free(&hint);
}

/*
 * A tag (!!str, !!binary, !custom) would change what a value means in
 * other YAML readers while this one reads the text as written: refused
 * rather than silently ignored.
 */
static bool
tagged(const yaml_event_t *ev, const struct src_pos *pos, const char *data,
       size_t len)
{
	const yaml_char_t *tag = ev->type == YAML_SCALAR_EVENT
	                             ? ev->data.scalar.tag
	                         : ev->type == YAML_SEQUENCE_START_EVENT
	                             ? ev->data.sequence_start.tag
	                             : ev->data.mapping_start.tag;
	const char *t = (const char *)tag;

	if (tag == NULL)
		return false;
	if (strncmp(t, "tag:yaml.org,2002:", 18) == 0)
		diag_error(pos,
		           "a YAML tag (!!%s); tags are not allowed: write "
		           "the value plainly (the format says what each "
		           "value is)",
		           t + 18);
	else {
		/* "!wichtig Text" is prose more often than a tag meant as
		 * one: the hint shows it quoted. */
		struct buf hint;
		unsigned col;

		buf_init(&hint);
		buf_puts(&hint, "");
		if (ev->type == YAML_SCALAR_EVENT)
			pitfall(data, len, pos->line, &hint, &col);
		diag_error(pos,
		           "a YAML tag (%s); tags are not allowed: write the "
		           "value plainly (the format says what each value "
		           "is)%s",
		           t, hint.data);
		buf_free(&hint);
	}
	return true;
}

struct ynode *
yaml_read_file(const char *path, const struct textfile_kind *kind,
               struct pool *pool)
{
	struct frame st[YAML_MAX_DEPTH + 1];
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *root = NULL, *n;
	struct src_pos pos;
	bool done = false, failed = false, alias_told = false;
	int depth = -1, docs = 0;
	unsigned told_line = 0; /* an anchor's line, hinted at already */
	size_t len, size;
	char *data;

	if (!read_text_file(path, kind, &data, &size))
		return NULL;
	len = size;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (unsigned char *)data, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			mark(&pos, path, &parser.problem_mark);
			if (parser.error == YAML_READER_ERROR)
				text_pos(data, parser.problem_offset, path,
				         &pos);
			syntax_error(&parser, data, size, &pos, told_line);
			failed = true;
			break;
		}
		mark(&pos, path, &ev.start_mark);
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_error(&pos, "a second YAML document "
				                 "(after ---); put everything "
				                 "into one document per file");
				failed = true;
				done = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			if (!alias_told) {
				anchor_error(
				    &pos, data, size, N_("an alias"), '*',
				    (const char *)ev.data.alias.anchor);
				told_line = pos.line;
			}
			alias_told = true;
			n = pool_alloc(pool, sizeof(*n));
			n->type = YN_BAD;
			n->pos = pos;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor =
			    ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.anchor
			    : ev.type == YAML_SEQUENCE_START_EVENT
			        ? ev.data.sequence_start.anchor
			        : ev.data.mapping_start.anchor;

			/* A tagged mapping or list is read on, so that
			 * its contents are checked too. */
			if (tagged(&ev, &pos, data, size) &&
			    ev.type == YAML_SCALAR_EVENT) {
				n = pool_alloc(pool, sizeof(*n));
				n->type = YN_BAD;
				n->pos = pos;
				break;
			}
			if (anchor != NULL && !alias_told) {
				anchor_error(&pos, data, size, N_("an anchor"),
				             '&', (const char *)anchor);
				told_line = pos.line;
				alias_told = true;
			}
			n = pool_alloc(pool, sizeof(*n));
			n->pos = pos;
			if (ev.type != YAML_SCALAR_EVENT) {
				n->type = ev.type == YAML_MAPPING_START_EVENT
				              ? YN_MAP
				              : YN_SEQ;
				break;
			}
			len = ev.data.scalar.length;
			if (len > YAML_MAX_STRING) {
				diag_error(&pos,
				           "a text of %zu bytes; a value may "
				           "have at most %u bytes (64 KiB)",
				           len, YAML_MAX_STRING);
				n->type = YN_BAD;
				break;
			}
			n->type = YN_SCALAR;
			n->str = pool_strndup(
			    pool, (const char *)ev.data.scalar.value, len);
			n->plain =
			    ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			n->null = is_null(n->str, len, n->plain);
			if (strlen(n->str) != len) {
				diag_error(&pos, "a text holding a NUL "
				                 "character (\\0)");
				n->type = YN_BAD;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct frame *f = &st[depth];

			f->node->nkids = f->nkids;
			f->node->kids = pool_alloc(
			    pool, (f->nkids ? f->nkids : 1) * sizeof(*f->kids));
			if (f->nkids)
				memcpy(f->node->kids, f->kids,
				       f->nkids * sizeof(*f->kids));
			free(f->kids);
			depth--;
			break;
		}
		default:
			break;
		}
		if (n != NULL) {
			if (depth >= 0)
				frame_add(&st[depth], n);
			else
				root = n;
			if (n->type == YN_MAP || n->type == YN_SEQ) {
				if (depth + 1 >= YAML_MAX_DEPTH) {
					diag_error(&pos,
					           "nested more than %d levels "
					           "deep; input files need at "
					           "most 5",
					           YAML_MAX_DEPTH);
					failed = true;
					done = true;
				} else {
					depth++;
					st[depth] =
					    (struct frame){n, NULL, 0, 0};
				}
			}
		}
		yaml_event_delete(&ev);
	}
	while (depth >= 0)
		free(st[depth--].kids);
	yaml_parser_delete(&parser);
	if (!failed && root == NULL) {
		pos = (struct src_pos){path, 1, 1};
		diag_error(&pos, "the file is empty; %s %s holds %s",
		           textfile_article(kind->what), _(kind->what),
		           _(kind->holds));
		failed = true;
	}
	free(data);
	return failed ? NULL : root;
}
