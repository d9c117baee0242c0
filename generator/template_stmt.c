/*
 * template_stmt.c - statement tags, {% name ... %}: the parser of a
 * file's items into the operation tree.
 */
#include "template_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statements */

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

static struct op *
parse_component(struct parser *ps, struct tok *tag)
{
	struct tok *t = cur(ps);
	const struct component *c;
	struct op *o;

	if (t->t != T_ID) {
		terr(ps->ts, &t->pos, "expected the component's name");
		return NULL;
	}
	char *name = xstrndup(t->s, t->len);
	c = component_find(name);
	if (c == NULL) {
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
		free(name);
		return NULL;
	}
	free(name);
	ps->tok++;
	o = new_op(ps, OP_COMPONENT, &tag->pos);
	o->comp = c;
	size_t np = 0;
	while (c->params[np].name)
		np++;
	o->cargs = palloc(ps, (np + 1) * sizeof(*o->cargs));
	while (cur(ps)->t != T_CLOSE) {
		struct tok *a = cur(ps);
		size_t k;
		if (a->t != T_ID) {
			terr(ps->ts, &a->pos,
			     "expected an argument as name=value");
			return NULL;
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
			     "the component \"%s\" has no argument \"%s\"%s",
			     c->name, an, b.data);
			free(an);
			buf_free(&b);
			return NULL;
		}
		if (o->cargs[k] != NULL) {
			terr(ps->ts, &a->pos,
			     "the argument \"%s\" is given "
			     "twice",
			     c->params[k].name);
			return NULL;
		}
		ps->tok++;
		if (!expect(ps, T_OP, "=", "\"=\" after the argument's name"))
			return NULL;
		struct expr *e = parse_expr(ps);
		if (e == NULL)
			return NULL;
		/* the argument's type */
		static const struct {
			enum vt t;
			enum kind k;
			const char *what;
		} want[] = {
		    [CT_MILESTONES] = {VT_LIST, K_MILESTONE,
		                       "a list of milestones"},
		    [CT_INDICATORS] = {VT_LIST, K_INDICATOR,
		                       "a list of indicators"},
		    [CT_ASPECTS] = {VT_LIST, K_ASPECT, "a list of aspects"},
		    [CT_ASPECT] = {VT_OBJ, K_ASPECT, "an aspect"},
		    [CT_INDICATOR] = {VT_OBJ, K_INDICATOR, "an indicator"},
		    [CT_STRING] = {VT_STR, 0, "a text"},
		    [CT_NUMBER] = {VT_NUM, 0, "a number"},
		    [CT_BOOL] = {VT_BOOL, 0, "true or false"},
		};
		enum comp_type ct = c->params[k].type;
		bool fits = e->ty.t == VT_ANY ||
		            (e->ty.t == want[ct].t &&
		             (want[ct].k == 0 || e->ty.k == want[ct].k));
		if (!fits) {
			terr(ps->ts, &e->pos,
			     "the argument \"%s\" of \"%s\" must be %s",
			     c->params[k].name, c->name, want[ct].what);
			return NULL;
		}
		o->cargs[k] = e;
	}
	for (size_t k = 0; k < np; k++)
		if (c->params[k].required && o->cargs[k] == NULL) {
			terr(ps->ts, &tag->pos,
			     "the component \"%s\" needs the argument \"%s\"",
			     c->name, c->params[k].name);
			return NULL;
		}
	return o;
}

static const char *const block_classes[] = {"titlepage", "notice", "summary",
                                            "note", NULL};

/* One statement tag; returns its op (or NULL on error).  *endtok is
 * set instead when the tag is one of `ends`. */
