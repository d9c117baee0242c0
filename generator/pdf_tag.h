/*
 * pdf_tag.h - tagged PDF on top of libharu 2.3: the only module that
 * uses libharu's internal object API.
 *
 * libharu has no structure tree and no marked content, and its Unicode
 * fonts are slow and large.  This module adds what PDF/UA-1
 * (ISO 14289-1) and PDF/A-2b (ISO 19005-2) need:
 *
 *   - marked-content operators (BDC/BMC/EMC) in a page's content stream;
 *   - structure elements built while the layout draws, and written
 *     once at the end as StructTreeRoot, ParentTree, /StructParents,
 *     /StructParent and OBJR references for annotations;
 *   - the document level: PDF 1.7, /Lang, /MarkInfo, /ViewerPreferences,
 *     the Info dictionary, an XMP stream written here (escaped), the
 *     sRGB output intent and a content-derived /ID;
 *   - the pages' content streams, deflated by packer threads as each
 *     page is done, and the fonts as Type 0 fonts with subset TrueType
 *     programs, their ToUnicode maps and widths (from pdf_font.c).
 *
 * Use: pdf_tag_new() after HPDF_New(); pdf_tag_page() for each page in
 * order; pdf_tag_elem() and friends while laying out; pdf_tag_bdc() /
 * pdf_tag_emc() and pdf_tag_pack_page() while drawing;
 * pdf_tag_finish() just before saving; pdf_tag_free() after it (the
 * pages' bytes stay with the pdf_tag until then).  All calls come from
 * one thread; the threads this module starts touch nothing of
 * libharu's.  Elements belong to the pdf_tag object and are freed with
 * it.
 */
#ifndef PR_PDF_TAG_H
#define PR_PDF_TAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "util.h"

#include <hpdf.h>

struct pdf_tag;
struct tag_elem;

/* Artifact kinds for pdf_tag_artifact(). */
enum tag_artifact {
	ART_LAYOUT,     /* rules, backgrounds, leaders, symbols */
	ART_PAGINATION, /* repeated table headers */
	ART_HEADER,     /* running header */
	ART_FOOTER,     /* "Seite N von M" */
	ART_WATERMARK   /* a draft's mark */
};

/* Attributes of a structure element (text given in UTF-8). */
enum tag_str { TAG_ALT, TAG_E, TAG_LANG, TAG_ACTUAL };
enum tag_scope { TAG_SCOPE_COLUMN, TAG_SCOPE_ROW };

struct pdf_tag *pdf_tag_new(HPDF_Doc);
void pdf_tag_free(struct pdf_tag *);

/* Registers the next page; returns its index (0, 1, ...). */
int pdf_tag_page(struct pdf_tag *, HPDF_Page);

/*
 * A new structure element of standard type `type` ("P", "H1", "Table"
 * ...) under `parent` (NULL: the Document element).  It is placed
 * among its parent's kids only when it first receives content or is
 * attached, so the tree follows the order in which content is drawn.
 */
struct tag_elem *pdf_tag_elem(struct pdf_tag *, struct tag_elem *parent,
                              const char *type);
const char *pdf_tag_elem_type(const struct tag_elem *);
/* How many elements there are; pdf_tag_forget() frees those made after
 * the first `keep`, which must have no content and not be attached (a
 * layout that is done again). */
size_t pdf_tag_count(const struct pdf_tag *);
void pdf_tag_forget(struct pdf_tag *, size_t keep);
void pdf_tag_set_str(struct tag_elem *, enum tag_str, const char *utf8);
void pdf_tag_set_scope(struct tag_elem *, enum tag_scope);
void pdf_tag_set_list_numbering(struct tag_elem *, const char *name);
/* Figure bounding box in page coordinates (PDF points, y up). */
void pdf_tag_set_bbox(struct tag_elem *, double x0, double y0, double x1,
                      double y1);
/* Places the element (and its ancestors) among the kids now, even
 * if it has no content of its own yet (an empty table cell). */
void pdf_tag_attach(struct tag_elem *);

/*
 * Opens marked content for `elem` on page `page` with a new MCID and
 * records it; returns the MCID.  Content must be closed by pdf_tag_emc.
 */
int pdf_tag_bdc(struct pdf_tag *, int page, struct tag_elem *);
/* The same with /ActualText (UTF-8) in the marked content's properties:
 * text extraction (poppler) reads it in place of the content's text. */
int pdf_tag_bdc_actual(struct pdf_tag *, int page, struct tag_elem *,
                       const char *actual);
void pdf_tag_artifact(struct pdf_tag *, int page, enum tag_artifact);
void pdf_tag_emc(struct pdf_tag *, int page);

/*
 * A link annotation to `uri` (7-bit ASCII) on `page`; annotations of
 * the same long URI share one action object.  NULL if libharu failed.
 */
HPDF_Annotation pdf_tag_uri_annot(struct pdf_tag *, HPDF_Page, HPDF_Rect,
                                  const char *uri);

/*
 * Tags an annotation: /StructParent, /F (print), /Contents, no border,
 * and an OBJR kid of `elem`.
 */
void pdf_tag_annot(struct pdf_tag *, int page, struct tag_elem *,
                   HPDF_Annotation, const char *contents_utf8);

/*
 * The content stream of the page being drawn: pdf.c appends its
 * operators here, pdf_tag_bdc() and friends their marked-content
 * operators.  pdf_tag_pack_page() hands it to a packer thread, which
 * deflates it while the next page is drawn (so that pages do not wait
 * in memory uncompressed), and gives the drawing an empty buffer for the
 * next page; pdf_tag_finish() puts the deflated pages into the file.
 * False if zlib failed on an earlier page.
 */
struct buf *pdf_tag_content(struct pdf_tag *);
bool pdf_tag_pack_page(struct pdf_tag *, int page);

/*
 * Makes font `slot` (0 ... 7) the resource /F<slot+1> of page `page`;
 * call it before the page's content selects the font.  The font is
 * embedded at pdf_tag_finish() as a Type 0 font of the codes
 * pdf_font_code() gave out, with only their glyphs.
 */
struct pdf_font;
void pdf_tag_use_font(struct pdf_tag *, int page, int slot, struct pdf_font *);

struct tag_meta {
	const char *title, *author, *subject, *keywords, *lang;
	const char *creator, *producer;
	time_t date;
	const char *icc; /* sRGB profile for the output intent */
	size_t icc_len;
};

/*
 * Writes the structure tree, document-level entries, XMP, output
 * intent, ToUnicode maps and /ID.  Problems go to diag(); false on
 * error (the document must then not be saved).
 */
bool pdf_tag_finish(struct pdf_tag *, const struct tag_meta *);
/* Writes the file to `out` (and flushes it); false on failure, with
 * *err the errno of a failed write, or 0 if libharu failed (its error
 * is in the document). */
bool pdf_tag_save(struct pdf_tag *, FILE *out, int *err);

#endif
