/*
 * pdf.c - the PDF renderer: lays the document tree out on A4 pages
 * (pdf_layout.c), draws it as content-stream operators of its own and
 * makes pages, links, bookmarks and page labels with libharu's public
 * API; pdf_tag.c adds the structure tree, the fonts and everything else
 * libharu cannot write.
 *
 * Three steps, so that the table of contents and "Seite N von M" know
 * their page numbers before anything is drawn:
 *
 *   1. layout (pdf_layout.c): each block becomes a list of vertical
 *      boxes holding drawing operations with coordinates relative to
 *      the box and the structure element they belong to (or none: an
 *      artifact);
 *   2. pagination (pdf_layout.c): boxes are placed on pages;
 *   3. drawing (here): each page's operations are written inside marked
 *      content, one BDC ... EMC per run of operations of the same
 *      element, so the structure tree follows the reading order; then
 *      bookmarks, page labels, and the document level (pdf_tag.c).
 *
 * A character the font lacks is an error naming the text and its
 * source position, never a blank box.
 */
#include "pdf.h"

#include <errno.h>
#include <hpdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hyph.h"
#include "pdf_int.h"
#include "textfile.h"

/* The layout kept whole, for one pass; beyond it a report is laid out
 * twice and held a few pages at a time (pdf_layout.c). */
#define LAYOUT_KEEP ((size_t)64 << 20)

#ifndef PR_VERSION
#define PR_VERSION "0"
#endif
#ifndef PR_DATADIR
#define PR_DATADIR "/usr/local/share/progress-report"
#endif

static const char *const font_files[F_N] = {
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf"};

static void
hpdf_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	struct ctx *c = data;

	/* Reported once, by pdf_render, from HPDF_GetError. */
	(void)no;
	(void)detail;
	if (c != NULL)
		c->failed = true;
}

/* libharu reports a failed allocation as one of its errors, which
 * read as a fault of the PDF ("error 0x1015"): util.c's allocator says
 * "out of memory" and exits with status 3 after the run's cleanup. */
static void *
hpdf_alloc(HPDF_UINT size)
{
	return xmalloc(size);
}

static void
hpdf_free(void *p)
{
	free(p);
}

static bool
load_fonts(struct ctx *c, const char *dir)
{
	char path[4096];
	int i;

	for (i = 0; i < F_N; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, font_files[i]);
		if ((c->fonts[i] = pdf_font_load(path)) == NULL)
			return false;
	}
	return true;
}

/* ---- the content stream ---------------------------------------------------
 *
 * Operators are written straight into the page's buffer (pdf_tag.c
 * deflates it): libharu's page functions cost a call, a float
 * conversion and a byte-wise copy per operator, a fifth of the run.
 * Coordinates are kept in thousandths of a point, written exactly.
 */

static long
milli(double v)
{
	return v >= 0 ? (long)(v * 1000 + 0.5) : -(long)(-v * 1000 + 0.5);
}

