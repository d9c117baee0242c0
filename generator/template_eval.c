/*
 * template_eval.c - evaluation: tmpl_render() runs the operation tree
 * against the model (expressions, loops with where, sort and limit,
 * components, blocks) and has template_out.c write the Markdown-like
 * text, which markup.c then turns into the document tree.
 */
#include "template_int.h"
#include "i18n.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
plist_push(struct plist *l, const void *p)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = p;
}

/* Per-aspect lists, built once in one pass over the milestones and
 * indicators, so that `aspect.milestones` costs nothing per use.  The
 * counts are analysis.c's (aspect.count, model.totals). */
static void
prepare(struct rctx *c)
{
	const struct model *m = c->m;
	size_t i;

	strmap_init(&c->aidx);
	c->aext = xcalloc(m->naspects + 1, sizeof(*c->aext));
	for (i = 0; i < m->naspects; i++) {
		strmap_put(&c->aidx, m->aspects[i]->id,
		           (void *)(uintptr_t)(i + 1));
		if (m->aspects[i]->parent == NULL)
			plist_push(&c->points, m->aspects[i]);
	}
	for (i = 0; i < m->nmilestones; i++) {
		const struct milestone *ms = m->milestones[i];
		const struct aspect *a = ms->aspect;
		if (a != NULL && aext_of(c, a) != NULL)
			plist_push(&aext_of(c, a)->ms, ms);
		for (; a != NULL; a = a->parent) {
			struct aext *e = aext_of(c, a);
			if (e == NULL)
				break;
			plist_push(&e->all_ms, ms);
		}
	}
	for (i = 0; i < m->nindicators; i++) {
		const struct indicator *ind = m->indicators[i];
		const struct aspect *a = ind->aspect;
		if (a != NULL && aext_of(c, a) != NULL)
			plist_push(&aext_of(c, a)->ind, ind);
		for (; a != NULL; a = a->parent) {
			struct aext *e = aext_of(c, a);
			if (e == NULL)
				break;
			plist_push(&e->all_ind, ind);
		}
	}
	for (i = 0; i < m->nglossary; i++)
		plist_push(&c->glossary, &m->glossary[i]);
	for (i = 0; i < m->nsources; i++)
		plist_push(&c->sources, &m->sources[i]);
	c->removed_v = xcalloc(m->prev.nremoved + 1, sizeof(*c->removed_v));
	for (i = 0; i < m->prev.nremoved; i++) {
		c->removed_v[i].id = m->prev.removed_ids[i];
		c->removed_v[i].title =
		    m->prev.removed_titles ? m->prev.removed_titles[i] : NULL;
		plist_push(&c->removed, &c->removed_v[i]);
	}
}

static void
unprepare(struct rctx *c)
{
	for (size_t i = 0; i < c->m->naspects; i++) {
		free(c->aext[i].ms.v);
		free(c->aext[i].all_ms.v);
		free(c->aext[i].ind.v);
		free(c->aext[i].all_ind.v);
	}
	free(c->aext);
	free(c->points.v);
	free(c->glossary.v);
	free(c->sources.v);
	free(c->removed.v);
	free(c->removed_v);
	strmap_free(&c->aidx);
}

static bool
truth(const struct val *v)
{
	switch (v->t) {
	case VT_NONE:
		return false;
	case VT_BOOL:
		return v->u.b;
	case VT_NUM:
		return v->u.n != 0;
	case VT_STR:
	case VT_STATUS:
	case VT_MD:
		return v->u.s[0] != '\0';
	case VT_LIST:
		return v->u.list.n > 0;
	default:
		return true;
	}
}

/* -1, 0, 1; *ok false when the two cannot be ordered. */
static int
compare(const struct val *a, const struct val *b, bool *ok)
{
	*ok = true;
	if (a->t == VT_NONE || b->t == VT_NONE) {
		*ok = a->t == b->t;
		return a->t == b->t ? 0 : (a->t == VT_NONE ? -1 : 1);
	}
	if (a->t != b->t) {
		*ok = false;
		return 0;
	}
	switch (a->t) {
	case VT_BOOL:
		return (int)a->u.b - (int)b->u.b;
	case VT_NUM:
		return a->u.n < b->u.n ? -1 : a->u.n > b->u.n;
	case VT_STR:
	case VT_STATUS:
	case VT_MD: {
		int r = strcmp(a->u.s, b->u.s);
		return r < 0 ? -1 : r > 0;
	}
	case VT_DATE:
		return date_cmp(a->u.d, b->u.d);
	case VT_OBJ:
		return a->u.obj == b->u.obj ? 0
		                            : (a->u.obj < b->u.obj ? -1 : 1);
	default:
		*ok = false;
		return 0;
	}
}

