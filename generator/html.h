/*
 * html.h - the accessible HTML renderer (WCAG 2.1 AA, BITV 2.0): one
 * self-contained file with inline CSS and SVG, no scripts.
 */
#ifndef PR_HTML_H
#define PR_HTML_H

#include <stdbool.h>
#include <stdio.h>

#include "doctree.h"

struct hyph;

/* Called, if set, with its argument as the HTML comes to each section n
 * once its table of contents is written: of the nodes made before n it
 * reads only n's ancestors again (pr_doc_release()). */
struct html_passing {
	void (*fn)(void *arg, const struct pr_node *n);
	void *arg;
};

/* Writes the page to `out`; `name` is the file's name for messages.
 * Long words get soft hyphens at the points of `hyph` (NULL: none).
 * Problems go to diag(); false on error. */
bool html_render(const struct pr_doc *, const struct hyph *, FILE *out,
                 const char *name, const struct html_passing *);

#endif
