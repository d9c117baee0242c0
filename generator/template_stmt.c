/*
 * template_stmt.c - statement tags, {% name ... %}, and the parser of a
 * file's items into the operation tree.  Each statement is a parse
 * function in the table `stmts[]`; a block statement's body is parsed
 * by the one parse_body().  After a broken statement the parse goes on
 * (a broken block's tag skips to its end tag), so that one run reports
 * every broken statement.
 */
#include "template_int.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct op *parse_seq(struct parser *, const char *const *ends,
                            struct tok **endtok);

static struct op *
new_op(struct parser *ps, enum opk k, const struct src_pos *pos)
{
	struct op *o = palloc(ps, sizeof(*o));
	o->k = k;
	o->pos = *pos;
	return o;
}

static bool
end_of_tag(struct parser *ps)
{
	char tmp[64];

	if (cur(ps)->t == T_CLOSE)
		return true;
	terr(ps->ts, &cur(ps)->pos,
	     "expected the end of the tag \"%%}\", "
	     "found %s",
	     tok_show(cur(ps), tmp, sizeof(tmp)));
	return false;
}

static void
push_open(struct parser *ps, const char *name, const struct src_pos *pos)
{
	if (ps->nopen < MAX_DEPTH) {
		ps->open[ps->nopen] = name;
		ps->openpos[ps->nopen] = *pos;
	}
	ps->nopen++;
}

static const char *const tag_names[] = {
    "if",      "elif",      "else", "endif", "for",      "endfor", "set",
    "include", "component", "toc",  "block", "endblock", NULL};

static bool
bad_tag(struct parser *ps, struct tok *t)
{
	struct names ns = {0};
	struct buf b;
	char *name = xstrndup(t->s, t->len);

	for (const char *const *n = tag_names; *n; n++)
		names_add(&ns, *n);
	buf_init(&b);
	did_you_mean(&b, name, ns.v, ns.n);
	terr(ps->ts, &t->pos, "unknown tag \"%s\"%s", name, b.data);
	free(name);
	buf_free(&b);
	return false;
}

/* A path is allowed if relative, made of plain names, ending in .tmpl. */
static bool
include_path_ok(const char *p)
{
	size_t n = strlen(p);

	if (n == 0 || p[0] == '/' || n < 6 || strcmp(p + n - 5, ".tmpl") != 0)
		return false;
	for (const char *s = p; *s;) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 0 || (len == 1 && s[0] == '.') ||
		    (len == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		s += len + (e ? 1 : 0);
	}
	return strchr(p, '\\') == NULL;
}

/* A placeholder {{ expr }}; NULL after an error (reported), past it
 * either way. */
static struct op *
parse_print(struct parser *ps, const struct item *it)
{
	struct op *o = new_op(ps, OP_PRINT, &it->pos);

	ps->tok = 0;
	o->e = parse_expr(ps);
	if (o->e == NULL ||
	    !expect(ps, T_CLOSE, "", "\"}}\" to close the placeholder")) {
		ps->item++;
		return NULL;
	}
	ps->item++;
	if (o->e->ty.t == VT_LIST || o->e->ty.t == VT_OBJ) {
		terr(ps->ts, &o->e->pos,
		     "%s cannot be printed; take one of its fields or loop "
		     "over it with for",
		     o->e->ty.t == VT_LIST ? _("a list")
		                           : kind_name(o->e->ty.k));
		return NULL;
	}
	return o;
}

/* The type each kind of component argument must have. */
static const struct {
	enum vt t;
	enum kind k;
	const char *what;
} comp_want[] = {
    [CT_MILESTONES] = {VT_LIST, K_MILESTONE, "a list of milestones"},
    [CT_INDICATORS] = {VT_LIST, K_INDICATOR, "a list of indicators"},
    [CT_ASPECTS] = {VT_LIST, K_ASPECT, "a list of aspects"},
    [CT_ASPECT] = {VT_OBJ, K_ASPECT, "an aspect"},
    [CT_INDICATOR] = {VT_OBJ, K_INDICATOR, "an indicator"},
    [CT_STRING] = {VT_STR, 0, "a text"},
    [CT_NUMBER] = {VT_NUM, 0, "a number"},
    [CT_BOOL] = {VT_BOOL, 0, "true or false"},
};