static struct op *
parse_stmt(struct parser *ps, const char *const *ends, struct tok **endtok,
           bool *is_end)
{
	struct item *it = &ps->f->items[ps->item];
	struct tok *t;
	struct op *o = NULL;

	*is_end = false;
	if (it->ntoks == 0) /* a comment */
		return NULL;
	t = &it->toks[0];
	ps->tok = 0;
	if (t->t != T_ID) {
		terr(ps->ts, &t->pos,
		     "a tag starts with its name, such as "
		     "if, for or include");
		return NULL;
	}
	for (const char *const *e = ends; e && *e; e++)
		if (tok_is(t, T_ID, *e)) {
			*is_end = true;
			*endtok = t;
			ps->tok = 1;
			return NULL;
		}
	ps->tok = 1;
	if (tok_is(t, T_ID, "if")) {
		static const char *const ifends[] = {"elif", "else", "endif",
		                                     NULL};
		struct expr *conds[64];
		struct op *bodies[64];
		size_t n = 0;
		struct tok *end = t;
		o = new_op(ps, OP_IF, &t->pos);
		for (;;) {
			if (n == 64) {
				terr(ps->ts, &end->pos,
				     "at most 64 elif in one if");
				return NULL;
			}
			if ((conds[n] = parse_expr(ps)) == NULL ||
			    !end_of_tag(ps))
				return NULL;
			ps->item++;
			push_open(ps, "if", &t->pos);
			bodies[n] = parse_seq(ps, ifends, &end);
			ps->nopen--;
			if (ps->ts->stop)
				return NULL;
			n++;
			if (end == NULL) {
				terr(ps->ts, &t->pos,
				     "this {%% if %%} is not "
				     "closed: add {%% endif "
				     "%%}");
				return NULL;
			}
			if (tok_is(end, T_ID, "elif"))
				continue;
			if (tok_is(end, T_ID, "else")) {
				static const char *const elseends[] = {"endif",
				                                       NULL};
				struct tok *e2 = NULL;
				if (!end_of_tag(ps))
					return NULL;
				ps->item++;
				push_open(ps, "if", &t->pos);
				o->els = parse_seq(ps, elseends, &e2);
				ps->nopen--;
				if (ps->ts->stop)
					return NULL;
				if (e2 == NULL) {
					terr(ps->ts, &t->pos,
					     "this {%% if %%} is not closed: "
					     "add {%% endif %%}");
					return NULL;
				}
			}
			if (!end_of_tag(ps))
				return NULL;
			break;
		}
		o->conds = palloc(ps, n * sizeof(*conds));
		o->bodies = palloc(ps, n * sizeof(*bodies));
		memcpy(o->conds, conds, n * sizeof(*conds));
		memcpy(o->bodies, bodies, n * sizeof(*bodies));
		o->nconds = n;
		return o;
	}
	if (tok_is(t, T_ID, "for")) {
		static const char *const forends[] = {"else", "endfor", NULL};
		struct tok *name = cur(ps), *end = NULL;
		struct sortkey keys[8];
		size_t nkeys = 0, save = ps->nvars;
		o = new_op(ps, OP_FOR, &t->pos);
		if (name->t != T_ID) {
			terr(ps->ts, &name->pos,
			     "expected a name after for: "
			     "{%% for m in milestones %%}");
			return NULL;
		}
		ps->tok++;
		if (!expect(ps, T_ID, "in", "\"in\" after the loop's name") ||
		    (o->e = parse_expr(ps)) == NULL)
			return NULL;
		if (o->e->ty.t != VT_LIST) {
			terr(ps->ts, &o->e->pos,
			     "for needs a list, such as milestones or "
			     "aspect.children; this is %s",
			     o->e->ty.t == VT_OBJ ? kind_names[o->e->ty.k]
			                          : vt_names[o->e->ty.t]);
			return NULL;
		}
		if ((o->slot = new_var(ps, name,
		                       (struct stype){VT_OBJ, o->e->ty.k})) < 0)
			return NULL;
		static const struct tok looptok = {T_ID, "loop", 4, 0, {0}};
		o->loopslot =
		    new_var(ps, &looptok, (struct stype){VT_OBJ, K_LOOP});
		if (accept(ps, T_ID, "where") &&
		    (o->where = parse_expr(ps)) == NULL)
			return NULL;
		if (accept(ps, T_ID, "sort")) {
			if (!expect(ps, T_ID, "by", "\"by\" after sort"))
				return NULL;
			do {
				if (nkeys == 8) {
					terr(ps->ts, &cur(ps)->pos,
					     "at most 8 sort keys");
					return NULL;
				}
				if ((keys[nkeys].e = parse_expr(ps)) == NULL)
					return NULL;
				keys[nkeys].desc = accept(ps, T_ID, "desc");
				if (!keys[nkeys].desc)
					accept(ps, T_ID, "asc");
				nkeys++;
			} while (accept(ps, T_OP, ","));
		}
		if (accept(ps, T_ID, "limit")) {
			if ((o->limit = parse_expr(ps)) == NULL)
				return NULL;
			if (o->limit->ty.t != VT_NUM) {
				terr(ps->ts, &o->limit->pos,
				     "limit needs a number");
				return NULL;
			}
		}
		if (!end_of_tag(ps))
			return NULL;
		o->sort = palloc(ps, (nkeys + 1) * sizeof(*keys));
		memcpy(o->sort, keys, nkeys * sizeof(*keys));
		o->nsort = nkeys;
		ps->item++;
		push_open(ps, "for", &t->pos);
		o->body = parse_seq(ps, forends, &end);
		ps->nopen--;
		ps->nvars = save;
		if (ps->ts->stop)
			return NULL;
		if (end != NULL && tok_is(end, T_ID, "else")) {
			static const char *const e2[] = {"endfor", NULL};
			if (!end_of_tag(ps))
				return NULL;
			ps->item++;
			push_open(ps, "for", &t->pos);
			o->els = parse_seq(ps, e2, &end);
			ps->nopen--;
			if (ps->ts->stop)
				return NULL;
		}
		if (end == NULL) {
			terr(ps->ts, &t->pos,
			     "this {%% for %%} is not closed: "
			     "add {%% endfor %%}");
			return NULL;
		}
		return end_of_tag(ps) ? o : NULL;
	}
	if (tok_is(t, T_ID, "set")) {
		struct tok *name = cur(ps);
		o = new_op(ps, OP_SET, &t->pos);
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
	if (tok_is(t, T_ID, "include")) {
		struct tok *p = cur(ps);
		if (p->t != T_STR) {
			terr(ps->ts, &p->pos,
			     "include takes a file name in "
			     "quotes: {%% include "
			     "\"partials/x.tmpl\" %%}");
			return NULL;
		}
		ps->tok++;
		if (!end_of_tag(ps))
			return NULL;
		if (!include_path_ok(p->s)) {
			terr(ps->ts, &p->pos,
			     "\"%s\" is not allowed: an include names a .tmpl "
			     "file inside the templates folder, relative to "
			     "it, without \"..\" or a leading \"/\"",
			     p->s);
			return NULL;
		}
		for (int k = 0; k < ps->ts->incdepth; k++)
			if (strcmp(ps->ts->incstack[k], p->s) == 0) {
				terr(ps->ts, &p->pos,
				     "\"%s\" includes itself (through the "
				     "includes in between)",
				     p->s);
				return NULL;
			}
		if (ps->ts->incdepth >= MAX_DEPTH - 1) {
			terr(ps->ts, &p->pos, "includes nested too deeply");
			return NULL;
		}
		struct tfile *f = load_file(ps->ts, p->s, &p->pos);
		if (f == NULL)
			return NULL;
		o = new_op(ps, OP_SEQ, &t->pos);
		ps->ts->incstack[ps->ts->incdepth++] = p->s;
		o->body = parse_file_ops(ps->ts, f, ps);
		ps->ts->incdepth--;
		return ps->ts->stop ? NULL : o;
	}
	if (tok_is(t, T_ID, "component")) {
		o = parse_component(ps, t);
		return o != NULL && end_of_tag(ps) ? o : NULL;
	}
	if (tok_is(t, T_ID, "toc")) {
		o = new_op(ps, OP_TOC, &t->pos);
		o->depth = 2;
		if (accept(ps, T_ID, "depth")) {
			struct tok *n = cur(ps);
			if (!expect(ps, T_OP, "=", "\"=\" after depth"))
				return NULL;
			n = cur(ps);
			if (n->t != T_NUM || n->num < 1 || n->num > 6) {
				terr(ps->ts, &n->pos,
				     "depth is a number from "
				     "1 to 6");
				return NULL;
			}
			o->depth = (int)n->num;
			ps->tok++;
		}
		return end_of_tag(ps) ? o : NULL;
	}
	if (tok_is(t, T_ID, "block")) {
		static const char *const bends[] = {"endblock", NULL};
		struct tok *n = cur(ps), *end = NULL;
		const char *const *c = block_classes;
		if (n->t == T_ID)
			for (; *c; c++)
				if (tok_is(n, T_ID, *c))
					break;
		if (n->t != T_ID || *c == NULL) {
			struct names ns = {0};
			struct buf b;
			char *name =
			    n->t == T_ID ? xstrndup(n->s, n->len) : xstrdup("");
			for (c = block_classes; *c; c++)
				names_add(&ns, *c);
			buf_init(&b);
			did_you_mean(&b, name, ns.v, ns.n);
			terr(ps->ts, &n->pos, "unknown block \"%s\"%s", name,
			     b.data);
			free(name);
			buf_free(&b);
			return NULL;
		}
		ps->tok++;
		if (!end_of_tag(ps))
			return NULL;
		o = new_op(ps, OP_BLOCK, &t->pos);
		o->text = *c;
		ps->item++;
		push_open(ps, "block", &t->pos);
		o->body = parse_seq(ps, bends, &end);
		ps->nopen--;
		if (ps->ts->stop)
			return NULL;
		if (end == NULL) {
			terr(ps->ts, &t->pos,
			     "this {%% block %%} is not "
			     "closed: add {%% endblock %%}");
			return NULL;
		}
		return end_of_tag(ps) ? o : NULL;
	}
	for (const char *const *e = tag_names; *e; e++)
		if (tok_is(t, T_ID, *e)) {
			if (ps->nopen > 0) {
				const char *ob = ps->open[ps->nopen - 1];
				terr(ps->ts, &t->pos,
				     "{%% %s %%} does not belong here: the "
				     "open block is the {%% %s %%} of line "
				     "%u, which ends with {%% end%s %%}",
				     *e, ob, ps->openpos[ps->nopen - 1].line,
				     ob);
			} else
				terr(ps->ts, &t->pos,
				     "{%% %s %%} without the block it belongs "
				     "to",
				     *e);
			return NULL;
		}
	bad_tag(ps, t);
	return NULL;
}

/* Operations up to one of the tags in `ends` (which is left as the
 * current item, its name consumed) or the end of the file (*endtok =
 * NULL). */
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
	/*
	 * A placeholder with an error is left out and the parse goes on,
	 * so that one run reports every wrong placeholder; after a wrong
	 * statement the blocks' nesting is unknown, and it stops.
	 */
	while (ps->item < ps->f->nitems && !ps->ts->stop) {
		struct item *it = &ps->f->items[ps->item];
		struct op *o = NULL;
		bool is_end = false;
		unsigned errors = ps->ts->nerrors;

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
			ps->tok = 0;
			o = new_op(ps, OP_PRINT, &it->pos);
			if ((o->e = parse_expr(ps)) == NULL ||
			    !expect(ps, T_CLOSE, "",
			            "\"}}\" to close the "
			            "placeholder")) {
				ps->item++;
				continue;
			}
			ps->item++;
			if (o->e->ty.t == VT_LIST || o->e->ty.t == VT_OBJ) {
				terr(ps->ts, &o->e->pos,
				     "%s cannot be printed; take one of its "
				     "fields or loop over it with for",
				     o->e->ty.t == VT_LIST
				         ? "a list"
				         : kind_names[o->e->ty.k]);
				continue;
			}
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
			if (o == NULL && ps->ts->nerrors == errors)
				continue; /* a comment */
			if (o == NULL)
				ps->ts->stop = true;
			break;
		}
		if (o == NULL)
			break;
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