static bool eval(struct rctx *, const struct expr *, struct val *);

static bool
eval_count(struct rctx *c, const struct expr *e, struct val *v)
{
	struct val list, cond;
	size_t n = 0;

	if (!eval(c, e->a, &list))
		return false;
	if (list.t == VT_LIST)
		for (size_t i = 0; i < list.u.list.n; i++) {
			v_obj(&c->slots[e->slot], list.k, list.u.list.items[i]);
			if (e->b != NULL) {
				if (!eval(c, e->b, &cond))
					return false;
				if (!truth(&cond))
					continue;
			}
			n++;
		}
	v_num(v, (double)n);
	return true;
}

/* a == b, a != b, a < b ...: values of different kinds are unequal
 * and not ordered; nothing is not ordered. */
static void
eval_cmp(const char *op, const struct val *a, const struct val *b,
         struct val *v)
{
	bool ok;
	int r = compare(a, b, &ok);

	if (op[0] == '=')
		v_bool(v, ok && r == 0);
	else if (op[0] == '!')
		v_bool(v, !ok || r != 0);
	else if (!ok || a->t == VT_NONE || b->t == VT_NONE)
		v_bool(v, false);
	else if (op[0] == '<')
		v_bool(v, op[1] == '=' ? r <= 0 : r < 0);
	else
		v_bool(v, op[1] == '=' ? r >= 0 : r > 0);
}

/* + - * /: anything but two numbers, or a division by 0, is nothing. */
static void
eval_arith(char op, const struct val *a, const struct val *b, struct val *v)
{
	if (a->t != VT_NUM || b->t != VT_NUM) {
		v_none(v);
		return;
	}
	switch (op) {
	case '+':
		v_num(v, a->u.n + b->u.n);
		break;
	case '-':
		v_num(v, a->u.n - b->u.n);
		break;
	case '*':
		v_num(v, a->u.n * b->u.n);
		break;
	default:
		if (b->u.n == 0)
			v_none(v);
		else
			v_num(v, a->u.n / b->u.n);
	}
}

/* value | filter(args): the types the parser could not know yet
 * (a field of unknown kind) are checked here. */
static bool
eval_filter(struct rctx *c, const struct expr *e, struct val *v)
{
	struct val args[3];
	const struct filter *f = e->filter;

	if (!eval(c, e->a, v))
		return false;
	for (size_t i = 0; i < e->nargs; i++)
		if (!eval(c, e->args[i], &args[i]))
			return false;
	if (f->fn == f_default)
		return f_default(c, e, v, args);
	if (v->t == VT_NONE)
		return true; /* nothing stays nothing */
	if (!(f->in & B(v->t))) {
		diag_error(&e->pos, "the filter \"%s\" cannot take %s", f->name,
		           vt_name(v->t));
		return false;
	}
	for (size_t i = 0; i < e->nargs; i++)
		if (f->argt[i] != VT_ANY && args[i].t != f->argt[i]) {
			diag_error(&e->args[i]->pos,
			           "argument %zu of \"%s\" must be %s, not %s",
			           i + 1, f->name, vt_name(f->argt[i]),
			           vt_name(args[i].t));
			return false;
		}
	return f->fn(c, e, v, args);
}

/* x in [a, b, c] */
static bool
eval_in(struct rctx *c, const struct expr *e, struct val *v)
{
	struct val a, b;
	bool ok;

	if (!eval(c, e->a, &a))
		return false;
	for (size_t i = 0; i < e->nargs; i++) {
		if (!eval(c, e->args[i], &b))
			return false;
		if (compare(&a, &b, &ok) == 0 && ok) {
			v_bool(v, true);
			return true;
		}
	}
	v_bool(v, false);
	return true;
}

