/*
 * template_int.h - what the template engine's files share: the value
 * types, the parsed form (tokens, expressions, operations), the parser's
 * and the evaluator's state, and the functions one file offers another.
 * Only generator/template_*.c include it; callers use template.h.
 *
 * The engine's files, in the order a template passes through them:
 *
 *	template_load.c    the files: reading, includes, confinement
 *	template_lex.c     text and tags, tokens (pcre2)
 *	template_expr.c    values and their types; the expression parser
 *	template_stmt.c    statement tags: a table of tag -> parse function
 *	template_filter.c  the filters ({{ x | number(1) }})
 *	template_bind.c    the names templates can use: the model's fields
 *	template_eval.c    evaluation of expressions and operations
 *	template_out.c     the Markdown text it writes, and fragments
 */
#ifndef PR_TEMPLATE_INT_H
#define PR_TEMPLATE_INT_H

#include <stdbool.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "components.h"
#include "locale.h"
#include "markup.h"
#include "suggest.h"
#include "template.h"
#include "util.h"

#define MAX_DEPTH 64        /* nesting of blocks, includes, expressions */
#define MAX_FILE  (8 << 20) /* bytes of one template file */

/* ------------------------------------------------------------------ */
/* Values and types */

enum vt {
	VT_NONE,
	VT_BOOL,
	VT_NUM,
	VT_STR,
	VT_DATE,
	VT_LIST,
	VT_OBJ,
	VT_STATUS, /* a status key shown as symbol and label */
	VT_MD,     /* markup already escaped (the paragraphs filter) */
	VT_ANY
};

enum kind {
	K_NONE,
	K_SETTINGS,
	K_ASPECT,
	K_MILESTONE,
	K_INDICATOR,
	K_VALUE,
	K_TERM,
	K_SOURCE,
	K_PREV,
	K_REMOVED,
	K_MSPREV,
	K_COUNTS,
	K_LOOP,
	K_UNIT,
	K_TOPIC,
	K__MAX
};

/* What a kind of object and a type of value are called in messages, in
 * the messages' language (template_expr.c). */
const char *kind_name(enum kind);
const char *vt_name(enum vt);

struct stype {
	enum vt t;
	enum kind k; /* of the object, or of a list's elements */
};

struct val {
	enum vt t;
	enum kind k;
	bool prose; /* text of the inputs, in the inputs' language */
	union {
		bool b;
		double n;
		const char *s;
		struct pr_date d;
		const void *obj;
		struct {
			const void *const *items;
			size_t n;
		} list;
	} u;
};

/* ------------------------------------------------------------------ */
/* Render context: what the evaluation of one report needs. */

struct plist {
	const void **v;
	size_t n, cap;
};

struct aext {
	struct plist ms, all_ms, ind, all_ind;
};

struct removed {
	const char *id, *title;
};

struct loopinfo {
	size_t index, length;
};

struct outctx {
	struct buf text;
	struct src_pos *lines;
	size_t nlines, cap;
};

struct rctx {
	const struct tmpl_set *ts;
	const struct model *m;
	const struct locale *loc;
	struct pr_doc *doc;
	struct pool pool;
	struct val *slots;
	struct strmap aidx; /* aspect id -> index + 1 */
	struct aext *aext;
	struct plist points, glossary, sources, removed, all_ind;
	struct removed *removed_v;
	struct markup_frags frags;
	size_t fcap;
	struct outctx *out;
	struct buf tmp;
	/* The inputs' language when the report is in another one: their
	 * text is then marked as a passage in that language. */
	const char *text_lang;
	bool failed;
};

struct rctx;
typedef void (*getter)(const struct rctx *, const void *, struct val *);

/* How a field is read: a plain member at `off` of the given C type, or
 * through a getter (FR_GET) for a value computed from members. */
enum field_read {
	FR_GET,
	FR_STR,
	FR_DATE,
	FR_INT,
	FR_UINT,
	FR_SIZE,
	FR_DBL,
	FR_BOOL,
	FR_OBJ
};

struct field {
	const char *name;
	enum vt t;
	enum kind k;
	enum field_read how;
	size_t off;
	getter get;
	const char *const *keys; /* allowed words when compared, or NULL */
	bool prose; /* text written in the inputs, in their language */
};
/* ------------------------------------------------------------------ */
/* Lexer */

enum tk { T_EOF, T_STR, T_NUM, T_ID, T_OP, T_CLOSE };

struct tok {
	enum tk t;
	const char *s; /* in the file's text; for T_STR the unescaped copy */
	size_t len;
	double num;
	struct src_pos pos;
};

enum itemk { IT_TEXT, IT_EXPR, IT_STMT };

struct item {
	enum itemk t;
	struct src_pos pos;
	const char *s; /* IT_TEXT */
	size_t len;
	struct tok *toks; /* IT_EXPR, IT_STMT; ends with T_CLOSE */
	size_t ntoks;
};

struct tfile {
	char *name; /* as shown in messages */
	char *rel;  /* relative to the language folder */
	char *text;
	size_t len;
	struct item *items;
	size_t nitems;
	struct tfile *next;
};

struct op;
struct expr;

struct tmpl_set {
	char *dir; /* the language folder */
	char *realdir;
	struct locale *loc;
	struct tfile *files;
	struct pool pool; /* ops, expressions, strings */
	struct op *body;
	size_t nslots;
	pcre2_code *re_open, *re_tok;
	pcre2_match_data *md;
	/* parse state */
	const char *incstack[MAX_DEPTH];
	int incdepth;
	bool failed;      /* an error: the set is refused */
	bool stop;        /* one the parser cannot go on after */
	unsigned nerrors; /* so far, to tell a failed tag from a comment */
};

