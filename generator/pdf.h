/*
 * pdf.h - the tagged PDF renderer (PDF/UA-1, PDF/A-2b).
 *
 * pdf.c lays the document tree out on A4 pages with libharu's public
 * API; pdf_tag.c, the only module that touches libharu's internal
 * object API, writes the structure tree, marked content, XMP metadata
 * and the fixed ToUnicode maps.
 */
#ifndef PR_PDF_H
#define PR_PDF_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "doctree.h"

struct hyph;

struct pdf_options {
	const char *font_dir;    /* holds DejaVuSans*.ttf */
	time_t date;             /* creation date (SOURCE_DATE_EPOCH) */
	const struct hyph *hyph; /* hyphenation patterns; NULL: none */
	/* Called, if set, once the pages are drawn: the renderer reads
	 * nothing of the document after it, so the caller may free it
	 * before the structure tree and the file are written. */
	void (*drawn)(void *arg);
	void *drawn_arg;
	/* Called, if set, once the layout is complete (before drawing, or
	 * with it in a report laid out twice), with drawn_arg: the
	 * hyphenation patterns and the tree's nodes are not read after it
	 * (the drawings and the document's own texts are: pr_doc_shed()). */
	void (*laid_out)(void *arg);
	/* Called, if set, in the last layout (the only one of a report
	 * small enough, the second of one laid out twice), with drawn_arg,
	 * as it comes to each section n once the table of contents is laid
	 * out: of the nodes made before n it reads only n's ancestors
	 * again (pr_doc_release()).  `drawing`: the layout draws each page
	 * as it is complete and frees its boxes (the second of two), so it
	 * does not grow into what the tree frees. */
	void (*passing)(void *arg, const struct pr_node *n, bool drawing);
};

#define PDF_MAX_MISSING 16

struct pdf_stats {
	unsigned pages;
	/* Characters the fonts lack, for naming their input files (the
	 * renderer itself knows only the template places). */
	unsigned missing[PDF_MAX_MISSING];
	size_t nmissing;
};

/* Writes the PDF to `out` (flushed, not closed), an empty file that
 * messages call `path`.  Problems go to diag(); false on error. */
bool pdf_render(const struct pr_doc *, const struct pdf_options *,
                const char *path, FILE *out, struct pdf_stats *);

/*
 * What `check` needs of the PDF without writing it: the fonts read
 * from font_dir, the sRGB colour profile, and every character the PDF
 * would set found in the face it would be set in.  The missing ones are
 * reported as pdf_render() reports them and go to stats; false after a message.
 */
bool pdf_check(const struct pr_doc *, const char *font_dir, struct pdf_stats *);

#endif