/* The operators with one operand, or two evaluated in turn. */
static bool
eval_op(struct rctx *c, const struct expr *e, struct val *v)
{
	struct val a, b;

	if (!eval(c, e->a, &a))
		return false;
	switch (e->k) {
	case E_DATEPART:
		if (a.t != VT_DATE)
			v_none(v);
		else
			v_num(v, e->part == 0   ? a.u.d.y
			         : e->part == 1 ? a.u.d.m
			                        : a.u.d.d);
		return true;
	case E_NOT:
		v_bool(v, !truth(&a));
		return true;
	case E_NEG:
		if (a.t == VT_NUM)
			v_num(v, -a.u.n);
		else
			v_none(v);
		return true;
	case E_AND:
	case E_OR:
		if (truth(&a) == (e->k == E_OR)) {
			v_bool(v, e->k == E_OR);
			return true;
		}
		if (!eval(c, e->b, &b))
			return false;
		v_bool(v, truth(&b));
		return true;
	default: /* E_CMP, E_ARITH */
		if (!eval(c, e->b, &b))
			return false;
		if (e->k == E_CMP)
			eval_cmp(e->op, &a, &b, v);
		else
			eval_arith(e->op[0], &a, &b, v);
		return true;
	}
}

static bool
eval(struct rctx *c, const struct expr *e, struct val *v)
{
	struct val a;

	memset(v, 0, sizeof(*v));
	switch (e->k) {
	case E_LIT:
		*v = e->lit;
		return true;
	case E_SLOT:
		*v = c->slots[e->slot];
		return true;
	case E_ROOT:
		field_read(c, e->field, NULL, v);
		return true;
	case E_FIELD:
		if (!eval(c, e->a, &a))
			return false;
		if (a.t != VT_OBJ) {
			v_none(v); /* a field of nothing is nothing */
			return true;
		}
		field_read(c, e->field, a.u.obj, v);
		v->prose = e->prose && v->t == VT_STR;
		return true;
	case E_IN:
		return eval_in(c, e, v);
	case E_FILTER:
		return eval_filter(c, e, v);
	case E_COUNT:
		return eval_count(c, e, v);
	default:
		return eval_op(c, e, v);
	}
}

static bool run_ops(struct rctx *, const struct op *);

/* Merge sort of item indexes by precomputed keys: stable, n log n
 * comparisons, no evaluation inside the comparison. */
struct sortctx {
	const struct val *keys; /* n * nkeys */
	const struct sortkey *sk;
	size_t nkeys;
};

static int
sort_cmp(const struct sortctx *s, size_t a, size_t b)
{
	for (size_t k = 0; k < s->nkeys; k++) {
		bool ok;
		int r = compare(&s->keys[a * s->nkeys + k],
		                &s->keys[b * s->nkeys + k], &ok);
		if (!ok) /* different kinds: nothing first */
			r = s->keys[a * s->nkeys + k].t == VT_NONE ? -1 : 1;
		if (r != 0)
			return s->sk[k].desc ? -r : r;
	}
	return 0;
}

/* Text sorts as a reader expects: without regard to case, with ä
 * beside a and ß as ss (DIN 5007-1), not by byte values that put Ä
 * after Z. */
static const char *
sort_key(struct rctx *c, const char *s)
{
	static const char *const fold[][2] = {
	    {"ä", "a"}, {"ö", "o"},  {"ü", "u"}, {"Ä", "a"}, {"Ö", "o"},
	    {"Ü", "u"}, {"ß", "ss"}, {"é", "e"}, {"è", "e"}, {"É", "e"}};
	size_t nf = sizeof(fold) / sizeof(fold[0]);

	buf_reset(&c->tmp);
	while (*s) {
		size_t k;
		for (k = 0; k < nf; k++) {
			size_t n = strlen(fold[k][0]);
			if (strncmp(s, fold[k][0], n) == 0) {
				buf_puts(&c->tmp, fold[k][1]);
				s += n;
				break;
			}
		}
		if (k < nf)
			continue;
		char ch = *s++;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		buf_putc(&c->tmp, ch);
	}
	return tmp_str(c);
}

