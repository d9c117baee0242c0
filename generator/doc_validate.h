/*
 * doc_validate.h - the pass between building and rendering: normalises
 * the document tree and checks the rules both outputs rely on
 * (title, language, heading order, alt text, table headers, link
 * schemes, characters), so that the renderers only assert.
 */
#ifndef PR_DOC_VALIDATE_H
#define PR_DOC_VALIDATE_H

#include <stdbool.h>

#include "doctree.h"

/* Problems go to diag(); returns false if any was an error. */
bool doc_validate(struct pr_doc *);

#endif
