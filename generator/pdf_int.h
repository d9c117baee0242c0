/*
 * pdf_int.h - what the PDF renderer's two halves share: the page
 * geometry, the type sizes and colours, the layout's boxes and drawing
 * operations, and the renderer's state.
 *
 * pdf_layout.c measures text and turns the document tree into boxes,
 * then places the boxes on pages; pdf.c loads the fonts, draws the
 * pages and writes the file (with pdf_tag.c for the tagging).  Nothing
 * outside these files includes this header.
 */
#ifndef PR_PDF_INT_H
#define PR_PDF_INT_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

#include "doctree.h"
#include "pdf.h"
#include "pdf_font.h"
#include "pdf_tag.h"
#include "util.h"

/* A4 in points and the type area. */
#define PAGE_W      595.276
#define PAGE_H      841.89
#define M_LEFT      70.0
#define M_RIGHT     62.0
#define M_TOP       80.0
#define M_BOTTOM    76.0
#define DRAFT_SIZE  12.0 /* a draft's mark in the top margin */
#define BODY_W      (PAGE_W - M_LEFT - M_RIGHT)
#define BODY_BOTTOM (PAGE_H - M_BOTTOM)

/* Sizes and spacing of the standard print, in points; the layout
 * multiplies every size and leading by ctx.ts (1, or LARGE_PRINT for
 * large print).  Body text at 11 pt and tables at no less than 9 pt
 * for low-vision readers of the printed report. */
#define BODY_SIZE  11.0
#define BODY_LEAD  16.0
#define PARA_SPACE 7.0
#define TABLE_SIZE 9.5
#define TABLE_LEAD 12.8
#define TABLE_MIN  9.0
/* A table of up to TABLE_KEEP_MAX body rows breaks only where keeping
 * it whole would leave a page less than half full (then with at least
 * half its rows, up to TABLE_KEEP_END, on each side); a longer one keeps
 * at least TABLE_KEEP_END rows on each side of a break. */
#define TABLE_KEEP_MAX 6
#define TABLE_KEEP_END 3
/* Large print (build --large-print): body text at 14 pt, as the German
 * blind and partially sighted association (DBSV) asks of large print. */
#define LARGE_PRINT (14.0 / BODY_SIZE)
#define CELL_PAD_X  4.5
#define CELL_PAD_Y  3.4
#define LIST_INDENT 17.0

enum { F_REG = 0, F_BOLD = 1, F_IT = 2, F_BOLDIT = 3, F_N = 4 };

/* Colours (sRGB); text colours have at least 7:1 contrast on white. */
#define C_TEXT   ((struct dr_color){0x1A, 0x1A, 0x1A})
#define C_HEAD   ((struct dr_color){0x14, 0x3A, 0x66})
#define C_LINK   ((struct dr_color){0x0B, 0x4F, 0x9C})
#define C_MUTED  ((struct dr_color){0x55, 0x55, 0x55})
#define C_RULE   ((struct dr_color){0xB4, 0xBE, 0xCA})
#define C_THBG   ((struct dr_color){0xE3, 0xEA, 0xF2})
#define C_ZEBRA  ((struct dr_color){0xF5, 0xF7, 0xFA})
#define C_NOTEBG ((struct dr_color){0xF1, 0xF5, 0xFA})
#define C_ACCENT ((struct dr_color){0x1F, 0x5F, 0xAD})

enum op_kind {
	OP_TEXT,    /* text at (x, y baseline) */
	OP_RECT,    /* filled rectangle x y w h (y top) */
	OP_LINE,    /* line from (x, y) to (x + w, y + h), width `lw` */
	OP_DRAWING, /* a drawing at (x, y top), scaled */
	OP_LINK,    /* annotation rectangle for a link */
	OP_ATTACH,  /* places an element in the tree now */
	OP_DEST,    /* a heading's position */
	OP_PAGENUM, /* TOC: the page number of `anchor`, right-aligned
	               at x */
	OP_LEADER   /* TOC: dotted leader from x to the page number */
};

struct anchor;

