/*
 * template_expr.c - expressions: the values a template computes with
 * and their static types, and the parser that turns a tag's tokens
 * into a typed expression tree ({{ m.due | date }}, a and not b,
 * x in ["a", "b"], count(ms where m.open_risk)).  Every name, field,
 * filter and type mismatch is found here, before any data is seen.
 */
#include "template_int.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[K__MAX] = {
    N_("nothing"),        N_("settings"),
    N_("aspect"),         N_("milestone"),
    N_("indicator"),      N_("value"),
    N_("term"),           N_("source"),
    N_("prev"),           N_("removed milestone"),
    N_("previous state"), N_("counts"),
    N_("loop"),           N_("unit"),
    N_("topic"),
};

static const char *const vt_names[VT_ANY + 1] = {
    N_("nothing"), N_("yes/no"), N_("number"), N_("text"), N_("date"),
    N_("list"),    N_("object"), N_("status"), N_("text"), N_("value"),
};

const char *
kind_name(enum kind k)
{
	return _(kind_names[k]);
}

const char *
vt_name(enum vt t)
{
	return _(vt_names[t]);
}

void
v_none(struct val *v)
{
	v->t = VT_NONE;
	v->k = K_NONE;
}

void
v_str(struct val *v, const char *s)
{
	if (s == NULL) {
		v_none(v);
		return;
	}
	v->t = VT_STR;
	v->u.s = s;
}

void
v_num(struct val *v, double n)
{
	v->t = VT_NUM;
	v->u.n = n;
}

void
v_bool(struct val *v, bool b)
{
	v->t = VT_BOOL;
	v->u.b = b;
}

void
v_date(struct val *v, struct pr_date d)
{
	if (d.y == 0) {
		v_none(v);
		return;
	}
	v->t = VT_DATE;
	v->u.d = d;
}

void
v_obj(struct val *v, enum kind k, const void *p)
{
	if (p == NULL) {
		v_none(v);
		return;
	}
	v->t = VT_OBJ;
	v->k = k;
	v->u.obj = p;
}

void
v_list(struct val *v, enum kind k, const void *const *items, size_t n)
{
	v->t = VT_LIST;
	v->k = k;
	v->u.list.items = items;
	v->u.list.n = n;
}

void
v_plist(struct val *v, enum kind k, const struct plist *l)
{
	v_list(v, k, (const void *const *)l->v, l->n);
}

/* Candidates for did_you_mean(). */
void
names_add(struct names *ns, const char *s)
{
	if (ns->n < sizeof(ns->v) / sizeof(ns->v[0]))
		ns->v[ns->n++] = s;
}

void *
palloc(struct parser *ps, size_t n)
{
	void *p = pool_alloc(&ps->ts->pool, n);
	memset(p, 0, n);
	return p;
}

struct tok *
cur(struct parser *ps)
{
	return &ps->f->items[ps->item].toks[ps->tok];
}

