/*
 * pdf_font.h - TrueType fonts for the PDF: metrics, character codes and
 * the subset that is embedded.
 *
 * libharu 2.3 makes a Unicode font by mapping all 65,536 code points to
 * glyphs, one cmap search each, and embeds a CIDToGIDMap of 128 KB and
 * every glyph of the font: about a third of a report's run and most of
 * its font bytes.  This module reads the font once with HarfBuzz, gives
 * each character drawn a code (CID) in order of first use, and at the
 * end has HarfBuzz's subsetter write a TrueType font holding only the
 * glyphs drawn; with it come the maps a Type 0 font needs: CID -> glyph,
 * CID -> Unicode, CID -> width.
 *
 * It knows nothing of PDF objects (pdf_tag.c makes them from what this
 * module writes) and nothing of libharu.
 */
#ifndef PR_PDF_FONT_H
#define PR_PDF_FONT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct pdf_font;

/* The FontDescriptor's numbers, in 1/1000 em. */
struct font_metrics {
	int bbox[4];
	int ascent, descent, cap_height;
	double italic_angle;
	int stem_v;
	bool fixed_pitch, bold;
};

/* Reads a TrueType font; NULL after a message naming the file. */
struct pdf_font *pdf_font_load(const char *path);
void pdf_font_free(struct pdf_font *);

/* Advance of code point cp in 1/1000 em, or -1 if the font has no
 * glyph for it (cp 0, beyond the BMP, or not in the font's cmap). */
int pdf_font_width(const struct pdf_font *, unsigned cp);

/* The kerning between cp1 and cp2 drawn next to each other, in 1/1000
 * em (negative: closer); 0 if either has no glyph.  Measuring and
 * drawing both add it, so lines measured to fit are drawn to fit. */
int pdf_font_kern(struct pdf_font *, unsigned cp1, unsigned cp2);

/*
 * The two-byte code (CID) that draws cp, given on first use; 0 if the
 * font has no glyph for cp.  Codes are 1, 2, 3 ... in the order of
 * first use, so the same report gives the same bytes.
 */
unsigned pdf_font_code(struct pdf_font *, unsigned cp);

/* The PostScript name of the font ("DejaVuSans-Bold"). */
const char *pdf_font_name(const struct pdf_font *);
const struct font_metrics *pdf_font_metrics(const struct pdf_font *);
/* How many codes have been given out (the highest CID). */
unsigned pdf_font_ncodes(const struct pdf_font *);

/*
 * The embedded font: "ABCDEF+Name" (a tag derived from the characters
 * drawn, as ISO 32000-1 9.6.4 asks of a subset) and a TrueType file with
 * only the glyphs drawn (and the glyphs composites use); glyph numbers
 * stay as in the original.
 */
void pdf_font_subset_name(const struct pdf_font *, struct buf *);
bool pdf_font_subset(const struct pdf_font *, struct buf *ttf);
/* Lets go of the font file once the subset is written (the peak memory
 * of a run is there); widths and codes stay, the subset cannot be made
 * again. */
void pdf_font_close_file(struct pdf_font *);
/* The CIDToGIDMap stream: two bytes (big-endian glyph id) per CID. */
void pdf_font_cid_to_gid(const struct pdf_font *, struct buf *);
/* The width of code (CID) in 1/1000 em, for the W array. */
int pdf_font_code_width(const struct pdf_font *, unsigned code);
/* The ToUnicode CMap, one bfchar entry per CID. */
void pdf_font_to_unicode(const struct pdf_font *, struct buf *);

#endif
