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

/* Writes the page to `out`; `name` is the file's name for messages.
 * Long words get soft hyphens at the points of `hyph` (NULL: none).
 * Problems go to diag(); false on error. */
bool html_render(const struct pr_doc *, const struct hyph *, FILE *out,
                 const char *name);

#endif
