/*
 * doctree.h - the document tree: the one structure both renderers read.
 *
 * Built by the template stage (template_eval.c) through the checked
 * constructors below, normalised and checked by doc_validate.c, then
 * read `const` by pdf.c and html.c.  A renderer never looks back at the
 * inputs, the model or the history.
 *
 * Shape (what may contain what is enforced by pr_node_append()):
 *
 *   DOCUMENT   > block*
 *   SECTION    > HEADING block*          (level 1..6; one per heading)
 *   DIV        > block*                  (class: "titlepage", "notice" ...)
 *   PARA, HEADING, CAPTION, CELL > inline*
 *   LIST       > ITEM*
 *   ITEM       > block*
 *   TABLE      > CAPTION? ROW*           (header rows first)
 *   ROW        > CELL*
 *   FIGURE     > DRAWING CAPTION?        (alt text required)
 *   TOC                                   (filled by each renderer from
 *                                          the sections)
 *   block      = SECTION DIV PARA LIST TABLE FIGURE TOC
 *   inline     = TEXT EMPH STRONG LINK ABBR LANG STATUS LINEBREAK
 *   EMPH, STRONG, LINK, ABBR, LANG, STATUS > inline*
 *
 * Every node carries the place it came from (template or input file,
 * line, column) so that a later stage, such as the PDF's glyph check,
 * can name it.  All nodes and strings live in the document's pool;
 * pr_doc_free() frees everything at once.
 */
#ifndef PR_DOCTREE_H
#define PR_DOCTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "drawing.h"
#include "util.h"

enum pr_type {
	/* blocks */
	PR_DOCUMENT,
	PR_SECTION,
	PR_HEADING,
	PR_PARA,
	PR_LIST,
	PR_ITEM,
	PR_TABLE,
	PR_ROW,
	PR_CELL,
	PR_CAPTION,
	PR_FIGURE,
	PR_DRAWING,
	PR_TOC,
	PR_DIV,
	/* inlines */
	PR_TEXT,
	PR_EMPH,
	PR_STRONG,
	PR_LINK,
	PR_ABBR,
	PR_LANG,
	PR_STATUS,
	PR_LINEBREAK,
	PR__MAX
};

enum pr_align { PR_ALIGN_NONE, PR_ALIGN_LEFT, PR_ALIGN_CENTER, PR_ALIGN_RIGHT };
enum pr_scope { PR_SCOPE_NONE, PR_SCOPE_COL, PR_SCOPE_ROW };

struct pr_node {
	enum pr_type type;
	int part; /* the part of the tree's memory it is in (pr_doc_release) */
	struct pr_node *parent, *first, *last, *next, *prev;
	struct src_pos pos;
	union {
		struct { /* SECTION, HEADING */
			int level;
			/* SECTION: the first part of the tree's memory that
			 * a node at or after it is in (pr_doc_plan()) */
			int bound;
			const char *id; /* anchor, unique; set by validation */
		} sect;
		struct { /* LIST */
			bool ordered;
			int start;
		} list;
		struct { /* ROW */
			bool header;
		} row;
		struct { /* CELL */
			bool header;
			enum pr_scope scope;
			enum pr_align align;
		} cell;
		struct { /* FIGURE */
			const char *alt;
			/* How many bytes at the start of alt name what
			 * the figure is about ("Title: "): a PDF Figure
			 * is announced without its sibling caption, an
			 * HTML one is named by it and so needs only the
			 * rest as its description.  0: none. */
			size_t named;
		} figure;
		struct { /* DRAWING */
			const struct drawing *drawing;
		} drawing;
		struct { /* DIV */
			const char *cls;
		} div;
		struct { /* TEXT */
			const char *text;
		} text;
		struct {                 /* LINK */
			const char *url; /* http(s):, mailto: or #anchor */
			const char
			    *title; /* tooltip / annotation text, or NULL */
		} link;
		struct { /* ABBR */
			const char *expansion;
		} abbr;
		struct { /* LANG */
			const char *lang;
		} lang;
		struct { /* STATUS: a status told by symbol and text */
			const char *key; /* see style.h */
		} status;
		struct {           /* TOC */
			int depth; /* deepest heading level listed */
		} toc;
	} u;
};