/* The component named by the current token, or NULL (reported). */
static const struct component *
component_of(struct parser *ps)
{
	struct tok *t = cur(ps);
	const struct component *c;

	if (t->t != T_ID) {
		terr(ps->ts, &t->pos, "expected the component's name");
		return NULL;
	}
	char *name = xstrndup(t->s, t->len);
	if ((c = component_find(name)) == NULL) {
		struct names ns = {0};
		struct buf b;
		const char *n;
		for (size_t i = 0; (n = component_name(i)) != NULL; i++)
			names_add(&ns, n);
		buf_init(&b);
		did_you_mean(&b, name, ns.v, ns.n);
		terr(ps->ts, &t->pos, "unknown component \"%s\"%s", name,
		     b.data);
		buf_free(&b);
	}
	free(name);
	ps->tok++;
	return c;
}

/* One name=value argument of the component o->comp, which has np. */
static bool
parse_component_arg(struct parser *ps, struct op *o, size_t np)
{
	const struct component *c = o->comp;
	struct tok *a = cur(ps);
	size_t k;

	if (a->t != T_ID) {
		terr(ps->ts, &a->pos, "expected an argument as name=value");
		return false;
	}
	for (k = 0; k < np; k++)
		if (strlen(c->params[k].name) == a->len &&
		    memcmp(c->params[k].name, a->s, a->len) == 0)
			break;
	if (k == np) {
		struct names ns = {0};
		struct buf b;
		char *an = xstrndup(a->s, a->len);
		for (size_t i = 0; i < np; i++)
			names_add(&ns, c->params[i].name);
		buf_init(&b);
		did_you_mean(&b, an, ns.v, ns.n);
		terr(ps->ts, &a->pos,
		     "the component \"%s\" has no argument \"%s\"%s", c->name,
		     an, b.data);
		free(an);
		buf_free(&b);
		return false;
	}
	if (o->cargs[k] != NULL) {
		terr(ps->ts, &a->pos, "the argument \"%s\" is given twice",
		     c->params[k].name);
		return false;
	}
	ps->tok++;
	if (!expect(ps, T_OP, "=", "\"=\" after the argument's name"))
		return false;
	struct expr *e = parse_expr(ps);
	if (e == NULL)
		return false;
	enum comp_type ct = c->params[k].type;
	if (e->ty.t != VT_ANY &&
	    (e->ty.t != comp_want[ct].t ||
	     (comp_want[ct].k != 0 && e->ty.k != comp_want[ct].k))) {
		terr(ps->ts, &e->pos,
		     "the argument \"%s\" of \"%s\" must be %s",
		     c->params[k].name, c->name, comp_want[ct].what);
		return false;
	}
	o->cargs[k] = e;
	return true;
}

/* {% component name arg=expr ... %} */
static struct op *
parse_component(struct parser *ps, struct tok *tag)
{
	const struct component *c = component_of(ps);
	struct op *o;
	size_t np = 0;

	if (c == NULL)
		return NULL;
	o = new_op(ps, OP_COMPONENT, &tag->pos);
	o->comp = c;
	while (c->params[np].name)
		np++;
	o->cargs = palloc(ps, (np + 1) * sizeof(*o->cargs));
	while (cur(ps)->t != T_CLOSE)
		if (!parse_component_arg(ps, o, np))
			return NULL;
	for (size_t k = 0; k < np; k++)
		if (c->params[k].required && o->cargs[k] == NULL) {
			terr(ps->ts, &tag->pos,
			     "the component \"%s\" needs the argument \"%s\"",
			     c->name, c->params[k].name);
			return NULL;
		}
	return end_of_tag(ps) ? o : NULL;
}

/*
 * The body of the block `name` opened by `tag`, from the item after the
 * current one up to one of `ends` (*end, its name consumed).  False,
 * reported, when the file ends first.  This is the one body parser of
 * every block statement.
 */