bool
tok_is(const struct tok *t, enum tk k, const char *s)
{
	if (t->t != k)
		return false;
	if (s[0] == '\0') /* any token of the kind */
		return true;
	return t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

bool
accept(struct parser *ps, enum tk k, const char *s)
{
	if (tok_is(cur(ps), k, s)) {
		ps->tok++;
		return true;
	}
	return false;
}

const char *
tok_show(const struct tok *t, char *tmp, size_t n)
{
	if (t->t == T_CLOSE)
		return "the end of the tag";
	snprintf(tmp, n, "\"%.*s\"", (int)(t->len > 40 ? 40 : t->len), t->s);
	return tmp;
}

bool
expect(struct parser *ps, enum tk k, const char *s, const char *what)
{
	char tmp[64];

	if (accept(ps, k, s))
		return true;
	terr(ps->ts, &cur(ps)->pos, "expected %s, found %s", what,
	     tok_show(cur(ps), tmp, sizeof(tmp)));
	return false;
}

/* Expression parser */

static struct expr *
new_expr(struct parser *ps, enum ek k, const struct src_pos *pos)
{
	struct expr *e = palloc(ps, sizeof(*e));
	e->k = k;
	e->pos = *pos;
	return e;
}

static struct scopevar *
find_var(struct parser *ps, const char *s, size_t len)
{
	for (size_t i = ps->nvars; i-- > 0;)
		if (ps->vars[i].len == len &&
		    memcmp(ps->vars[i].name, s, len) == 0)
			return &ps->vars[i];
	return NULL;
}

const struct field *
find_field(const struct field *fs, const char *s, size_t len)
{
	for (; fs && fs->name; fs++)
		if (strlen(fs->name) == len && memcmp(fs->name, s, len) == 0)
			return fs;
	return NULL;
}

int
new_var(struct parser *ps, const struct tok *name, struct stype ty)
{
	if (ps->nvars >= sizeof(ps->vars) / sizeof(ps->vars[0])) {
		terr(ps->ts, &name->pos, "too many variables in scope");
		return -1;
	}
	if (find_field(root_fields, name->s, name->len) != NULL) {
		terr(ps->ts, &name->pos,
		     "\"%.*s\" is a name the report already gives; choose "
		     "another name for the variable",
		     (int)name->len, name->s);
		return -1;
	}
	struct scopevar *v = &ps->vars[ps->nvars++];
	v->name = name->s;
	v->len = name->len;
	v->slot = (int)ps->ts->nslots++;
	v->ty = ty;
	return v->slot;
}

/* The filter named by the current token, or NULL (reported). */
static const struct filter *
filter_of(struct parser *ps)
{
	struct tok *t = cur(ps);
	const struct filter *f;

	if (t->t != T_ID) {
		expect(ps, T_ID, "", "a filter name after |");
		return NULL;
	}
	for (f = filters; f->name; f++)
		if (strlen(f->name) == t->len &&
		    memcmp(f->name, t->s, t->len) == 0)
			return f;
	struct names ns = {0};
	struct buf b;
	char *name = xstrndup(t->s, t->len);
	for (const struct filter *g = filters; g->name; g++)
		names_add(&ns, g->name);
	buf_init(&b);
	did_you_mean(&b, name, ns.v, ns.n);
	terr(ps->ts, &t->pos, "unknown filter \"%s\"%s", name, b.data);
	free(name);
	buf_free(&b);
	return NULL;
}

/* Whether filter f (named by t) takes the value `in`. */
static bool
filter_takes(struct parser *ps, const struct tok *t, const struct filter *f,
             const struct expr *in)
{
	struct buf b;

	if (in->ty.t == VT_ANY || (f->in & B(in->ty.t)) || in->ty.t == VT_NONE)
		return true;
	buf_init(&b);
	for (int k = 0; k <= VT_MD; k++)
		if (f->in & B(k))
			buf_printf(&b, "%s%s", b.len ? _(" or ") : "",
			           vt_name(k));
	terr(ps->ts, &t->pos, "the filter \"%s\" takes %s, not %s", f->name,
	     b.data,
	     in->ty.t == VT_OBJ ? kind_name(in->ty.k) : vt_name(in->ty.t));
	buf_free(&b);
	return false;
}

/* A filter's arguments, "(a, b)" or none, into args[3]; *n of them. */
static bool
filter_args(struct parser *ps, struct expr **args, size_t *n)
{
	*n = 0;
	if (!accept(ps, T_OP, "("))
		return true;
	if (!tok_is(cur(ps), T_OP, ")"))
		do {
			if (*n == 3) {
				terr(ps->ts, &cur(ps)->pos,
				     "too many arguments");
				return false;
			}
			if ((args[(*n)++] = parse_expr(ps)) == NULL)
				return false;
		} while (accept(ps, T_OP, ","));
	return expect(ps, T_OP, ")", "\")\" after the arguments");
}

/* The number and types of the n arguments of f, named by t. */
static bool
filter_args_fit(struct parser *ps, const struct tok *t, const struct filter *f,
                struct expr *const *args, size_t n)
{
	if ((int)n < f->minargs || (int)n > f->maxargs) {
		if (f->minargs == f->maxargs)
			terr(ps->ts, &t->pos,
			     "the filter \"%s\" takes %d argument%s, not %zu",
			     f->name, f->minargs, f->minargs == 1 ? "" : "s",
			     n);
		else
			terr(ps->ts, &t->pos,
			     "the filter \"%s\" takes %d to %d arguments, not "
			     "%zu",
			     f->name, f->minargs, f->maxargs, n);
		return false;
	}
	for (size_t k = 0; k < n; k++) {
		enum vt want = f->argt[k], got = args[k]->ty.t;
		if (want != VT_ANY && got != VT_ANY && got != want) {
			terr(ps->ts, &args[k]->pos,
			     "argument %zu of \"%s\" must be %s, not %s", k + 1,
			     f->name, vt_name(want), vt_name(got));
			return false;
		}
	}
	return true;
}

/* "| name(args)" after the value *ep, which it wraps. */
static bool
parse_filter(struct parser *ps, struct expr **ep)
{
	struct tok *t = cur(ps);
	const struct filter *f = filter_of(ps);
	struct expr *in = *ep, *e, *args[3];
	size_t n;

	if (f == NULL)
		return false;
	ps->tok++;
	e = new_expr(ps, E_FILTER, &t->pos);
	e->filter = f;
	e->a = in;
	if (!filter_takes(ps, t, f, in) || !filter_args(ps, args, &n) ||
	    !filter_args_fit(ps, t, f, args, n))
		return false;
	e->args = palloc(ps, (n + 1) * sizeof(*e->args));
	memcpy(e->args, args, n * sizeof(*args));
	e->nargs = n;
	e->ty = in->ty;
	if (f->out != VT_ANY) {
		e->ty.t = f->out;
		e->ty.k = 0;
	} else if (in->ty.t == VT_NONE && n > 0)
		e->ty = args[0]->ty;
	*ep = e;
	return true;
}

static bool
parse_field(struct parser *ps, struct expr **ep)
{
	struct tok *t = cur(ps);
	struct expr *in = *ep, *e;
	const struct field *fs;

	if (t->t != T_ID)
		return expect(ps, T_ID, "", "a field name after \".\"");
	ps->tok++;
	if (in->ty.t == VT_DATE) {
		static const char *parts[] = {"year", "month", "day"};
		for (int k = 0; k < 3; k++)
			if (tok_is(t, T_ID, parts[k])) {
				e = new_expr(ps, E_DATEPART, &t->pos);
				e->a = in;
				e->part = k;
				e->ty.t = VT_NUM;
				*ep = e;
				return true;
			}
		terr(ps->ts, &t->pos,
		     "a date has the fields year, month and "
		     "day, not \"%.*s\"",
		     (int)t->len, t->s);
		return false;
	}
	if (in->ty.t != VT_OBJ) {
		terr(ps->ts, &t->pos,
		     "a value of the kind \"%s\" has no fields; \"%.*s\" "
		     "cannot be looked up in it",
		     vt_name(in->ty.t), (int)t->len, t->s);
		return false;
	}
	fs = kind_fields[in->ty.k];
	const struct field *f = find_field(fs, t->s, t->len);
	if (f == NULL) {
		struct names ns = {0};
		struct buf b;
		char *name = xstrndup(t->s, t->len);
		for (const struct field *g = fs; g->name; g++)
			names_add(&ns, g->name);
		buf_init(&b);
		did_you_mean(&b, name, ns.v, ns.n);
		terr(ps->ts, &t->pos, "a %s has no field \"%s\"%s",
		     kind_name(in->ty.k), name, b.data);
		free(name);
		buf_free(&b);
		return false;
	}
	e = new_expr(ps, E_FIELD, &t->pos);
	e->a = in;
	e->field = f;
	e->prose = f->prose;
	e->ty.t = f->t;
	e->ty.k = f->k;
	*ep = e;
	return true;
}

/*
 * Every level of the expression tree (parentheses, "-", "not", and each
 * operator, field or filter of a chain, which nests to the left) counts
 * one, so that a hostile template cannot exhaust the stack here or in
 * eval(), which recurses as deep as the tree.  The caller decrements
 * ps->depth when the nested part is parsed, whether it failed or not.
 */
static bool
enter_nested(struct parser *ps, const struct tok *t)
{
	if (ps->depth >= MAX_DEPTH) {
		terr(ps->ts, &t->pos,
		     "the expression is nested more than %d levels deep "
		     "(each parenthesis, operator, \"-\", \"not\", field "
		     "and filter counts one)",
		     MAX_DEPTH);
		return false;
	}
	ps->depth++;
	return true;
}

static struct expr *parse_primary_in(struct parser *, struct tok *);

static struct expr *
parse_primary(struct parser *ps)
{
	struct tok *t = cur(ps);
	struct expr *e;

	if (!enter_nested(ps, t))
		return NULL;
	e = parse_primary_in(ps, t);
	ps->depth--;
	return e;
}

/* count(x in list where cond), from its name token t. */
static struct expr *
parse_count(struct parser *ps, struct tok *t)
{
	struct tok *name = t + 2;
	struct expr *e = new_expr(ps, E_COUNT, &t->pos);

	ps->tok += 4;
	if ((e->a = parse_expr(ps)) == NULL)
		return NULL;
	if (e->a->ty.t != VT_LIST) {
		terr(ps->ts, &e->a->pos, "count(... in ...) needs a list here");
		return NULL;
	}
	size_t save = ps->nvars;
	e->slot = new_var(ps, name, (struct stype){VT_OBJ, e->a->ty.k});
	if (e->slot < 0)
		return NULL;
	if (accept(ps, T_ID, "where") && (e->b = parse_expr(ps)) == NULL)
		return NULL;
	ps->nvars = save;
	if (!expect(ps, T_OP, ")", "\")\" to close count(...)"))
		return NULL;
	e->ty.t = VT_NUM;
	return e;
}

/* A name: a variable in scope, else one the report gives. */
static struct expr *
parse_name(struct parser *ps, struct tok *t)
{
	struct scopevar *v = find_var(ps, t->s, t->len);
	const struct field *f;
	struct expr *e;

	if (v != NULL) {
		e = new_expr(ps, E_SLOT, &t->pos);
		e->slot = v->slot;
		e->ty = v->ty;
	} else if ((f = find_field(root_fields, t->s, t->len))) {
		e = new_expr(ps, E_ROOT, &t->pos);
		e->field = f;
		e->ty.t = f->t;
		e->ty.k = f->k;
	} else {
		struct names ns = {0};
		struct buf b;
		char *name = xstrndup(t->s, t->len);
		for (size_t i = ps->nvars; i-- > 0;)
			names_add(&ns,
			          pool_strndup(&ps->ts->pool, ps->vars[i].name,
			                       ps->vars[i].len));
		for (const struct field *g = root_fields; g->name; g++)
			names_add(&ns, g->name);
		buf_init(&b);
		did_you_mean(&b, name, ns.v, ns.n);
		terr(ps->ts, &t->pos, "unknown variable \"%s\"%s", name,
		     b.data);
		free(name);
		buf_free(&b);
		return NULL;
	}
	ps->tok++;
	return e;
}

static bool
is_literal(const struct tok *t)
{
	return t->t == T_STR || t->t == T_NUM || tok_is(t, T_ID, "true") ||
	       tok_is(t, T_ID, "false") || tok_is(t, T_ID, "none");
}

/* A literal (is_literal(t)): text, a number, true, false or none. */
static struct expr *
parse_literal(struct parser *ps, struct tok *t)
{
	struct expr *e = new_expr(ps, E_LIT, &t->pos);

	if (t->t == T_STR)
		v_str(&e->lit, t->s);
	else if (t->t == T_NUM)
		v_num(&e->lit, t->num);
	else if (tok_is(t, T_ID, "true") || tok_is(t, T_ID, "false"))
		v_bool(&e->lit, t->s[0] == 't');
	else
		v_none(&e->lit);
	e->ty.t = e->lit.t;
	ps->tok++;
	return e;
}

/* The fields and filters after a value: .name and | filter(args). */
static struct expr *
parse_chain(struct parser *ps, struct expr *e)
{
	/* Each field or filter wraps the expression so far: a level. */
	int chained = 0;

	while (e != NULL) {
		struct tok *op = cur(ps);
		bool ok;
		if (!tok_is(op, T_OP, ".") && !tok_is(op, T_OP, "|"))
			break;
		if (!enter_nested(ps, op)) {
			e = NULL;
			break;
		}
		chained++;
		ps->tok++;
		ok = op->s[0] == '.' ? parse_field(ps, &e)
		                     : parse_filter(ps, &e);
		if (!ok)
			e = NULL;
	}
	ps->depth -= chained;
	return e;
}

/* The part of parse_primary() inside its depth count. */
static struct expr *
parse_primary_in(struct parser *ps, struct tok *t)
{
	struct expr *e;
	char tmp[64];

	if (is_literal(t))
		e = parse_literal(ps, t);
	else if (accept(ps, T_OP, "(")) {
		e = parse_expr(ps);
		if (e == NULL || !expect(ps, T_OP, ")", "\")\""))
			return NULL;
	} else if (tok_is(t, T_ID, "count") && tok_is(t + 1, T_OP, "(") &&
	           t[2].t == T_ID && tok_is(t + 3, T_ID, "in"))
		e = parse_count(ps, t);
	else if (t->t == T_ID)
		e = parse_name(ps, t);
	else {
		terr(ps->ts, &t->pos, "expected a value, found %s",
		     tok_show(t, tmp, sizeof(tmp)));
		return NULL;
	}
	return parse_chain(ps, e);
}

static struct expr *
parse_unary(struct parser *ps)
{
	struct tok *t = cur(ps);

	/* -4 | abs is the filter applied to -4, so a negative number is
	 * one literal. */
	if (tok_is(t, T_OP, "-") && t[1].t == T_NUM) {
		struct expr *e;
		ps->tok++;
		t[1].num = -t[1].num;
		e = parse_primary(ps);
		t[1].num = -t[1].num;
		return e;
	}
	if (accept(ps, T_OP, "-")) {
		struct expr *e = new_expr(ps, E_NEG, &t->pos);
		if (!enter_nested(ps, t))
			return NULL;
		e->a = parse_unary(ps);
		ps->depth--;
		if (e->a == NULL)
			return NULL;
		if (e->a->ty.t != VT_NUM && e->a->ty.t != VT_ANY) {
			terr(ps->ts, &t->pos, "only a number can be negated");
			return NULL;
		}
		e->ty.t = VT_NUM;
		return e;
	}
	return parse_primary(ps);
}

static struct expr *parse_arith(struct parser *, int level);

/* l op (the operand that follows), both numbers. */
static struct expr *
arith_step(struct parser *ps, int level, const char *op, struct expr *l,
           const struct tok *t)
{
	struct expr *e = new_expr(ps, E_ARITH, &t->pos);

	e->a = l;
	e->b = level == 1 ? parse_unary(ps) : parse_arith(ps, 1);
	if (e->b == NULL)
		return NULL;
	for (int k = 0; k < 2; k++) {
		struct expr *x = k ? e->b : e->a;
		if (x->ty.t != VT_NUM && x->ty.t != VT_ANY) {
			terr(ps->ts, &x->pos,
			     "\"%s\" calculates with numbers, not %s", op,
			     vt_name(x->ty.t));
			return NULL;
		}
	}
	strcpy(e->op, op);
	e->ty.t = VT_NUM;
	return e;
}

static struct expr *
parse_arith(struct parser *ps, int level)
{
	static const char *ops[2][3] = {{"+", "-", NULL}, {"*", "/", NULL}};
	struct expr *l = level == 1 ? parse_unary(ps) : parse_arith(ps, 1);
	int chained = 0; /* a + b + c is (a + b) + c: one level each */

	while (l != NULL) {
		struct tok *t = cur(ps);
		const char *op = NULL;
		for (int k = 0; ops[level][k]; k++)
			if (tok_is(t, T_OP, ops[level][k]))
				op = ops[level][k];
		if (op == NULL)
			break;
		if (!enter_nested(ps, t)) {
			l = NULL;
			break;
		}
		chained++;
		ps->tok++;
		l = arith_step(ps, level, op, l, t);
	}
	ps->depth -= chained;
	return l;
}

/* A word compared with a field that has a fixed set of words must be
 * one of them: a typo in "delayed" would otherwise match nothing. */
static bool
check_word(struct parser *ps, const struct expr *f, const struct expr *lit)
{
	if (f->k != E_FIELD || f->field->keys == NULL || lit->k != E_LIT ||
	    lit->lit.t != VT_STR)
		return true;
	for (const char *const *w = f->field->keys; *w; w++)
		if (strcmp(*w, lit->lit.u.s) == 0)
			return true;
	struct names ns = {0};
	struct buf b;
	for (const char *const *w = f->field->keys; *w; w++)
		names_add(&ns, *w);
	buf_init(&b);
	did_you_mean(&b, lit->lit.u.s, ns.v, ns.n);
	terr(ps->ts, &lit->pos, "\"%s\" is not a value of %s%s", lit->lit.u.s,
	     f->field->name, b.data);
	buf_free(&b);
	return false;
}

static struct expr *
parse_cmp(struct parser *ps)
{
	static const char *ops[] = {"==", "!=", "<=", ">=", "<", ">", NULL};
	struct expr *l = parse_arith(ps, 0);
	struct tok *t;

	if (l == NULL)
		return NULL;
	t = cur(ps);
	if (tok_is(t, T_ID, "in") ||
	    (tok_is(t, T_ID, "not") && tok_is(t + 1, T_ID, "in"))) {
		bool neg = t->s[0] == 'n';
		struct expr *e = new_expr(ps, E_IN, &t->pos), *list[32];
		size_t n = 0;
		ps->tok += neg ? 2 : 1;
		if (!expect(ps, T_OP, "[", "a list in [brackets] after in"))
			return NULL;
		do {
			if (n == 32) {
				terr(ps->ts, &cur(ps)->pos,
				     "at most 32 values in a list");
				return NULL;
			}
			if ((list[n] = parse_arith(ps, 0)) == NULL ||
			    !check_word(ps, l, list[n]))
				return NULL;
			n++;
		} while (accept(ps, T_OP, ","));
		if (!expect(ps, T_OP, "]", "\"]\" to close the list"))
			return NULL;
		e->a = l;
		e->args = palloc(ps, n * sizeof(*list));
		memcpy(e->args, list, n * sizeof(*list));
		e->nargs = n;
		e->ty.t = VT_BOOL;
		if (neg) {
			struct expr *x = new_expr(ps, E_NOT, &t->pos);
			x->a = e;
			x->ty.t = VT_BOOL;
			e = x;
		}
		return e;
	}
	for (int k = 0; ops[k]; k++)
		if (tok_is(t, T_OP, ops[k])) {
			struct expr *e = new_expr(ps, E_CMP, &t->pos);
			ps->tok++;
			e->a = l;
			if ((e->b = parse_arith(ps, 0)) == NULL)
				return NULL;
			if (!check_word(ps, e->a, e->b) ||
			    !check_word(ps, e->b, e->a))
				return NULL;
			enum vt ta = e->a->ty.t, tb = e->b->ty.t;
			if (ta != tb && ta != VT_ANY && tb != VT_ANY &&
			    ta != VT_NONE && tb != VT_NONE) {
				terr(ps->ts, &t->pos,
				     "cannot compare %s with %s", vt_name(ta),
				     vt_name(tb));
				return NULL;
			}
			strcpy(e->op, ops[k]);
			e->ty.t = VT_BOOL;
			return e;
		}
	return l;
}

static struct expr *
parse_not(struct parser *ps)
{
	struct tok *t = cur(ps);

	if (tok_is(t, T_ID, "not") && !tok_is(t + 1, T_ID, "in")) {
		ps->tok++;
		struct expr *e = new_expr(ps, E_NOT, &t->pos);
		if (!enter_nested(ps, t))
			return NULL;
		e->a = parse_not(ps);
		ps->depth--;
		if (e->a == NULL)
			return NULL;
		e->ty.t = VT_BOOL;
		return e;
	}
	return parse_cmp(ps);
}

static struct expr *
parse_logic(struct parser *ps, bool is_or)
{
	struct expr *l = is_or ? parse_logic(ps, false) : parse_not(ps);
	int chained = 0; /* as in parse_arith() */

	while (l != NULL) {
		struct tok *t = cur(ps);
		if (!tok_is(t, T_ID, is_or ? "or" : "and"))
			break;
		if (!enter_nested(ps, t)) {
			l = NULL;
			break;
		}
		chained++;
		ps->tok++;
		struct expr *e = new_expr(ps, is_or ? E_OR : E_AND, &t->pos);
		e->a = l;
		e->b = is_or ? parse_logic(ps, false) : parse_not(ps);
		e->ty.t = VT_BOOL;
		l = e->b == NULL ? NULL : e;
	}
	ps->depth -= chained;
	return l;
}

struct expr *
parse_expr(struct parser *ps)
{
	return parse_logic(ps, true);
}