struct pr_doc {
	/* The tree's memory in parts, in the order it was made: a heading
	 * begins a new one when the one it would go in has PR_PART_BYTES.
	 * `pool` is part nparts, the one being filled. */
	struct pool pool;
	struct pool *parts;
	size_t nparts, capparts;
	size_t part_bytes; /* PR_PART_BYTES, or a test's (smaller) */
	/* What the renderers read once they have laid the tree out: the
	 * drawings and the document's own texts below (pr_doc_shed()). */
	struct pool late;
	struct strmap files; /* interned source file names */
	struct pr_node *root;
	/* Document metadata, used for PDF Info/XMP and HTML head. */
	const char *title;
	const char *lang;        /* BCP 47, e.g. "de" */
	const char *author;      /* the organisation */
	const char *author_lang; /* its name's language, if not `lang` */
	const char *subject;
	const char *keywords;
	/* Running header text and the words for "Page N of M". */
	const char *running_header;
	const char *page_word;      /* "Seite" */
	const char *of_word;        /* "von" */
	const char *toc_title;      /* bookmark title of the TOC itself */
	const char *skip_text;      /* the HTML's skip link: "Zum Inhalt" */
	int date_y, date_m, date_d; /* the report's date (session date) */
	/* A draft (build --draft): the mark on every PDF page ("ENTWURF")
	 * and the HTML's banner text; both NULL in a final report. */
	const char *draft_mark;
	const char *draft_notice;
	/* Large print (build --large-print): the same content and tags,
	 * body text at 14 pt in the PDF and larger in the HTML. */
	bool large_print;
	bool has_toc; /* a PR_TOC anywhere: set by pr_doc_plan() */
};

/* What a part of the tree's memory holds before a heading begins the
 * next: pr_doc_release() frees parts whole. */
#define PR_PART_BYTES ((size_t)1 << 20)

struct pr_doc *pr_doc_new(void);
void pr_doc_free(struct pr_doc *);
/*
 * Frees the tree, its nodes and their texts, keeping the document's own
 * texts (title to draft_notice above) and the drawings (made in `late`):
 * what the PDF draws from once its layout is done.  Nothing may read a
 * node afterwards; pr_doc_free() frees the rest.
 */
void pr_doc_shed(struct pr_doc *);
/*
 * Frees the parts of the tree's memory that hold nothing the renderers
 * at sections at[0 .. nat-1] still read: those made before the content
 * of each but for the parts of their ancestors.  For renderers that go
 * through the tree once, in order, each at one of the sections (the
 * PDF's last layout and the HTML); one that is done reads nothing and
 * is not among them.  The nodes made before the least of the sections
 * are then gone.  Returns the bytes freed (as pr_doc_bytes() counts
 * them).
 */
size_t pr_doc_release(struct pr_doc *, const struct pr_node *const at[],
                      size_t nat);
/* Notes in each section what pr_doc_release() may free there: the tree
 * is made out of order (validation makes the sections last), so a part
 * may hold nodes of later sections.  Once the tree is complete, before
 * the renderers read it. */
void pr_doc_plan(struct pr_doc *);
/* The bytes the tree's nodes and texts take (pr_doc_shed() frees). */
size_t pr_doc_bytes(const struct pr_doc *);
/* Begins a new part of the tree's memory if the one being filled has
 * PR_PART_BYTES: where nothing made before is referred to by what is
 * made after (a heading, a component). */
void pr_doc_part(struct pr_doc *);
/* Copies a string into the document's pool. */
const char *pr_strdup(struct pr_doc *, const char *);
/* Copies one of the document's own texts (struct pr_doc's), which
 * pr_doc_shed() keeps. */
const char *pr_doc_strdup(struct pr_doc *, const char *);

/* The one rule for a link's address outside the report: http://,
 * https:// or mailto:, the scheme in any case (RFC 3986, 3.1), and
 * something after it.  Anchors (#id) are checked against the tree. */
bool pr_link_scheme_ok(const char *url);

/* Whether a node of type `child` may be appended to one of `parent`. */
bool pr_can_contain(enum pr_type parent, enum pr_type child);
bool pr_is_inline(enum pr_type);
const char *pr_type_name(enum pr_type);

/* A new, unattached node; pos may be NULL. */
struct pr_node *pr_node_new(struct pr_doc *, enum pr_type,
                            const struct src_pos *);