/* ------------------------------------------------------------------ */
/* Expressions and operations */

enum ek {
	E_LIT,
	E_SLOT,
	E_ROOT,
	E_FIELD,
	E_DATEPART,
	E_NOT,
	E_AND,
	E_OR,
	E_CMP,
	E_IN,
	E_ARITH,
	E_NEG,
	E_FILTER,
	E_COUNT
};

struct filter;

struct expr {
	enum ek k;
	struct src_pos pos;
	struct stype ty;
	struct val lit;            /* E_LIT */
	int slot;                  /* E_SLOT, E_COUNT */
	const struct field *field; /* E_FIELD, E_ROOT */
	int part;                  /* E_DATEPART: 0 year 1 month 2 day */
	char op[3];                /* E_CMP, E_ARITH */
	struct expr *a, *b;        /* operands; E_COUNT: list, where */
	struct expr **args;        /* E_FILTER, E_IN */
	size_t nargs;
	const struct filter *filter;
	bool prose; /* E_FIELD: a field of text written in the inputs */
};

enum opk {
	OP_TEXT,
	OP_PRINT,
	OP_IF,
	OP_FOR,
	OP_SET,
	OP_SEQ, /* an include: the included file's operations */
	OP_COMPONENT,
	OP_TOC,
	OP_BLOCK
};

struct sortkey {
	struct expr *e;
	bool desc;
};

struct op {
	enum opk k;
	struct src_pos pos;
	struct op *next;
	const char *text; /* OP_TEXT; OP_BLOCK: class */
	size_t len;
	struct expr *e; /* OP_PRINT, OP_SET; OP_FOR: the list */
	/* OP_IF: conds[i] guards bodies[i]; els is the else body */
	struct expr **conds;
	struct op **bodies;
	size_t nconds;
	struct op *body, *els; /* OP_FOR, OP_SEQ, OP_BLOCK */
	int slot, loopslot;    /* OP_FOR, OP_SET */
	struct expr *where, *limit;
	struct sortkey *sort;
	size_t nsort;
	const struct component *comp;
	struct expr **cargs; /* by parameter index, NULL if absent */
	int depth;           /* OP_TOC */
};

/* Parser state: one template file's items at a time. */
struct scopevar {
	const char *name;
	size_t len;
	int slot;
	struct stype ty;
};

struct parser {
	struct tmpl_set *ts;
	struct tfile *f;
	size_t item; /* current item */
	size_t tok;  /* current token in the item */
	struct scopevar vars[256];
	size_t nvars;
	int depth;
	/* open blocks, for the hint at a misplaced end tag */
	const char *open[MAX_DEPTH];
	struct src_pos openpos[MAX_DEPTH];
	int nopen;
};

typedef bool (*filterfn)(struct rctx *, const struct expr *, struct val *,
                         const struct val *args);

struct filter {
	const char *name;
	unsigned in; /* bit mask of accepted VT_ input types */
	enum vt out; /* VT_ANY: same as the input */
	int minargs, maxargs;
	enum vt argt[3];
	filterfn fn;
};

#define B(t) (1u << (t))

/* template_lex.c */
void advance_pos(struct src_pos *, const char *, size_t);
void terr(struct tmpl_set *, const struct src_pos *, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool is_blank(const char *, size_t);
bool lex_file(struct tmpl_set *, struct tfile *);

/* template_load.c */
struct tfile *load_file(struct tmpl_set *, const char *rel,
                        const struct src_pos *at);

/* template_expr.c */
void v_none(struct val *);
void v_str(struct val *, const char *);
void v_num(struct val *, double);
void v_bool(struct val *, bool);
void v_date(struct val *, struct pr_date);
void v_obj(struct val *, enum kind, const void *);
void v_list(struct val *, enum kind, const void *const *, size_t);
void v_plist(struct val *, enum kind, const struct plist *);
struct names {
	const char *v[128];
	size_t n;
};
void names_add(struct names *, const char *);
void *palloc(struct parser *, size_t);
struct tok *cur(struct parser *);
bool tok_is(const struct tok *, enum tk, const char *);
bool accept(struct parser *, enum tk, const char *);
const char *tok_show(const struct tok *, char *tmp, size_t);
bool expect(struct parser *, enum tk, const char *, const char *what);
struct expr *parse_expr(struct parser *);
int new_var(struct parser *, const struct tok *name, struct stype);
const struct field *find_field(const struct field *, const char *, size_t);

/* template_stmt.c */
struct op *parse_file_ops(struct tmpl_set *, struct tfile *,
                          struct parser *outer);

/* template_filter.c */
extern const struct filter filters[];
const char *tmp_str(struct rctx *);
/* The title the report shows: the settings' in the inputs' language,
 * else the locale's doc.title (template_eval.c). */
const char *report_title(const struct settings *, const struct locale *);
bool f_default(struct rctx *, const struct expr *, struct val *,
               const struct val *);

/* template_bind.c */
extern const struct field *const kind_fields[K__MAX];
extern const struct field root_fields[];
void field_read(const struct rctx *, const struct field *, const void *obj,
                struct val *);
const char *key_group(const char *key);
struct aext *aext_of(const struct rctx *, const struct aspect *);

/* template_out.c */
void out_put(struct outctx *, const char *s, size_t n, const struct src_pos *,
             bool literal);
void out_block_frag(struct rctx *, struct pr_node *holder,
                    const struct src_pos *);
bool out_value(struct rctx *, const struct val *, const struct src_pos *);

#endif