static void
merge_sort(const struct sortctx *s, size_t *v, size_t *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	merge_sort(s, v, tmp, h);
	merge_sort(s, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = sort_cmp(s, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

static bool
run_for(struct rctx *c, const struct op *o)
{
	struct val list, cond;
	const void **items = NULL;
	size_t n = 0, i;
	size_t *idx = NULL, *tmp = NULL;
	struct val *keys = NULL;
	struct loopinfo li = {0, 0};
	bool ok = false;

	if (!eval(c, o->e, &list))
		return false;
	if (list.t != VT_LIST) {
		list.u.list.n = 0;
		list.k = o->e->ty.k;
	}
	items = xmalloc((list.u.list.n + 1) * sizeof(*items));
	for (i = 0; i < list.u.list.n; i++) {
		const void *it = list.u.list.items[i];
		if (o->where != NULL) {
			v_obj(&c->slots[o->slot], list.k, it);
			if (!eval(c, o->where, &cond))
				goto out;
			if (!truth(&cond))
				continue;
		}
		items[n++] = it;
	}
	if (o->nsort > 0 && n > 1) {
		struct sortctx s = {NULL, o->sort, o->nsort};
		keys = xcalloc(n * o->nsort, sizeof(*keys));
		idx = xmalloc(n * sizeof(*idx));
		tmp = xmalloc(n * sizeof(*tmp));
		for (i = 0; i < n; i++) {
			idx[i] = i;
			v_obj(&c->slots[o->slot], list.k, items[i]);
			for (size_t k = 0; k < o->nsort; k++) {
				struct val *kv = &keys[i * o->nsort + k];
				if (!eval(c, o->sort[k].e, kv))
					goto out;
				if (kv->t == VT_STR)
					kv->u.s = sort_key(c, kv->u.s);
			}
		}
		s.keys = keys;
		merge_sort(&s, idx, tmp, n);
		for (i = 0; i < n; i++)
			tmp[i] = (size_t)(uintptr_t)items[idx[i]];
		for (i = 0; i < n; i++)
			items[i] = (const void *)(uintptr_t)tmp[i];
	}
	if (o->limit != NULL) {
		struct val lim;
		if (!eval(c, o->limit, &lim))
			goto out;
		if (lim.t == VT_NUM && lim.u.n >= 0 && lim.u.n < (double)n)
			n = (size_t)lim.u.n;
	}
	li.length = n;
	v_obj(&c->slots[o->loopslot], K_LOOP, &li);
	for (i = 0; i < n; i++) {
		li.index = i;
		v_obj(&c->slots[o->slot], list.k, items[i]);
		/* A loop over thousands of milestones takes a while. */
		if (pr_stop_signal() != 0 || !run_ops(c, o->body))
			goto out;
	}
	if (n == 0 && o->els != NULL && !run_ops(c, o->els))
		goto out;
	ok = true;
out:
	free(items);
	free(idx);
	free(tmp);
	free(keys);
	return ok;
}

static bool
run_component(struct rctx *c, const struct op *o)
{
	const struct component *comp = o->comp;
	struct comp_arg args[16];
	struct comp_ctx ctx = {c->doc, c->m, c->loc, &o->pos, c->text_lang};
	size_t k;

	memset(args, 0, sizeof(args));
	for (k = 0; comp->params[k].name && k < 16; k++) {
		struct val v;
		if (o->cargs[k] == NULL)
			continue;
		if (!eval(c, o->cargs[k], &v))
			return false;
		switch (v.t) {
		case VT_NONE:
			continue;
		case VT_LIST:
			args[k].items = v.u.list.items;
			args[k].n = v.u.list.n;
			break;
		case VT_OBJ:
			args[k].obj = v.u.obj;
			break;
		case VT_STR:
		case VT_MD:
			args[k].str = v.u.s;
			break;
		case VT_NUM:
			args[k].num = v.u.n;
			break;
		case VT_BOOL:
			args[k].b = v.u.b;
			break;
		default:
			break;
		}
		args[k].set = true;
	}
	/* Components make their nodes while the templates run, the text
	 * around them is made after (markup): a part of its own each, so
	 * that the PDF's second layout can free what it has passed. */
	pr_doc_part(c->doc);
	struct pr_node *holder = pr_new_div(c->doc, &o->pos, "component");
	if (!comp->run(&ctx, args, holder)) {
		diag_error(&o->pos,
		           "the component \"%s\" could not be built "
		           "here",
		           comp->name);
		return false;
	}
	out_block_frag(c, holder, &o->pos);
	return true;
}

static bool
run_block(struct rctx *c, const struct op *o)
{
	struct outctx sub = {0}, *saved = c->out;
	struct markup_src src;
	bool ok;

	c->out = &sub;
	ok = run_ops(c, o->body);
	c->out = saved;
	if (ok) {
		struct pr_node *wrap = pr_new_div(c->doc, &o->pos, "block");
		struct pr_node *div = pr_new_div(c->doc, &o->pos, o->text);
		src.text = sub.text.data ? sub.text.data : "";
		src.len = sub.text.len;
		src.lines = sub.lines;
		src.nlines = sub.nlines;
		ok = markup_build(c->doc, div, &src, &c->frags);
		pr_node_append(wrap, div);
		if (ok)
			out_block_frag(c, wrap, &o->pos);
	}
	buf_free(&sub.text);
	free(sub.lines);
	return ok;
}

static bool
run_ops(struct rctx *c, const struct op *o)
{
	struct val v;

	for (; o != NULL; o = o->next) {
		switch (o->k) {
		case OP_TEXT:
			out_put(c->out, o->text, o->len, &o->pos, true);
			break;
		case OP_PRINT:
			if (!eval(c, o->e, &v) || !out_value(c, &v, &o->pos))
				return false;
			break;
		case OP_IF: {
			size_t i;
			for (i = 0; i < o->nconds; i++) {
				if (!eval(c, o->conds[i], &v))
					return false;
				if (truth(&v))
					break;
			}
			if (!run_ops(c, i < o->nconds ? o->bodies[i] : o->els))
				return false;
			break;
		}
		case OP_FOR:
			if (!run_for(c, o))
				return false;
			break;
		case OP_SET:
			if (!eval(c, o->e, &c->slots[o->slot]))
				return false;
			break;
		case OP_SEQ:
			if (!run_ops(c, o->body))
				return false;
			break;
		case OP_COMPONENT:
			if (!run_component(c, o))
				return false;
			break;
		case OP_TOC: {
			struct pr_node *holder =
			    pr_new_div(c->doc, &o->pos, "toc");
			struct pr_node *toc =
			    pr_node_new(c->doc, PR_TOC, &o->pos);
			toc->u.toc.depth = o->depth;
			pr_node_append(holder, toc);
			out_block_frag(c, holder, &o->pos);
			break;
		}
		case OP_BLOCK:
			if (!run_block(c, o))
				return false;
			break;
		}
		if (c->failed)
			return false;
	}
	return true;
}
/* The title the report shows (title page, running header, window
 * title): the settings' when the report is in the inputs' language,
 * else the locale's doc.title, since a title in another language would
 * head the whole report in the wrong one. */
const char *
report_title(const struct settings *s, const struct locale *loc)
{
	if (s->title == NULL ||
	    (s->lang != NULL && strcmp(s->lang, locale_lang(loc)) != 0))
		return locale_str(loc, "doc.title");
	return s->title;
}

static void
set_metadata(struct pr_doc *doc, const struct model *m,
             const struct locale *loc)
{
	const struct settings *s = &m->settings;
	struct buf b;
	char year[16];

	buf_init(&b);
	snprintf(year, sizeof(year), "%d", s->year);
	buf_puts(&b, report_title(s, loc));
	if (strstr(b.data, year) == NULL)
		buf_printf(&b, " %s", year);
	if (s->easy)
		buf_printf(&b, " – %s", locale_str(loc, "easy.title"));
	if (s->draft) {
		/* Every title a reader sees (PDF Info and XMP, the HTML's
		 * <title>, the running header) says it is a draft. */
		buf_printf(&b, " (%s)", locale_str(loc, "draft.title"));
		doc->draft_mark =
		    pr_doc_strdup(doc, locale_str(loc, "draft.mark"));
		doc->draft_notice =
		    pr_doc_strdup(doc, locale_str(loc, "draft.notice"));
	}
	if (s->easy) {
		/* The title is the running header on every page too. */
		struct buf split;

		buf_init(&split);
		locale_split_words(loc, b.data, &split);
		buf_reset(&b);
		buf_puts(&b, split.data ? split.data : "");
		buf_free(&split);
	}
	doc->title = pr_doc_strdup(doc, b.data);
	doc->lang = pr_doc_strdup(doc, locale_lang(loc));
	doc->large_print = s->large_print;
	doc->author =
	    s->organisation ? pr_doc_strdup(doc, s->organisation) : NULL;
	if (s->lang != NULL && strcmp(s->lang, doc->lang) != 0)
		doc->author_lang = pr_doc_strdup(doc, s->lang);
	buf_reset(&b);
	buf_puts(&b, locale_str(loc, "doc.subject"));
	if (s->committee)
		buf_printf(&b, " – %s", s->committee);
	/* The papers name the report in the council's information system;
	 * a search there and in the PDF's properties finds the same. */
	if (s->council_paper)
		buf_printf(&b, " – %s %s", locale_str(loc, "doc.paper"),
		           s->council_paper);
	if (s->adopted.y && s->adoption_paper) {
		struct buf d;

		buf_init(&d);
		locale_date(loc, s->adopted, &d);
		buf_printf(&b, " (%s %s, %s %s)",
		           locale_str(loc, "doc.adopted"), d.data,
		           locale_str(loc, "doc.paper"), s->adoption_paper);
		buf_free(&d);
	}
	doc->subject = pr_doc_strdup(doc, b.data);
	doc->keywords = pr_doc_strdup(doc, locale_str(loc, "doc.keywords"));
	doc->running_header = doc->title;
	doc->page_word = pr_doc_strdup(doc, locale_str(loc, "page.word"));
	doc->of_word = pr_doc_strdup(doc, locale_str(loc, "page.of"));
	doc->toc_title = pr_doc_strdup(doc, locale_str(loc, "toc.title"));
	doc->skip_text = pr_doc_strdup(doc, locale_str(loc, "html.skip_link"));
	doc->date_y = s->session_date.y;
	doc->date_m = s->session_date.m;
	doc->date_d = s->session_date.d;
	buf_free(&b);
}

struct pr_doc *
tmpl_render(const struct tmpl_set *ts, const struct model *m)
{
	struct rctx c;
	struct outctx out = {0};
	struct markup_src src;
	unsigned errors = diag_count(DIAG_ERROR);
	bool ok;

	memset(&c, 0, sizeof(c));
	c.ts = ts;
	c.m = m;
	c.loc = ts->loc;
	c.doc = pr_doc_new();
	pool_init(&c.pool);
	buf_init(&c.tmp);
	c.slots = xcalloc(ts->nslots + 1, sizeof(*c.slots));
	c.out = &out;
	if (has_text(m->settings.lang) &&
	    strcmp(m->settings.lang, locale_lang(ts->loc)) != 0 &&
	    strspn(m->settings.lang, "abcdefghijklmnopqrstuvwxyz"
	                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
	        strlen(m->settings.lang))
		c.text_lang = m->settings.lang;
	/* Set before the components run: pr_append_input() compares. */
	c.doc->lang = pr_doc_strdup(c.doc, locale_lang(ts->loc));
	prepare(&c);
	ok = run_ops(&c, ts->body) && pr_stop_signal() == 0;
	if (ok) {
		src.text = out.text.data ? out.text.data : "";
		src.len = out.text.len;
		src.lines = out.lines;
		src.nlines = out.nlines;
		ok = markup_build(c.doc, c.doc->root, &src, &c.frags);
	}
	if (ok)
		ok = pr_stop_signal() == 0 &&
		     markup_mark_abbrs(c.doc, m->glossary, m->nglossary,
		                       m->settings.lang);
	if (ok)
		set_metadata(c.doc, m, ts->loc);
	unprepare(&c);
	free(c.frags.v);
	free(c.slots);
	free(out.lines);
	buf_free(&out.text);
	buf_free(&c.tmp);
	pool_free(&c.pool);
	if (!ok || diag_count(DIAG_ERROR) > errors) {
		pr_doc_free(c.doc);
		return NULL;
	}
	return c.doc;
}
