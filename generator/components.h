/*
 * components.h - template components: blocks built in C from the model
 * (tables of milestones and indicators, the glossary, the sources, the
 * status summary and the charts), inserted by `{% component name
 * arg=value ... %}`.
 *
 * A component appends blocks to a holder DIV; the template stage moves
 * them to where the tag stands.  Text goes in as TEXT nodes, never as
 * markup, so input values need no escaping here.
 */
#ifndef PR_COMPONENTS_H
#define PR_COMPONENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "doctree.h"
#include "locale.h"
#include "model.h"

enum comp_type {
	CT_MILESTONES, /* a list of milestones */
	CT_INDICATORS, /* a list of indicators */
	CT_ASPECTS,    /* a list of aspects */
	CT_ASPECT,
	CT_INDICATOR,
	CT_STRING,
	CT_NUMBER,
	CT_BOOL
};

struct comp_param {
	const char *name;
	enum comp_type type;
	bool required;
};

/* An argument's value; `set` is false when the template left it out. */
struct comp_arg {
	bool set;
	const void *const *items; /* lists */
	size_t n;
	const void *obj; /* CT_ASPECT, CT_INDICATOR */
	const char *str;
	double num;
	bool b;
};

struct comp_ctx {
	struct pr_doc *doc;
	const struct model *model;
	const struct locale *loc;
	const struct src_pos *pos; /* the tag */
	/* The inputs' language when the report is in another, else NULL:
	 * text from the inputs then goes into a LANG span. */
	const char *text_lang;
};

struct component {
	const char *name;
	const struct comp_param *params; /* ends with a NULL name */
	bool (*run)(const struct comp_ctx *, const struct comp_arg *args,
	            struct pr_node *holder);
};

/* Text from the inputs, appended to `parent`: in a LANG span when the
 * report is in another language than the inputs (WCAG 3.1.2).  The
 * one way components and charts put input text into the tree. */
void comp_put_input(const struct comp_ctx *, struct pr_node *parent,
                    const char *text);

/* The component named `name`, or NULL. */
const struct component *component_find(const char *name);
/* The components' names, for "did you mean" and the docs; NULL ends. */
const char *component_name(size_t i);

#endif