/* Writes v/1000 and a space: "12.5 ", "-3 ", "0.078 ". */
static void
put_milli(struct buf *b, long v)
{
	char tmp[40], *p;

	tmp[sizeof(tmp) - 1] = ' ';
	p = fmt_scaled(tmp + sizeof(tmp) - 1, v, 3);
	buf_append(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
put_num(struct buf *b, double v)
{
	put_milli(b, milli(v));
}

static void
put_color(struct buf *b, struct dr_color col, const char *op)
{
	put_num(b, col.r / 255.0);
	put_num(b, col.g / 255.0);
	put_num(b, col.b / 255.0);
	buf_puts(b, op);
}

/* "x y op\n" with y measured down from the page top. */
static void
put_point(struct buf *b, double x, double ydown, const char *op)
{
	put_num(b, x);
	put_num(b, PAGE_H - ydown);
	buf_puts(b, op);
}

/* ---- drawing --------------------------------------------------------------
 */

struct draw {
	struct ctx *c;
	struct buf *cs;
	int pno;
	bool open, in_text;
	struct tag_elem *cur;
	enum tag_artifact cur_art;
	int font;
	double size;
	unsigned fonts_on_page; /* bit f: /F<f+1> is a page resource */
	long tx, ty;            /* the text line's origin, in 1/1000 pt */
	/* The graphics state as drawn so far (font, size and fill last
	 * set; -1 and false: unknown), so that a repeat is not written. */
	struct dr_color fill;
	bool fill_set;
};

/* The fill colour is graphics state: it lasts across BT/ET and marked
 * content until Q, so an unchanged one needs no new operator (most text
 * runs repeat the body colour). */
static void
paint_fill(struct draw *d, struct dr_color col)
{
	if (d->fill_set && col.r == d->fill.r && col.g == d->fill.g &&
	    col.b == d->fill.b)
		return;
	put_color(d->cs, col, "rg\n");
	d->fill = col;
	d->fill_set = true;
}

static void
end_text(struct draw *d)
{
	if (d->in_text) {
		buf_puts(d->cs, "ET\n");
		d->in_text = false;
	}
}

static void
close_mc(struct draw *d)
{
	end_text(d);
	if (d->open)
		pdf_tag_emc(d->c->tag, d->pno);
	d->open = false;
}

/* Opens marked content for elem (NULL: an artifact of kind art). */
static void
open_mc(struct draw *d, struct tag_elem *elem, enum tag_artifact art)
{
	if (d->open && elem == d->cur && (elem != NULL || art == d->cur_art))
		return;
	close_mc(d);
	if (elem != NULL)
		pdf_tag_bdc(d->c->tag, d->pno, elem);
	else
		pdf_tag_artifact(d->c->tag, d->pno, art);
	d->open = true;
	d->cur = elem;
	d->cur_art = art;
}

/*
 * The text as a string of two-byte codes (Identity-H).  Codes are small
 * numbers given in order of use, so a literal string is half the bytes
 * of hex; the bytes a literal string cannot hold as they are get a
 * backslash (CR would be read as LF).
 */
static void
put_codes(struct draw *d, int font, const char *s, bool kern)
{
	struct pdf_font *f = d->c->fonts[font];
	struct buf *b = d->cs;
	unsigned cp, code, prev = 0;
	int n, k;
	bool tj = false;
	const char *p;

	/* Kerned text is a TJ array: a number between two strings moves
	 * the next glyph left by that many thousandths of an em (ISO
	 * 32000-1 9.4.3), the kerning the layout measured with. */
	for (p = s; kern && !tj && (n = utf8_decode(p, &cp)) > 0; p += n) {
		tj = prev != 0 && pdf_font_kern(f, prev, cp) != 0;
		prev = cp;
	}
	if (tj)
		buf_putc(b, '[');
	buf_putc(b, '(');
	prev = 0;
	while ((n = utf8_decode(s, &cp)) > 0) {
		s += n;
		if (tj && prev != 0) {
			int kv = pdf_font_kern(f, prev, cp);

			if (kv != 0) {
				buf_putc(b, ')');
				buf_printf(b, "%d", -kv);
				buf_putc(b, '(');
			}
		}
		prev = cp;
		code = pdf_font_code(f, cp);
		if (code == 0) {
			/* The layout measured every character: only a
			 * bug gets here. */
			d->c->failed = true;
			continue;
		}
		for (k = 8; k >= 0; k -= 8) {
			unsigned char byte = (unsigned char)(code >> k);

			if (byte == '(' || byte == ')' || byte == '\\')
				buf_putc(b, '\\');
			if (byte == '\r')
				buf_puts(b, "\\r");
			else
				buf_putc(b, byte);
		}
	}
	buf_puts(b, tj ? ")] TJ\n" : ") Tj\n");
}

/* Kerned, as pdf_text_width() measures (the layout, the charts'
 * alignment, the page furniture). */
static void
draw_text(struct draw *d, int font, double size, struct dr_color col, double x,
          double ybase, const char *text)
{
	long nx = milli(x), ny = milli(PAGE_H - ybase);

	if (!d->in_text) {
		buf_puts(d->cs, "BT\n");
		d->in_text = true;
		d->tx = d->ty = 0;
	}
	if (font != d->font || size != d->size) {
		if (!(d->fonts_on_page & (1u << font))) {
			pdf_tag_use_font(d->c->tag, d->pno, font,
			                 d->c->fonts[font]);
			d->fonts_on_page |= 1u << font;
		}
		buf_puts(d->cs, "/F");
		buf_putc(d->cs, '1' + font); /* F_N fonts: one digit */
		buf_putc(d->cs, ' ');
		put_num(d->cs, size);
		buf_puts(d->cs, "Tf\n");
		d->font = font;
		d->size = size;
	}
	paint_fill(d, col);
	/* Td moves from the line's origin: the difference of the exact
	 * thousandths, so positions never drift. */
	put_milli(d->cs, nx - d->tx);
	put_milli(d->cs, ny - d->ty);
	buf_puts(d->cs, "Td\n");
	d->tx = nx;
	d->ty = ny;
	put_codes(d, font, text, true);
}

static void
set_dash(struct buf *b, double on, double off)
{
	if (on <= 0) {
		buf_puts(b, "[] 0 d\n");
		return;
	}
	buf_puts(b, "[");
	put_num(b, on);
	if (off > 0)
		put_num(b, off);
	buf_puts(b, "] 0 d\n");
}

/* A circle as four Bézier arcs (the constant makes each a quarter). */
static void
put_circle(struct buf *b, double x, double y, double r)
{
	const double k = 0.552284749831 * r;

	put_num(b, x - r), put_num(b, y), buf_puts(b, "m\n");
	put_num(b, x - r), put_num(b, y + k), put_num(b, x - k);
	put_num(b, y + r), put_num(b, x), put_num(b, y + r), buf_puts(b, "c\n");
	put_num(b, x + k), put_num(b, y + r), put_num(b, x + r);
	put_num(b, y + k), put_num(b, x + r), put_num(b, y), buf_puts(b, "c\n");
	put_num(b, x + r), put_num(b, y - k), put_num(b, x + k);
	put_num(b, y - r), put_num(b, x), put_num(b, y - r), buf_puts(b, "c\n");
	put_num(b, x - k), put_num(b, y - r), put_num(b, x - r);
	put_num(b, y - k), put_num(b, x - r), put_num(b, y), buf_puts(b, "c\n");
}

static void
draw_drawing(struct draw *d, const struct op *o, double top)
{
	const struct drawing *dr = o->drawing;
	double s = o->scale, ox = o->x, oy = PAGE_H - top;
	struct buf *b = d->cs;
	size_t i, k;
	bool fills;

#define X(v) (ox + (v)*s)
#define Y(v) (oy - (v)*s)
	for (i = 0; i < dr->nitems; i++) {
		const struct dr_item *it = &dr->items[i];

		if (it->op == DR_TEXT) {
			int f = it->bold ? F_BOLD : F_REG;
			double sz = it->size * s;
			double w = pdf_str_width(d->c, f, sz, it->text);
			double x = ox + it->x * s;

			if (it->text == NULL)
				continue;
			if (it->anchor == DR_MIDDLE)
				x -= w / 2;
			else if (it->anchor == DR_END)
				x -= w;
			draw_text(d, f, sz, it->fill_color, x, top + it->y * s,
			          it->text);
			continue;
		}
		end_text(d);
		put_num(b, it->stroke_width * s);
		buf_puts(b, "w\n");
		if (it->dash > 0) {
			double on = (double)(long)(it->dash * s + 0.5);

			set_dash(b, on < 1 ? 1 : on, 0);
		}
		/* Lines are only stroked: their fill colour would be unused. */
		fills = it->fill && it->op != DR_LINE && it->op != DR_POLYLINE;
		if (fills)
			paint_fill(d, it->fill_color);
		put_color(b, it->stroke_color, "RG\n");
		switch (it->op) {
		case DR_LINE:
			put_num(b, X(it->pts[0])), put_num(b, Y(it->pts[1]));
			buf_puts(b, "m\n");
			put_num(b, X(it->pts[2])), put_num(b, Y(it->pts[3]));
			buf_puts(b, "l\n");
			break;
		case DR_POLYLINE:
		case DR_POLYGON:
			if (it->npts == 0)
				continue;
			put_num(b, X(it->pts[0])), put_num(b, Y(it->pts[1]));
			buf_puts(b, "m\n");
			for (k = 1; k < it->npts; k++) {
				put_num(b, X(it->pts[2 * k]));
				put_num(b, Y(it->pts[2 * k + 1]));
				buf_puts(b, "l\n");
			}
			if (it->op == DR_POLYGON)
				buf_puts(b, "h\n");
			break;
		case DR_RECT:
			put_num(b, X(it->x)), put_num(b, Y(it->y + it->h));
			put_num(b, it->w * s), put_num(b, it->h * s);
			buf_puts(b, "re\n");
			break;
		case DR_CIRCLE:
			put_circle(b, X(it->x), Y(it->y), it->r * s);
			break;
		default:
			break;
		}
		if (it->op == DR_LINE || it->op == DR_POLYLINE)
			buf_puts(b, "S\n");
		else if (fills && it->stroke)
			buf_puts(b, "B\n");
		else if (fills)
			buf_puts(b, "f\n");
		else if (it->stroke)
			buf_puts(b, "S\n");
		else
			buf_puts(b, "n\n");
		if (it->dash > 0)
			set_dash(b, 0, 0);
	}
#undef X
#undef Y
}

/* A filled rectangle; y is its top, measured down from the page top. */
static void
fill_rect(struct draw *d, double x, double ytop, double w, double h)
{
	put_point(d->cs, x, ytop + h, "");
	put_num(d->cs, w);
	put_num(d->cs, h);
	buf_puts(d->cs, "re\nf\n");
}

/* A line from (x0, y0) to (x1, y1), y measured down. */
static void
stroke_line(struct draw *d, struct dr_color col, double lw, double x0,
            double y0, double x1, double y1)
{
	put_color(d->cs, col, "RG\n");
	put_num(d->cs, lw);
	buf_puts(d->cs, "w\n");
	put_point(d->cs, x0, y0, "m\n");
	put_point(d->cs, x1, y1, "l\nS\n");
}

/* The label shown for page index i ("3"), or "" for the title page. */
static void
page_label(const struct ctx *c, int i, char *out, size_t len)
{
	if (i < c->first_arabic)
		snprintf(out, len, "%s", "");
	else
		snprintf(out, len, "%d", i - c->first_arabic + 1);
}

static HPDF_Destination
dest_for(struct ctx *c, const struct anchor *a)
{
	HPDF_Destination dst;

	if (a == NULL || a->page < 0)
		return NULL;
	dst = HPDF_Page_CreateDestination(c->hp[a->page]);
	HPDF_Destination_SetFitH(dst, (HPDF_REAL)(PAGE_H - a->y + 12));
	return dst;
}

/* URIs are 7-bit ASCII (ISO 32000-1 12.6.4.7): encode the rest. */
static char *
uri_ascii(const char *u)
{
	struct buf b;
	const unsigned char *p;

	buf_init(&b);
	for (p = (const unsigned char *)u; *p; p++) {
		if (*p < 0x21 || *p > 0x7E)
			buf_printf(&b, "%%%02X", *p);
		else
			buf_putc(&b, *p);
	}
	return buf_detach(&b);
}

static void
draw_link(struct draw *d, const struct op *o, double top)
{
	struct ctx *c = d->c;
	HPDF_Rect r;
	HPDF_Annotation a = NULL;
	const struct anchor *target = o->anchor;

	r.left = (HPDF_REAL)o->x;
	r.right = (HPDF_REAL)(o->x + o->w);
	r.top = (HPDF_REAL)(PAGE_H - (top + o->y));
	r.bottom = (HPDF_REAL)(PAGE_H - (top + o->y + o->h));
	if (target == NULL && o->url != NULL && o->url[0] == '#')
		target = strmap_get(&c->by_id, o->url + 1);
	if (target != NULL) {
		HPDF_Destination dst = dest_for(c, target);

		if (dst != NULL)
			a = HPDF_Page_CreateLinkAnnot(c->hp[d->pno], r, dst);
	} else if (o->url != NULL) {
		char *u = uri_ascii(o->url);

		a = pdf_tag_uri_annot(c->tag, c->hp[d->pno], r, u);
		free(u);
	}
	if (a != NULL)
		pdf_tag_annot(c->tag, d->pno, o->elem, a,
		              o->contents ? o->contents : "Link");
}

static void
draw_furniture(struct draw *d, const struct ctx *c, int i)
{
	char buf[160], num[16];
	const char *hdr = c->doc->running_header;
	int total = (int)c->total_pages - c->first_arabic;
	double w;

	if (hdr != NULL && hdr[0] != '\0') {
		open_mc(d, NULL, ART_HEADER);
		draw_text(d, F_REG, 8, C_MUTED, M_LEFT, 48, hdr);
		end_text(d);
		stroke_line(d, C_RULE, 0.5, M_LEFT, 55, PAGE_W - M_RIGHT, 55);
	}
	page_label(c, i, num, sizeof(num));
	snprintf(buf, sizeof(buf), "%s %s %s %d",
	         c->doc->page_word ? c->doc->page_word : "Seite", num,
	         c->doc->of_word ? c->doc->of_word : "von", total);
	open_mc(d, NULL, ART_FOOTER);
	w = pdf_str_width(d->c, F_REG, 8, buf);
	draw_text(d, F_REG, 8, C_MUTED, PAGE_W - M_RIGHT - w, PAGE_H - 42, buf);
	close_mc(d);
}

/*
 * A draft's band across the top margin of every page, above the running
 * header (and over the title page's band): page furniture, so marked as
 * an artifact that assistive technology skips.  Dark text on a light
 * fill, clear of the body text, which keeps its contrast.
 */
static void
draw_draft_band(struct draw *d, const struct ctx *c)
{
	static const struct dr_color fill = {0xFF, 0xE0, 0x8A};
	static const struct dr_color ink = {0x4A, 0x33, 0x00};
	const char *mark = c->doc->draft_mark;
	double w = pdf_str_width(d->c, F_BOLD, DRAFT_SIZE, mark);
	int k;

	open_mc(d, NULL, ART_WATERMARK);
	end_text(d);
	paint_fill(d, fill);
	fill_rect(d, 0, 0, PAGE_W, 28);
	for (k = 1; k <= 5; k += 2)
		draw_text(d, F_BOLD, DRAFT_SIZE, ink, PAGE_W * k / 6 - w / 2,
		          19, mark);
	close_mc(d);
}

static void
draw_page(struct ctx *c, int i)
{
	struct page *pg = &c->pages[i];
	struct draw d;
	size_t k;

	memset(&d, 0, sizeof(d));
	d.c = c;
	d.cs = pdf_tag_content(c->tag);
	d.pno = i;
	d.font = -1;
	if (pg->title) {
		/* a band across the top of the title page */
		open_mc(&d, NULL, ART_LAYOUT);
		paint_fill(&d, C_HEAD);
		fill_rect(&d, 0, 0, PAGE_W, 28);
	}
	for (k = 0; k < pg->n; k++) {
		const struct op *o = pg->p[k].op;
		double top = pg->p[k].top;
		struct tag_elem *e = pg->p[k].artifact ? NULL : o->elem;
		enum tag_artifact art =
		    pg->p[k].artifact ? ART_PAGINATION : o->art;

		switch (o->kind) {
		case OP_ATTACH:
			pdf_tag_attach(o->elem);
			continue;
		case OP_DEST:
			continue;
		case OP_LINK:
			draw_link(&d, o, top);
			continue;
		case OP_TEXT:
			if (o->actual != NULL && e != NULL) {
				/* a part of a word broken across lines */
				close_mc(&d);
				pdf_tag_bdc_actual(c->tag, d.pno, e, o->actual);
				d.open = true;
				d.cur = e;
				draw_text(&d, o->font, o->size, o->color, o->x,
				          top + o->y, o->text);
				close_mc(&d);
				continue;
			}
			open_mc(&d, e, art);
			draw_text(&d, o->font, o->size, o->color, o->x,
			          top + o->y, o->text);
			continue;
		case OP_PAGENUM: {
			char num[16];
			double w;

			page_label(c, o->anchor ? o->anchor->page : 0, num,
			           sizeof(num));
			if (num[0] == '\0')
				continue;
			w = pdf_str_width(c, o->font, o->size, num);
			open_mc(&d, e, art);
			draw_text(&d, o->font, o->size, o->color, o->x - w,
			          top + o->y, num);
			continue;
		}
		case OP_LEADER: {
			char num[16];
			double end;

			page_label(c, o->anchor ? o->anchor->page : 0, num,
			           sizeof(num));
			end = o->w - 32;
			if (end - o->x < 6)
				continue;
			open_mc(&d, NULL, ART_LAYOUT);
			end_text(&d);
			set_dash(d.cs, 1, 3);
			stroke_line(&d, C_MUTED, 0.8, o->x, top + o->y, end,
			            top + o->y);
			set_dash(d.cs, 0, 0);
			continue;
		}
		case OP_RECT:
			open_mc(&d, e, art);
			end_text(&d);
			paint_fill(&d, o->color);
			fill_rect(&d, o->x, top + o->y, o->w, o->h);
			continue;
		case OP_LINE:
			open_mc(&d, e, art);
			end_text(&d);
			stroke_line(&d, o->color, o->lw, o->x, top + o->y,
			            o->x + o->w, top + o->y + o->h);
			continue;
		case OP_DRAWING:
			open_mc(&d, e, art);
			if (e != NULL)
				pdf_tag_set_bbox(
				    e, o->x, PAGE_H - top - o->y - o->h,
				    o->x + o->w, PAGE_H - top - o->y);
			end_text(&d);
			buf_puts(d.cs, "q\n");
			draw_drawing(&d, o, top + o->y);
			end_text(&d);
			buf_puts(d.cs, "Q\n");
			d.font = -1; /* Q restored what the drawing set */
			d.fill_set = false;
			continue;
		}
	}
	close_mc(&d);
	if (!pg->title)
		draw_furniture(&d, c, i);
	if (c->doc->draft_mark != NULL)
		draw_draft_band(&d, c);
}

static char *
xstrdup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Draws a complete page and hands its stream to the packers; its
 * placements are not needed again. */
void
pdf_page_done(struct ctx *c, size_t i)
{
	if (!c->failed && pr_stop_signal() == 0)
		draw_page(c, (int)i);
	free(c->pages[i].p);
	c->pages[i].p = NULL;
	c->pages[i].n = c->pages[i].cap = 0;
	if (!c->failed && !pdf_tag_pack_page(c->tag, (int)i))
		c->failed = true;
}

static void
make_outlines(struct ctx *c)
{
	HPDF_Outline stack[7] = {NULL};
	size_t i;

	for (i = 0; i < c->nanchors; i++) {
		const struct anchor *a = c->anchors[i];
		int lv = a->level < 1 ? 1 : a->level > 6 ? 6 : a->level;
		HPDF_Outline parent = NULL, o;
		HPDF_Destination dst = dest_for(c, a);
		int k;

		if (dst == NULL)
			continue;
		for (k = lv - 1; k >= 1; k--)
			if (stack[k] != NULL) {
				parent = stack[k];
				break;
			}
		o = HPDF_CreateOutline(c->pdf, parent, a->title, c->utf8);
		if (o == NULL)
			continue;
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
		stack[lv] = o;
		for (k = lv + 1; k <= 6; k++)
			stack[k] = NULL;
	}
}

/*
 * The sRGB profile for the PDF/A output intent: the installed copy, then
 * colord's (ICC v4 with parametric curves, which readers such as
 * poppler evaluate quickly), then icc-profiles-free's (ICC v2).  Read
 * as the inputs are (textfile.c): a regular file of a sane size, not a
 * FIFO that would hang the run.
 */
static bool
load_icc(char **data, size_t *len)
{
	static const char *const paths[] = {
	    PR_DATADIR "/sRGB.icc",
	    "/usr/share/color/icc/colord/sRGB.icc",
	    "/usr/share/color/icc/sRGB.icc",
	};
	static const struct textfile_kind kind = {"colour profile", 1 << 20,
	                                          NULL};
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		/* A dangling link or an unreadable file is reported, not
		 * passed over for another profile. */
		if (lstat(paths[i], &st) == 0)
			return read_file_bytes(paths[i], &kind, data, len);
	diag(DIAG_SYSTEM, NULL,
	     "no sRGB colour profile for the PDF/A output intent (looked for "
	     "%s, %s and %s); install Debian's package colord-data",
	     paths[0], paths[1], paths[2]);
	return false;
}

/* Writes the whole file to `out`.  Not with HPDF_SaveToFile(), which
 * opens its file by name: the output module creates the file so that no
 * link planted at the name is followed. */
static bool
save_pdf(struct ctx *c, FILE *out, const char *path)
{
	int err;

	if (pdf_tag_save(c->tag, out, &err))
		return true;
	if (pr_stop_signal() != 0)
		return false; /* main.c says so */
	if (err != 0) {
		errno = err;
		diag_syserr(path, "cannot write the PDF");
	} else
		diag(DIAG_SYSTEM, NULL,
		     "the PDF library failed while writing the file (error "
		     "0x%04lX)",
		     (unsigned long)HPDF_GetError(c->pdf));
	return false;
}

/* The patterns are not read after the last layout: the caller may free
 * them once the HTML is rendered too (at M they were over a third of
 * the peak memory). */
static void
laid_out(struct ctx *c, const struct pdf_options *opt)
{
	hyph_memo_free(c->hyph);
	c->hyph = NULL;
	if (opt->laid_out != NULL)
		opt->laid_out(opt->drawn_arg);
}

/*
 * What pdf_render() and pdf_check() share: the PDF library's document,
 * in which the layout makes its structure elements, and the fonts.
 * False after a message; ctx_close() either way.
 */
static bool
ctx_open(struct ctx *c, const struct pr_doc *doc, const char *font_dir,
         const struct hyph *hyph, struct pdf_stats *stats)
{
	memset(c, 0, sizeof(*c));
	c->doc = doc;
	c->stats = stats;
	c->hyph = hyph_memo_new(hyph);
	if (stats != NULL)
		stats->nmissing = 0;
	pool_init(&c->pool);
	pool_init(&c->keep);
	strmap_init(&c->by_id);
	c->pdf = HPDF_NewEx(hpdf_error, hpdf_alloc, hpdf_free, 0, c);
	if (c->pdf == NULL) {
		diag(DIAG_SYSTEM, NULL, "%s", "cannot start the PDF library");
		return false;
	}
	HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(c->pdf);
	HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
	c->utf8 = HPDF_GetEncoder(c->pdf, "UTF-8");
	c->tag = pdf_tag_new(c->pdf);
	return load_fonts(c, font_dir);
}

static void
ctx_close(struct ctx *c)
{
	size_t i;

	hyph_memo_free(c->hyph);
	pdf_layout_reset(c);
	free(c->epochs);
	pool_free(&c->keep);
	free(c->pages);
	free(c->hp);
	free(c->anchors);
	for (i = 0; i < F_N; i++)
		pdf_font_free(c->fonts[i]);
	strmap_free(&c->by_id);
	pdf_tag_free(c->tag);
	if (c->pdf != NULL)
		HPDF_Free(c->pdf);
}

/* The first layout, which measures every character the PDF sets in
 * the face it sets it in; a report too large to hold all its boxes
 * (c->keep_max) is only counted in it.  False after the glyph errors,
 * or at a stop signal.  With `passing` (pdf_render()) it is the only
 * one, whatever the size of its boxes. */
static bool
first_layout(struct ctx *c, struct frame *f, const struct pdf_options *passing)
{
	const char *env = getenv("PROGRESS_REPORT_TEST_LAYOUT_KEEP");

	c->failed = false;
	c->keep_max = env != NULL ? strtoull(env, NULL, 10) : LAYOUT_KEEP;
	if (passing != NULL) {
		c->keep_max = SIZE_MAX;
		c->has_toc = c->doc->has_toc;
		c->passing = passing->passing;
		c->passing_arg = passing->drawn_arg;
	}
	memset(f, 0, sizeof(*f));
	f->x0 = M_LEFT;
	f->w = BODY_W;
	return pdf_layout(c, f);
}

bool
pdf_render(const struct pr_doc *doc, const struct pdf_options *opt,
           const char *path, FILE *out, struct pdf_stats *stats)
{
	struct ctx c;
	struct frame f;
	struct tag_meta meta;
	char *icc = NULL;
	size_t icc_len = 0;
	bool ok = false, once;
	size_t i, nelems;
	char *mine[5] = {NULL};
	char producer[96];

	if (!ctx_open(&c, doc, opt->font_dir, opt->hyph, stats) ||
	    !load_icc(&icc, &icc_len))
		goto out;
	/* 1. layout and pagination.  A tree of up to half LAYOUT_KEEP is
	 * laid out once, however large its boxes grow (they take about 1.6
	 * times its bytes at S, M and L), so that it may be freed as the
	 * layout passes it, as in a second layout: at M and L the tree and
	 * the whole layout had been alive together at the run's peak. */
	nelems = pdf_tag_count(c.tag);
	once = opt->passing != NULL &&
	       getenv("PROGRESS_REPORT_TEST_LAYOUT_KEEP") == NULL &&
	       pr_doc_bytes(doc) <= LAYOUT_KEEP / 2;
	if (!first_layout(&c, &f, once ? opt : NULL))
		goto out; /* the glyph errors have been reported */
	c.passing = NULL;
	c.total_pages = c.npages;
	c.first_arabic = c.npages > 1 && c.pages[0].title ? 1 : 0;
	/* Laid out once: the tree's nodes and the patterns may go before
	 * the page objects are made (3 KB each in libharu), so that these
	 * reuse their memory if the HTML is done with them too. */
	if (!c.dropping)
		laid_out(&c, opt);

	/* 2. the pages, all of them before drawing: links point ahead */
	c.hp = xcalloc(c.npages, sizeof(HPDF_Page));
	for (i = 0; i < c.npages; i++) {
		c.hp[i] = HPDF_AddPage(c.pdf);
		if (c.hp[i] == NULL)
			break;
		HPDF_Page_SetSize(c.hp[i], HPDF_PAGE_SIZE_A4,
		                  HPDF_PAGE_PORTRAIT);
		pdf_tag_page(c.tag, c.hp[i]);
	}
	if (c.first_arabic > 0)
		HPDF_AddPageLabel(c.pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1,
		                  NULL);
	HPDF_AddPageLabel(c.pdf, (HPDF_UINT)c.first_arabic,
	                  HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);

	/* 3. drawing: the boxes kept, or a second layout that draws each
	 * page once it is complete (the same boxes, the same elements) */
	if (!c.dropping) {
		c.drawing = true;
		for (i = 0; i < c.npages && pr_stop_signal() == 0; i++)
			pdf_page_done(&c, i);
	} else {
		diag_log("laying out the PDF's %zu pages again, drawing "
		         "them one by one",
		         c.total_pages);
		pdf_tag_forget(c.tag, nelems);
		pdf_layout_reset(&c);
		c.drawing = true;
		/* the tree is read once more, in order: what it has passed
		 * may go (XL's peak was at the end of this layout) */
		c.passing = opt->passing;
		c.passing_arg = opt->drawn_arg;
		memset(&f, 0, sizeof(f));
		f.x0 = M_LEFT;
		f.w = BODY_W;
		pdf_layout(&c, &f);
		laid_out(&c, opt);
		/* A stop signal ends the second layout early: main.c says
		 * so, and the page count is no fault. */
		if (pr_stop_signal() != 0)
			goto out;
		if (c.npages != c.total_pages && !c.failed) {
			diag(
			    DIAG_SYSTEM, NULL,
			    "internal error: the second layout made %zu pages, "
			    "the first %zu",
			    c.npages, c.total_pages);
			goto out;
		}
	}
	if (pr_stop_signal() != 0)
		goto out; /* main.c says so */
	make_outlines(&c);
	HPDF_SetPageMode(c.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	/* The pages are drawn and outlined: the layout's ops and strings
	 * are not needed while libharu writes the file. */
	pdf_layout_reset(&c);
	if (c.failed) {
		diag(DIAG_SYSTEM, NULL,
		     "the PDF library failed while drawing (error 0x%04lX)",
		     (unsigned long)HPDF_GetError(c.pdf));
		goto out;
	}

	snprintf(producer, sizeof(producer), "progress-report %s (libharu %s)",
	         PR_VERSION, HPDF_GetVersion());
	memset(&meta, 0, sizeof(meta));
	meta.title = mine[0] = xstrdup_or_null(doc->title);
	meta.author = mine[1] = xstrdup_or_null(doc->author);
	meta.subject = mine[2] = xstrdup_or_null(doc->subject);
	meta.keywords = mine[3] = xstrdup_or_null(doc->keywords);
	meta.lang = mine[4] = xstrdup(doc->lang ? doc->lang : "de");
	meta.creator = "progress-report " PR_VERSION;
	meta.producer = producer;
	meta.date = opt->date;
	meta.icc = icc;
	meta.icc_len = icc_len;
	/* the tree is not read from here on */
	if (opt->drawn != NULL)
		opt->drawn(opt->drawn_arg);
	if (!pdf_tag_finish(c.tag, &meta) || pr_stop_signal() != 0)
		goto out;
	if (!save_pdf(&c, out, path))
		goto out;
	if (stats != NULL)
		stats->pages = (unsigned)c.total_pages;
	ok = true;
out:
	free(icc);
	ctx_close(&c);
	for (i = 0; i < 5; i++)
		free(mine[i]);
	return ok;
}

/*
 * The first layout alone, without the hyphenation patterns: it measures
 * every word whole before it may break one, so the patterns change no
 * glyph error.  A scan of the tree's text against the fonts would be
 * quicker (the layout takes a third or more of a check's time), but would
 * have to know as the layout does which face sets which text, the page
 * furniture included: a second copy of that knowledge could disagree
 * with the first, and check then pass what build refuses.
 */
bool
pdf_check(const struct pr_doc *doc, const char *font_dir,
          struct pdf_stats *stats)
{
	struct ctx c;
	struct frame f;
	char *icc = NULL;
	size_t icc_len = 0;
	/* the colour profile too: without it the January build stops */
	bool ok = ctx_open(&c, doc, font_dir, NULL, stats) &&
	          load_icc(&icc, &icc_len) && first_layout(&c, &f, NULL);

	free(icc);
	ctx_close(&c);
	return ok;
}