static bool
parse_body(struct parser *ps, const struct tok *tag, const char *name,
           const char *const *ends, struct op **body, struct tok **end)
{
	ps->item++;
	push_open(ps, name, &tag->pos);
	*body = parse_seq(ps, ends, end);
	ps->nopen--;
	if (ps->ts->stop)
		return false;
	if (*end == NULL) {
		terr(ps->ts, &tag->pos,
		     "this {%% %s %%} is not closed: add {%% end%s %%}", name,
		     name);
		return false;
	}
	return true;
}

/* {% if c %} ... {% elif c %} ... {% else %} ... {% endif %} */
static struct op *
parse_if(struct parser *ps, struct tok *t)
{
	static const char *const ifends[] = {"elif", "else", "endif", NULL};
	static const char *const elseends[] = {"endif", NULL};
	struct expr *conds[64];
	struct op *bodies[64];
	size_t n = 0;
	struct tok *end = t;
	struct op *o = new_op(ps, OP_IF, &t->pos);

	do {
		if (n == 64) {
			terr(ps->ts, &end->pos, "at most 64 elif in one if");
			return NULL;
		}
		if ((conds[n] = parse_expr(ps)) == NULL || !end_of_tag(ps) ||
		    !parse_body(ps, t, "if", ifends, &bodies[n], &end))
			return NULL;
		n++;
	} while (tok_is(end, T_ID, "elif"));
	if (tok_is(end, T_ID, "else") &&
	    (!end_of_tag(ps) ||
	     !parse_body(ps, t, "if", elseends, &o->els, &end)))
		return NULL;
	if (!end_of_tag(ps))
		return NULL;
	o->conds = palloc(ps, n * sizeof(*conds));
	o->bodies = palloc(ps, n * sizeof(*bodies));
	memcpy(o->conds, conds, n * sizeof(*conds));
	memcpy(o->bodies, bodies, n * sizeof(*bodies));
	o->nconds = n;
	return o;
}

/* The "sort by key desc, key2" part of a for, after "sort". */
static bool
parse_sort(struct parser *ps, struct op *o)
{
	struct sortkey keys[8];
	size_t nkeys = 0;

	if (!expect(ps, T_ID, "by", "\"by\" after sort"))
		return false;
	do {
		if (nkeys == 8) {
			terr(ps->ts, &cur(ps)->pos, "at most 8 sort keys");
			return false;
		}
		if ((keys[nkeys].e = parse_expr(ps)) == NULL)
			return false;
		keys[nkeys].desc = accept(ps, T_ID, "desc");
		if (!keys[nkeys].desc)
			accept(ps, T_ID, "asc");
		nkeys++;
	} while (accept(ps, T_OP, ","));
	o->sort = palloc(ps, (nkeys + 1) * sizeof(*keys));
	memcpy(o->sort, keys, nkeys * sizeof(*keys));
	o->nsort = nkeys;
	return true;
}

/* The head of a for: "x in list where c sort by k limit n". */
static bool
parse_for_head(struct parser *ps, struct op *o)
{
	struct tok *name = cur(ps);
	static const struct tok looptok = {T_ID, "loop", 4, 0, {0}};

	if (name->t != T_ID) {
		terr(ps->ts, &name->pos,
		     "expected a name after for: {%% for m in milestones %%}");
		return false;
	}
	ps->tok++;
	if (!expect(ps, T_ID, "in", "\"in\" after the loop's name") ||
	    (o->e = parse_expr(ps)) == NULL)
		return false;
	if (o->e->ty.t != VT_LIST) {
		terr(ps->ts, &o->e->pos,
		     "for needs a list, such as milestones or "
		     "aspect.children; this is %s",
		     o->e->ty.t == VT_OBJ ? kind_name(o->e->ty.k)
		                          : vt_name(o->e->ty.t));
		return false;
	}
	if ((o->slot = new_var(ps, name, (struct stype){VT_OBJ, o->e->ty.k})) <
	    0)
		return false;
	o->loopslot = new_var(ps, &looptok, (struct stype){VT_OBJ, K_LOOP});
	if (accept(ps, T_ID, "where") && (o->where = parse_expr(ps)) == NULL)
		return false;
	if (accept(ps, T_ID, "sort") && !parse_sort(ps, o))
		return false;
	if (accept(ps, T_ID, "limit")) {
		if ((o->limit = parse_expr(ps)) == NULL)
			return false;
		if (o->limit->ty.t != VT_NUM) {
			terr(ps->ts, &o->limit->pos, "limit needs a number");
			return false;
		}
	}
	return end_of_tag(ps);
}