/*
 * Appends child to parent if the containment rules allow it; returns
 * false and changes nothing otherwise.  A child already attached
 * elsewhere is refused too.
 */
bool pr_node_append(struct pr_node *parent, struct pr_node *child);
/* Detaches a node from its parent; it can then be appended elsewhere. */
void pr_node_unlink(struct pr_node *);
/* Inserts `node` before `sibling` under sibling's parent, checked. */
bool pr_node_insert_before(struct pr_node *sibling, struct pr_node *node);

/* Constructors for the common cases; strings are copied. */
struct pr_node *pr_new_text(struct pr_doc *, const struct src_pos *,
                            const char *text);
struct pr_node *pr_new_section(struct pr_doc *, const struct src_pos *,
                               int level);
struct pr_node *pr_new_heading(struct pr_doc *, const struct src_pos *,
                               int level);
struct pr_node *pr_new_link(struct pr_doc *, const struct src_pos *,
                            const char *url);
struct pr_node *pr_new_abbr(struct pr_doc *, const struct src_pos *,
                            const char *expansion);
struct pr_node *pr_new_lang(struct pr_doc *, const struct src_pos *,
                            const char *lang);
struct pr_node *pr_new_status(struct pr_doc *, const struct src_pos *,
                              const char *key);
struct pr_node *pr_new_div(struct pr_doc *, const struct src_pos *,
                           const char *cls);
struct pr_node *pr_new_figure(struct pr_doc *, const struct src_pos *,
                              const char *alt);
struct pr_node *pr_new_cell(struct pr_doc *, const struct src_pos *,
                            bool header, enum pr_scope, enum pr_align);

/* Appends `text` to parent as a TEXT node, merging with a TEXT last
 * child.  Returns false if parent may not hold inlines. */
bool pr_append_text(struct pr_doc *, struct pr_node *parent,
                    const struct src_pos *, const char *text);

/*
 * The document's title as the reader sees it: the first paragraph of
 * a title page (a DIV "titlepage" at the top level), or NULL.  Both
 * renderers make it the one first-level heading (H1) and put every
 * section heading one level below its tree level, so that the
 * chapters are H2 (PDF/UA-1 and WCAG: one title heads the document).
 */
const struct pr_node *pr_doc_title(const struct pr_doc *);

/* The language in force at node n: its nearest LANG ancestor's (n
 * itself included), else the document's (NULL before it is set). */
const char *pr_node_lang(const struct pr_doc *, const struct pr_node *n);

/*
 * The one way text written in the inputs (titles, names, units,
 * expansions) enters the tree, from components, charts and templates
 * alike: appends `text`, written in language `lang` (BCP 47; NULL: the
 * report's own), to parent, inside a LANG span when lang differs from
 * the language in force at parent (WCAG 2.1 SC 3.1.2, ISO 14289-1
 * 7.2).  The document's lang must be set before.  Returns false if
 * parent may not hold inlines.
 */
bool pr_append_input(struct pr_doc *, struct pr_node *parent,
                     const struct src_pos *, const char *text,
                     const char *lang);

/* The plain text of a node and its descendants, appended to b
 * (LINEBREAK as a space). */
void pr_node_text(const struct pr_node *, struct buf *b);

/*
 * Depth-first walk with ENTER and EXIT events, as in cmark.  Leaf nodes
 * (TEXT, LINEBREAK, DRAWING, TOC) get only ENTER.
 */
enum pr_event { PR_EV_NONE, PR_EV_ENTER, PR_EV_EXIT };
struct pr_iter {
	const struct pr_node *root, *cur;
	enum pr_event ev;
	bool skip;
};
void pr_iter_init(struct pr_iter *, const struct pr_node *root);
enum pr_event pr_iter_next(struct pr_iter *);
/* After an ENTER, skip the node's children (next is its EXIT). */
void pr_iter_skip_children(struct pr_iter *);

/* Checks the links and containment of a whole tree (for tests);
 * returns the number of problems, printed to stderr. */
int pr_tree_check(const struct pr_node *root);

/* A debug dump, one node a line, indented; used by expected-output
 * tests of the template stage. */
void pr_tree_dump(const struct pr_node *root, struct buf *out);

#endif