/*
 * An operation on a page: a report holds tens of thousands while it is
 * laid out (29,000 at 190 pages), so what no kind uses together shares
 * its room (96 bytes an op, not 152).  Unset members read as zero:
 * pool_alloc() zeroes.
 */
struct op {
	struct op *next;
	struct tag_elem *elem; /* NULL: artifact of kind `art` */
	double x, y, w, h;
	union {
		double size;  /* TEXT, PAGENUM, LEADER */
		double lw;    /* LINE */
		double scale; /* DRAWING */
	};
	union {
		const char *text;              /* TEXT */
		const struct drawing *drawing; /* DRAWING */
		const char *contents;          /* LINK: annotation text */
	};
	union {
		const char *actual;    /* TEXT: ActualText of its marked
		                          content */
		struct anchor *anchor; /* DEST, PAGENUM, internal LINK */
	};
	/* The tree may be gone when the page is drawn (pr_doc_shed()): a
	 * link's target is a copy. */
	union {
		const char *url;            /* LINK: the link's target */
		const struct pr_node *node; /* DRAWING: its node */
	};
	unsigned char kind; /* enum op_kind */
	unsigned char art;  /* enum tag_artifact */
	short font;
	struct dr_color color;
};

struct thead;

struct vbox {
	struct vbox *next;
	struct op *ops, *last;
	double h, space;
	bool keep; /* keep with the next box */
	bool soft; /* the keep gives way to a page less than half full */
	bool brk_before, brk_after;
	bool space_keep;     /* space not dropped at a page top */
	bool title;          /* belongs to the title page */
	bool header_row;     /* a table header row */
	bool heading;        /* the first box of a section heading */
	struct thead *thead; /* body row: the header to repeat */
	struct vfloat *fl;   /* the first box of a float */
	/* The first box of a table right after a figure (a chart's data
	 * table): it never passes the figure, set aside. */
	bool after_figure;
};

/*
 * A figure, or a table that never breaks, is a float: its boxes, from
 * the one that carries this to `last`, may be set aside when they do
 * not fit the rest of a page that is less than half full, so
 * that what follows fills the page; they then open the next page.  They
 * pass no heading, and no other float.  `attach` places their element in the
 * structure tree where the pager set them aside, so the tree keeps the
 * document's order.
 */
struct vfloat {
	struct vbox *first, *last;
	struct vfloat *next; /* the next float set aside */
	struct op attach;    /* OP_ATTACH of the float's outer element */
	/* The last float of the run that follows this one at once, as far
	 * as it is laid out (past_floats()): boxes are only appended. */
	struct vfloat *run;
	bool queued;
};

struct thead {
	struct vbox **rows;
	size_t n;
};

/* A heading (or the TOC) as a link target and bookmark. */
struct anchor {
	const struct pr_node *sect; /* NULL for the TOC's own entry */
	const char *title;
	int level;
	int page;
	double y;
};

struct placed {
	const struct op *op;
	double top; /* page y of the box top */
	bool artifact;
};

struct page {
	struct placed *p;
	size_t n, cap;
	bool title;
};

/* Boxes laid out together, freed together once their pages are done. */
struct epoch {
	struct pool pool;
	const struct vbox *last; /* the last box made in it */
	int done_page;           /* page of `last`, -1 until placed */
};

/* Where pagination stands: it places boxes while they are laid out. */
struct pager {
	struct vbox *last; /* the last box placed (on the open page) */
	double y;
	size_t real;
	bool started, force, prev_keep;
	bool fresh; /* only floats on the page opened last, so far */
	struct vfloat *fq_head, *fq_tail; /* floats set aside, in order */
};

struct style {
	int font;
	double size;
	struct dr_color color;
	struct tag_elem *elem;
	struct tag_elem *link_elem;
	const struct pr_node *link;
	const char *lang; /* a marked passage's language; NULL: the report's */
	bool underline, artifact;
};

enum item_type { IT_WORD, IT_SPACE, IT_BREAK };