/* {% for x in list ... %} ... {% else %} ... {% endfor %} */
static struct op *
parse_for(struct parser *ps, struct tok *t)
{
	static const char *const forends[] = {"else", "endfor", NULL};
	static const char *const elseends[] = {"endfor", NULL};
	struct tok *end = NULL;
	size_t save = ps->nvars;
	struct op *o = new_op(ps, OP_FOR, &t->pos);

	if (!parse_for_head(ps, o))
		return NULL;
	bool ok = parse_body(ps, t, "for", forends, &o->body, &end);
	ps->nvars = save; /* the loop's names end with its body */
	if (ok && tok_is(end, T_ID, "else"))
		ok = end_of_tag(ps) &&
		     parse_body(ps, t, "for", elseends, &o->els, &end);
	return ok && end_of_tag(ps) ? o : NULL;
}

/* {% set x = expr %} */
static struct op *
parse_set(struct parser *ps, struct tok *t)
{
	struct tok *name = cur(ps);
	struct op *o = new_op(ps, OP_SET, &t->pos);

	if (name->t != T_ID) {
		terr(ps->ts, &name->pos, "expected a name after set");
		return NULL;
	}
	ps->tok++;
	if (!expect(ps, T_OP, "=", "\"=\" after the name") ||
	    (o->e = parse_expr(ps)) == NULL || !end_of_tag(ps))
		return NULL;
	if ((o->slot = new_var(ps, name, o->e->ty)) < 0)
		return NULL;
	return o;
}

/* {% include "partials/x.tmpl" %}: the file's operations, parsed here
 * with the variables of this place. */
static struct op *
parse_include(struct parser *ps, struct tok *t)
{
	struct tok *p = cur(ps);
	struct tmpl_set *ts = ps->ts;

	if (p->t != T_STR) {
		terr(ts, &p->pos,
		     "include takes a file name in quotes: "
		     "{%% include \"partials/x.tmpl\" %%}");
		return NULL;
	}
	ps->tok++;
	if (!end_of_tag(ps))
		return NULL;
	if (!include_path_ok(p->s)) {
		terr(ts, &p->pos,
		     "\"%s\" is not allowed: an include names a .tmpl "
		     "file inside the templates folder, relative to "
		     "it, without \"..\" or a leading \"/\"",
		     p->s);
		return NULL;
	}
	for (int k = 0; k < ts->incdepth; k++)
		if (strcmp(ts->incstack[k], p->s) == 0) {
			terr(ts, &p->pos,
			     "\"%s\" includes itself (through the "
			     "includes in between)",
			     p->s);
			return NULL;
		}
	if (ts->incdepth >= MAX_DEPTH - 1) {
		terr(ts, &p->pos, "includes nested too deeply");
		return NULL;
	}
	struct tfile *f = load_file(ts, p->s, &p->pos);
	if (f == NULL)
		return NULL;
	struct op *o = new_op(ps, OP_SEQ, &t->pos);
	ts->incstack[ts->incdepth++] = p->s;
	o->body = parse_file_ops(ts, f, ps);
	ts->incdepth--;
	return ts->stop ? NULL : o;
}

/* {% toc %} or {% toc depth=3 %} */
static struct op *
parse_toc(struct parser *ps, struct tok *t)
{
	struct op *o = new_op(ps, OP_TOC, &t->pos);

	o->depth = 2;
	if (accept(ps, T_ID, "depth")) {
		if (!expect(ps, T_OP, "=", "\"=\" after depth"))
			return NULL;
		struct tok *n = cur(ps);
		if (n->t != T_NUM || n->num < 1 || n->num > 6) {
			terr(ps->ts, &n->pos, "depth is a number from 1 to 6");
			return NULL;
		}
		o->depth = (int)n->num;
		ps->tok++;
	}
	return end_of_tag(ps) ? o : NULL;
}

static const char *const block_classes[] = {
    "titlepage", "notice", "summary", "note", "keyfigures", NULL};

