/*
 * template.h - the report templates: parsed once into an operation
 * tree, then evaluated against the model into the document tree.
 */
#ifndef PR_TEMPLATE_H
#define PR_TEMPLATE_H

#include <stdbool.h>

#include "doctree.h"
#include "model.h"

struct tmpl_set;

/* Parses dir/<lang>/report.tmpl with its includes and locale.  Problems
 * go to diag() at template-file:line:col; NULL on error. */
struct tmpl_set *tmpl_load(const char *templates_dir, const char *lang);
/* The same from another root file below dir/<lang>, such as
 * "easy/report.tmpl" (build --easy). */
struct tmpl_set *tmpl_load_root(const char *templates_dir, const char *lang,
                                const char *root);
void tmpl_free(struct tmpl_set *);

/* Evaluates the templates against the model.  NULL on error. */
struct pr_doc *tmpl_render(const struct tmpl_set *, const struct model *);

#endif