struct item {
	enum item_type type;
	const char *s;
	size_t len;
	double w; /* with the hyphen, if one is drawn after it */
	struct style st;
	const struct pr_node *node;
	/* A word broken across lines is a Span whose ActualText is the
	 * whole word: its first part carries that text in its marked
	 * content too, the others an empty one, so that text extraction,
	 * search and screen readers get the word once and whole. */
	const char *actual;
	bool hyphen;  /* a hyphen is drawn after it (line end) */
	bool address; /* the rest of a broken address: no patterns */
	/* The rest of a word broken across lines: its first `pre` bytes
	 * stand before s, and its break points are the whole word's. */
	size_t pre;
};

struct items {
	struct item *v;
	size_t n, cap;
};

struct line {
	size_t first, end;
	size_t draw_end; /* end plus the space at a break: drawn, so that
	                    extracted text keeps the word boundary */
	double w;
};

struct frame {
	double x0, w;
	struct tag_elem *parent;
	bool notice, title;
	int title_para; /* title page: paragraphs seen so far */
};

struct ctx {
	const struct pr_doc *doc;
	HPDF_Doc pdf;
	HPDF_Encoder utf8;
	struct pdf_tag *tag;
	struct pdf_font *fonts[F_N]; /* embedded only if drawn with */
	struct pool pool;     /* boxes and operations of the open epoch */
	struct pool keep;     /* anchors and their titles: the whole run */
	struct epoch *epochs; /* closed epochs, oldest first */
	size_t nepochs, capepochs;
	size_t hold; /* inside a block that may still change its boxes */
	struct pager pager;
	size_t keep_max;    /* layout bytes kept before laying out twice */
	bool dropping;      /* pages are let go once placed (or drawn) */
	bool drawing;       /* second pass: pages are drawn once placed */
	size_t ndone;       /* pages complete (drawn in the second pass) */
	size_t anchor_next; /* second pass: the next anchor of the first */
	size_t total_pages; /* known before drawing */
	struct vbox *head, *tail;
	bool measuring; /* tokenising for widths only: no elements,
	                   no messages */
	bool quiet;     /* no glyph messages: the text is reported where
	                   it is laid out itself (TOC entries) */
	struct anchor **anchors;
	size_t nanchors, capanchors;
	struct strmap by_id; /* keys copied: see op.url */
	/* pdf_options.passing and its argument, in the last layout,
	 * called once the table of contents, which reads every heading,
	 * is laid out (has_toc: the tree has one) */
	void (*passing)(void *arg, const struct pr_node *n, bool drawing);
	void *passing_arg;
	bool has_toc, toc_laid;
	const struct pr_node *doc_title; /* pr_doc_title(), looked up once */
	/* the strings of the link laid out last (link_strings()) */
	const struct pr_node *link_node;
	const char *link_url, *link_contents;
	struct page *pages;
	size_t npages, cappages;
	HPDF_Page *hp;
	int first_arabic;       /* index of the page labelled 1 */
	double tsize, tlead;    /* the current table's type size, leading */
	double ts;              /* type scale: 1, or LARGE_PRINT */
	struct hyph_memo *hyph; /* hyphenation points; may be NULL */
	bool no_fill_hyphen;    /* headings: hyphenate only a word wider
	                           than the line */
	bool no_float;          /* boxes merged afterwards: no floats */
	struct vfloat *fig_fl;  /* the float of the figure laid out last */
	const struct vbox *fig_last; /* and its last box */
	bool failed;
	struct pdf_stats *stats; /* may be NULL */
};

/* pdf_layout.c: lays the document out and places its boxes on pages;
 * a complete page is passed to pdf_page_done() (pdf.c) in the second
 * pass, when c->drawing. */
bool pdf_layout(struct ctx *, struct frame *);
void pdf_layout_reset(struct ctx *);
/* pdf.c */
void pdf_page_done(struct ctx *, size_t page);
double pdf_text_width(struct ctx *, int font, double size, const char *s,
                      size_t len, const struct pr_node *node,
                      const char *whole);
double pdf_str_width(struct ctx *, int font, double size, const char *s);

#endif