/* {% block class %} ... {% endblock %} */
static struct op *
parse_block(struct parser *ps, struct tok *t)
{
	static const char *const bends[] = {"endblock", NULL};
	struct tok *n = cur(ps), *end = NULL;
	const char *const *c = block_classes;

	if (n->t == T_ID)
		while (*c != NULL && !tok_is(n, T_ID, *c))
			c++;
	if (n->t != T_ID || *c == NULL) {
		struct names ns = {0};
		struct buf b;
		char *name =
		    n->t == T_ID ? xstrndup(n->s, n->len) : xstrdup("");
		for (c = block_classes; *c; c++)
			names_add(&ns, *c);
		buf_init(&b);
		did_you_mean(&b, name, ns.v, ns.n);
		terr(ps->ts, &n->pos, "unknown block \"%s\"%s", name, b.data);
		free(name);
		buf_free(&b);
		return NULL;
	}
	ps->tok++;
	if (!end_of_tag(ps))
		return NULL;
	struct op *o = new_op(ps, OP_BLOCK, &t->pos);
	o->text = *c;
	if (!parse_body(ps, t, "block", bends, &o->body, &end))
		return NULL;
	return end_of_tag(ps) ? o : NULL;
}

/* The statements: to add one, write its parse function and add a line
 * here (and its name to tag_names, for "did you mean"). */
static const struct stmt {
	const char *tag;
	const char *end; /* the tag that closes it; NULL for a single tag */
	struct op *(*parse)(struct parser *, struct tok *tag);
} stmts[] = {
    {"if", "endif", parse_if},
    {"for", "endfor", parse_for},
    {"set", NULL, parse_set},
    {"include", NULL, parse_include},
    {"component", NULL, parse_component},
    {"toc", NULL, parse_toc},
    {"block", "endblock", parse_block},
};
#define NSTMTS (sizeof(stmts) / sizeof(stmts[0]))

static const struct stmt *
stmt_of(const struct tok *t)
{
	for (size_t i = 0; i < NSTMTS; i++)
		if (tok_is(t, T_ID, stmts[i].tag))
			return &stmts[i];
	return NULL;
}

/* The name of a statement item, or NULL for a comment or a tag that
 * does not start with a name. */
static const struct tok *
stmt_name(const struct item *it)
{
	if (it->t != IT_STMT || it->ntoks == 0 || it->toks[0].t != T_ID)
		return NULL;
	return &it->toks[0];
}

/*
 * After a block statement that could not be parsed, moves to the end
 * tag that closes it (counting the blocks opened and closed in
 * between), so that the parse goes on after the block, not inside it
 * with its names unknown.  At the end of the file, reports the block
 * as not closed.
 */
static void
skip_block(struct parser *ps, const struct tok *tag, const struct stmt *s)
{
	int depth = 1;

	for (size_t k = ps->item + 1; k < ps->f->nitems; k++) {
		const struct tok *n = stmt_name(&ps->f->items[k]);
		const struct stmt *inner = n != NULL ? stmt_of(n) : NULL;
		if (inner != NULL && inner->end != NULL)
			depth++;
		for (size_t i = 0; n != NULL && i < NSTMTS; i++)
			if (stmts[i].end != NULL &&
			    tok_is(n, T_ID, stmts[i].end))
				depth--;
		if (depth == 0) {
			ps->item = k;
			return;
		}
	}
	terr(ps->ts, &tag->pos, "this {%% %s %%} is not closed: add {%% %s %%}",
	     s->tag, s->end);
	ps->item = ps->f->nitems - 1;
}

/* A known tag out of place: an elif, else or end tag of no open block. */
static bool
misplaced_tag(struct parser *ps, const struct tok *t)
{
	for (const char *const *e = tag_names; *e; e++) {
		if (!tok_is(t, T_ID, *e))
			continue;
		if (ps->nopen > 0) {
			const char *ob = ps->open[ps->nopen - 1];
			terr(ps->ts, &t->pos,
			     "{%% %s %%} does not belong here: the "
			     "open block is the {%% %s %%} of line "
			     "%u, which ends with {%% end%s %%}",
			     *e, ob, ps->openpos[ps->nopen - 1].line, ob);
		} else
			terr(ps->ts, &t->pos,
			     "{%% %s %%} without the block it belongs to", *e);
		return true;
	}
	return false;
}

