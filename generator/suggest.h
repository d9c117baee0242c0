/*
 * suggest.h - "did you mean": the one routine that names the likely
 * meant word after a misspelt key, status, field, filter, tag or
 * component, in one wording for inputs and templates alike.
 */
#ifndef PR_SUGGEST_H
#define PR_SUGGEST_H

#include <stddef.h>

#include "util.h"

/* The candidate nearest to `word` when it is near enough to be a typo
 * (a third of the word wrong, at least one character), else NULL. */
const char *suggest(const char *word, const char *const *cands, size_t n);

/* Appends `; did you mean "x"? allowed are a, b, c` to b: the question
 * only when a candidate is near, the list only when it has at most
 * SUGGEST_LIST_MAX names (a longer one would hide the message; the
 * milestone's 42 template fields are listed). */
#define SUGGEST_LIST_MAX 50
void did_you_mean(struct buf *b, const char *word, const char *const *cands,
                  size_t n);

#endif
