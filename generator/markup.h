/*
 * markup.h - the report's Markdown-like markup, turned into the
 * document tree.
 *
 * The template evaluator (template_eval.c) writes Markdown text; values
 * from the inputs are escaped on the way in (markup_escape), and
 * subtrees made by components are referenced by marker characters from
 * Unicode's private use area that only the evaluator writes.  The text
 * is parsed by cmark-gfm with its table extension and converted here:
 * headings build nested sections, GFM tables become TABLE/ROW/CELL, a
 * link to "lang:xx" becomes a language span.  Raw HTML is refused.
 */
#ifndef PR_MARKUP_H
#define PR_MARKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "doctree.h"
#include "model.h"
#include "util.h"

/* Markers: MK_INLINE n MK_END stands for inline fragment n, a paragraph
 * holding only MK_BLOCK n MK_END for block fragment n. */
#define MK_INLINE "\xee\x80\x80" /* U+E000 */
#define MK_END    "\xee\x80\x81" /* U+E001 */
#define MK_BLOCK  "\xee\x80\x82" /* U+E002 */

/* One piece of evaluated markup: the text and, for each output line,
 * the template place its first character came from. */
struct markup_src {
	const char *text;
	size_t len;
	const struct src_pos *lines;
	size_t nlines;
};

/* Subtrees made by components, referred to by the markers.  A block
 * fragment is a DIV whose children are moved into place; an inline
 * fragment is a PARA whose children are moved. */
struct markup_frags {
	struct pr_node **v;
	size_t n;
};

/*
 * Parses src and appends the resulting blocks to `container` (the
 * DOCUMENT or a DIV).  Errors go to diag() at the template place;
 * returns false after an error.
 */
bool markup_build(struct pr_doc *, struct pr_node *container,
                  const struct markup_src *, const struct markup_frags *);

/*
 * Appends s to out so that the markup shows it literally: every ASCII
 * punctuation character is backslash-escaped, runs of white space
 * (including line breaks) become one space, control characters and the
 * marker characters become U+FFFD.  at_line_start: drop a leading space.
 */
void markup_escape(struct buf *out, const char *s, bool at_line_start);
/*
 * The length of what at s is never shown as it is (a control character,
 * one of the template's marker characters U+E000 to U+E002), which the
 * caller writes as U+FFFD; 0 for anything else.
 */
size_t markup_hidden(const char *s);

/*
 * Marks the glossary's terms in the text of the tree as ABBR nodes with
 * their expansion: whole words only, longest term first, every
 * occurrence outside headings, links and existing abbreviations.  An
 * entry's own lang, else `input_lang` (the inputs' language), is its
 * language: an abbreviation in another language than the text around
 * it goes into a LANG span, expansion and all.  Returns false if the
 * terms cannot be compiled into a pattern.
 */
bool markup_mark_abbrs(struct pr_doc *, const struct glossary_entry *, size_t n,
                       const char *input_lang);

#endif