/*
 * One statement tag; returns its op, or NULL for a comment or a tag
 * with an error (reported; the current item is then the last one of
 * the statement, so that the parse goes on after it).  *endtok is set
 * instead when the tag is one of `ends`.
 */
static struct op *
parse_stmt(struct parser *ps, const char *const *ends, struct tok **endtok,
           bool *is_end)
{
	struct item *it = &ps->f->items[ps->item];
	struct tok *t;
	const struct stmt *s;

	*is_end = false;
	if (it->ntoks == 0) /* a comment */
		return NULL;
	t = &it->toks[0];
	ps->tok = 0;
	if (t->t != T_ID) {
		terr(ps->ts, &t->pos,
		     "a tag starts with its name, such as if, for or include");
		return NULL;
	}
	ps->tok = 1;
	for (const char *const *e = ends; e && *e; e++)
		if (tok_is(t, T_ID, *e)) {
			*is_end = true;
			*endtok = t;
			return NULL;
		}
	if ((s = stmt_of(t)) == NULL) {
		if (!misplaced_tag(ps, t))
			bad_tag(ps, t);
		return NULL;
	}
	size_t item = ps->item, save = ps->nvars;
	struct op *o = s->parse(ps, t);
	if (o != NULL)
		return o;
	ps->nvars = save;
	/* A block whose tag (or elif, else) is wrong: skip its body.
	 * One whose end tag is wrong, or that the file ends in, is over. */
	if (s->end != NULL && ps->item < ps->f->nitems && !ps->ts->stop) {
		const struct tok *n = stmt_name(&ps->f->items[ps->item]);
		if (ps->item == item || n == NULL || !tok_is(n, T_ID, s->end))
			skip_block(ps, t, s);
	}
	return NULL;
}

/*
 * Operations up to one of the tags in `ends` (which is left as the
 * current item, its name consumed) or the end of the file (*endtok =
 * NULL).  A placeholder or a statement with an error is left out and
 * the parse goes on after it (after the whole block, for a block whose
 * tag is wrong), so that one run reports every one of them; the set is
 * refused in the end.
 */
static struct op *
parse_seq(struct parser *ps, const char *const *ends, struct tok **endtok)
{
	struct op *head = NULL, **tail = &head;
	size_t save = ps->nvars;

	*endtok = NULL;
	if (++ps->depth > MAX_DEPTH) {
		size_t k = ps->item > 0 ? ps->item - 1 : 0;
		terr(ps->ts, &ps->f->items[k].pos,
		     "blocks are nested too deeply");
		ps->ts->stop = true;
		return NULL;
	}
	while (ps->item < ps->f->nitems && !ps->ts->stop) {
		struct item *it = &ps->f->items[ps->item];
		struct op *o = NULL;
		bool is_end = false;

		switch (it->t) {
		case IT_TEXT:
			ps->item++;
			if (it->len == 0)
				continue;
			o = new_op(ps, OP_TEXT, &it->pos);
			o->text = it->s;
			o->len = it->len;
			break;
		case IT_EXPR:
			if ((o = parse_print(ps, it)) == NULL)
				continue;
			break;
		case IT_STMT:
			o = parse_stmt(ps, ends, endtok, &is_end);
			if (is_end) {
				ps->depth--;
				ps->nvars = save;
				return head;
			}
			/* past the tag (or the last tag of its block) */
			ps->item++;
			if (o == NULL) /* a comment, or an error */
				continue;
			break;
		}
		*tail = o;
		tail = &o->next;
	}
	ps->depth--;
	ps->nvars = save;
	return head;
}

struct op *
parse_file_ops(struct tmpl_set *ts, struct tfile *f, struct parser *outer)
{
	struct parser *ps = xcalloc(1, sizeof(*ps));
	struct tok *end;
	struct op *body;

	ps->ts = ts;
	ps->f = f;
	if (outer != NULL) {
		/* An include sees the variables of the place it is
		 * included from. */
		memcpy(ps->vars, outer->vars,
		       outer->nvars * sizeof(ps->vars[0]));
		ps->nvars = outer->nvars;
		ps->depth = outer->depth;
	}
	body = parse_seq(ps, NULL, &end);
	free(ps);
	return body;
}
