/*
 * html.c - the accessible HTML renderer: one self-contained page with
 * inline CSS and SVG and no scripts (WCAG 2.1 AA, BITV 2.0).
 *
 * The page is laid out in landmarks: a banner holding the title page
 * (and a notice right after it), a navigation landmark holding the
 * table of contents, the main content and a footer.  A skip link, first in the
 * tab order, jumps past the navigation.  Everything else follows the document
 * tree in order, so the page says what the PDF says in the same order.
 *
 * Every string from the tree is escaped for the context it lands in:
 * text and attribute values through esc(), link addresses through
 * put_url(), which also refuses any scheme but http:, https:, mailto:
 * and a #anchor of this page.  Class names are reduced to a safe
 * alphabet.  A Content-Security-Policy forbids scripts and every
 * network request, so even an escaping mistake could run nothing.
 *
 * The output is written through a 64 KiB buffer in one pass over the
 * tree (plus one pass to collect anchors, status keys and table names,
 * and one per table of contents), so time grows linearly with the
 * report; it depends only on the tree, so the same tree gives the same
 * bytes.  The caller owns `out` and closes it.
 */
#include "html.h"
#include "hyph.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/base64.h>
#include <nettle/sha2.h>

#include "style.h"

#define OUT_CAP 65536

struct hout {
	FILE *f;
	size_t len;
	bool err;
	char buf[OUT_CAP];
};

struct html {
	const struct pr_doc *doc;
	struct hyph_memo *hyph; /* soft hyphens in long words; may be NULL */
	struct hout *o;
	struct strmap ids;   /* section anchors, for #links */
	struct strmap seen;  /* status keys already collected */
	struct strmap names; /* table name -> how many tables have it */
	struct strmap fulls; /* the same for names with their sections */
	struct strmap nth;   /* full name -> tables named so far */
	struct pool pool;    /* the table names, the sections' ids */
	const char **keys;   /* status keys, in order of first use */
	size_t nkeys, capkeys;
	unsigned ntable, nfig, ntoc;
	unsigned nscroll; /* tables: each may scroll */
	int tsect;        /* table: 0 nothing open, 1 thead, 2 tbody */
	bool toc_mode;    /* rendering a heading into the TOC */
	int link_depth;   /* LINK ancestors: anchors do not nest */
	bool ok;
	/* pr_doc_title(), looked up once: the title page's nodes may be
	 * gone when a later paragraph asks (html_passing) */
	const struct pr_node *doc_title;
	const struct html_passing *passing;
	bool toc_done; /* a table of contents, which reads every heading */
};

static void
flush(struct hout *o)
{
	if (o->len > 0 && !o->err && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->err = true;
	o->len = 0;
}

static void
put(struct hout *o, const char *s, size_t n)
{
	if (n >= OUT_CAP) {
		flush(o);
		if (!o->err && fwrite(s, 1, n, o->f) != n)
			o->err = true;
		return;
	}
	if (o->len + n > OUT_CAP)
		flush(o);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
puts_(struct hout *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
putc_(struct hout *o, char c)
{
	if (o->len == OUT_CAP)
		flush(o);
	o->buf[o->len++] = c;
}

static void
putu(struct hout *o, unsigned long v)
{
	char s[24];
	int n = snprintf(s, sizeof(s), "%lu", v);

	put(o, s, (size_t)n);
}

/*
 * Escapes text for element content and for double-quoted attribute
 * values alike: both quote characters are escaped so that the same
 * function is safe in either place.  Runs of safe bytes are copied at
 * once.
 */
static void
esc_len(struct hout *o, const char *s, size_t len)
{
	const char *run = s, *end = s + len;

	for (; s < end; s++) {
		const char *rep;

		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		put(o, run, (size_t)(s - run));
		puts_(o, rep);
		run = s + 1;
	}
	put(o, run, (size_t)(s - run));
}

static void
esc(struct hout *o, const char *s)
{
	if (s != NULL)
		esc_len(o, s, strlen(s));
}

/*
 * A text node of the page: words of ten characters or more get soft
 * hyphens at the points of the hyphenation patterns of the node's
 * language, the PDF's points, so that a narrow screen or a browser
 * without a dictionary for the language breaks them with a hyphen,
 * not between any two letters.  Browsers ignore soft hyphens when
 * searching and copying; attributes, the window title and the
 * drawings' titles never get them (they are written with esc()).
 */
static void
esc_text(struct html *h, const struct pr_node *n, const char *s)
{
	const char *lang = pr_node_lang(h->doc, n);
	unsigned char brk[256];

	while (*s != '\0') {
		size_t len = 0, nch = 0, i, from;

		while (s[len] == ' ' || s[len] == '\n' || s[len] == '\t')
			len++;
		if (len > 0) {
			put(h->o, s, len);
			s += len;
			continue;
		}
		while (s[len] != '\0' && s[len] != ' ' && s[len] != '\n' &&
		       s[len] != '\t') {
			if (((unsigned char)s[len] & 0xC0) != 0x80)
				nch++;
			len++;
		}
		if (h->hyph == NULL || nch < 10 || len > sizeof(brk)) {
			esc_len(h->o, s, len);
			s += len;
			continue;
		}
		hyph_memo_points(h->hyph, lang, s, len, brk);
		for (i = from = 0; i < len; i++)
			if (brk[i] == HY_HYPHEN) {
				esc_len(h->o, s + from, i - from);
				puts_(h->o, "&shy;");
				from = i;
			}
		esc_len(h->o, s + from, len - from);
		s += len;
	}
}

/* A class name or id part reduced to [A-Za-z0-9_-]. */
static void
put_name(struct hout *o, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			c = '-';
		putc_(o, c);
	}
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/*
 * Writes an address already checked by url_allowed() into a
 * double-quoted attribute: bytes that may not stand in a URL (spaces,
 * quotes, angle brackets, non-ASCII) are percent-encoded, then & and '
 * are escaped for the attribute.
 */
static void
put_url(struct hout *o, const char *u)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s;

	for (s = (const unsigned char *)u; *s != '\0'; s++) {
		unsigned char c = *s;

		if (c == '&')
			puts_(o, "&amp;");
		else if (c == '\'')
			puts_(o, "&#39;");
		else if (c == '%' && is_hex((char)s[1]) && is_hex((char)s[2]))
			putc_(o, '%');
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		         (c >= '0' && c <= '9') ||
		         strchr("-._~:/?#[]@!$()*+,;=", c) != NULL)
			putc_(o, (char)c);
		else {
			putc_(o, '%');
			putc_(o, hex[c >> 4]);
			putc_(o, hex[c & 15]);
		}
	}
}

/* A coordinate with at most two decimals, independent of the C locale
 * and of printf's rounding, so that drawings are byte-stable. */
static void
put_num(struct hout *o, double v)
{
	char s[40], *p;

	if (!isfinite(v))
		v = 0;
	if (v > 1e9)
		v = 1e9;
	if (v < -1e9)
		v = -1e9;
	p = fmt_scaled(s + sizeof(s), llround(v * 100), 2);
	put(o, p, (size_t)(s + sizeof(s) - p));
}

static void
put_color(struct hout *o, struct dr_color c)
{
	static const char hex[] = "0123456789abcdef";
	char s[8];

	s[0] = '#';
	s[1] = hex[c.r >> 4];
	s[2] = hex[c.r & 15];
	s[3] = hex[c.g >> 4];
	s[4] = hex[c.g & 15];
	s[5] = hex[c.b >> 4];
	s[6] = hex[c.b & 15];
	put(o, s, 7);
}

/* --- colours ----------------------------------------------------- */

static double
channel(unsigned char v)
{
	double s = v / 255.0;

	return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double
luminance(struct dr_color c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) +
	       0.0722 * channel(c.b);
}

/* WCAG 2.x contrast ratio. */
static double
contrast(struct dr_color a, struct dr_color b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/*
 * The status colours of style.h are made for graphics (3:1); text needs
 * 4.5:1 (WCAG 1.4.3).  Mixes the colour toward `toward` (black on the
 * light page, white on the dark one) in small steps until it reaches
 * 4.7:1 against `bg`, keeping its hue recognisable.
 */
static struct dr_color
text_color(struct dr_color c, struct dr_color bg, struct dr_color toward)
{
	int step;

	for (step = 0; step <= 20; step++) {
		struct dr_color m;

		m.r = (unsigned char)(c.r + (toward.r - c.r) * step / 20);
		m.g = (unsigned char)(c.g + (toward.g - c.g) * step / 20);
		m.b = (unsigned char)(c.b + (toward.b - c.b) * step / 20);
		if (contrast(m, bg) >= 4.7)
			return m;
	}
	return toward;
}

static const struct dr_color white = {0xff, 0xff, 0xff};
static const struct dr_color black = {0, 0, 0};
static const struct dr_color dark_bg = {0x12, 0x12, 0x12};

/* --- the style sheet --------------------------------------------- */

/*
 * Light colours first, dark ones under prefers-color-scheme; every
 * text colour pair is at least 4.5:1 (checked by the browser test with
 * axe-core in both schemes).  Reflow at 320 CSS px: long words break,
 * wide tables scroll inside their own focusable region.
 */
static const char css[] =
    ":root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#474747;"
    "--link:#0a4f9e;--visited:#5b2a86;--line:#8a8a8a;--head-bg:#e9eef4;"
    "--notice-bg:#fff4d4;--notice-line:#8a6100;--focus:#0a4f9e;"
    "--accent:#0a4f9e}\n"
    "@media screen and "
    "(prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#121212;"
    "--muted:#c2c2c2;--link:#9cc7ff;--visited:#d5b8ff;--line:#7d7d7d;"
    "--head-bg:#252a31;--notice-bg:#2d2511;--notice-line:#e3b341;"
    "--focus:#9cc7ff;--accent:#9cc7ff}}\n"
    "*,*::before,*::after{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);"
    "font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"DejaVu Sans\",\"Noto Sans\",Arial,sans-serif;font-size:1.0625rem;"
    "line-height:1.6;overflow-wrap:break-word}\n"
    "body>header,body>main,body>footer{max-width:72rem;"
    "margin:0 auto;padding:0 1rem}\n"
    "p,ul,ol,h1,h2,h3,h4,h5,h6,.notice,.doc-title,figcaption{"
    "max-width:48rem}\n"
    "h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.8em 0 .6em;"
    "font-weight:700}\n"
    "h1{font-size:1.85rem}h2{font-size:1.45rem}h3{font-size:1.2rem}"
    "h4{font-size:1.08rem}h5,h6{font-size:1rem}\n"
    /* Soft hyphens (esc_text) mark the points of the PDF's patterns;
     * body text may use the browser's dictionary too, headings and
     * table cells break only at those points, never within a word
     * elsewhere. */
    "p,li,dd{hyphens:auto}h1,h2,h3,h4,h5,h6,th,td,caption,"
    "figcaption{hyphens:manual}\n"
    "p{margin:0 0 1em}\n"
    "ul,ol{padding-left:1.6em;margin:0 0 1em}li{margin:.2em 0}"
    "li>p{margin:.2em 0}\n"
    "a{color:var(--link);text-decoration:underline;"
    "text-underline-offset:.15em}a:visited{color:var(--visited)}\n"
    "a:hover{text-decoration-thickness:2px}\n"
    ":focus-visible{outline:3px solid var(--focus);outline-offset:2px}\n"
    "abbr[title]{text-decoration:underline dotted;"
    "text-underline-offset:.2em;cursor:help}\n"
    ".skip-link{position:absolute;left:.5rem;top:.5rem;z-index:10;"
    "padding:.5rem 1rem;background:var(--bg);color:var(--link);"
    "border:2px solid currentColor;transform:translateY(-250%)}\n"
    ".skip-link:focus{transform:none}\n"
    /* main takes focus from the skip link only to move the reading
     * position; it is not a control, so it shows no outline. */
    "#_main:focus{outline:none}\n"
    "body>header{border-bottom:4px solid var(--accent);"
    "padding-bottom:.5rem}\n"
    ".titlepage{padding:2rem 0 .5rem}\n"
    /* The title's long compounds ("Verwaltungsdigitalisierung") are
     * set to fit a 320 px screen whole; where a font's letters are
     * wider, they break at their soft hyphens. */
    ".titlepage>p:first-child{font-size:clamp(1.15rem,5.8vw,1.6rem);"
    "font-weight:700;line-height:1.25}\n"
    ".titlepage>p:first-child+p{font-size:clamp(1rem,4.5vw,1.2rem)}\n"
    ".doc-title{padding:1.5rem 0 1rem;font-size:clamp(1.1rem,5.5vw,1.4rem);"
    "font-weight:700}\n"
    ".notice{border-left:6px solid var(--notice-line);"
    "background:var(--notice-bg);padding:.7rem 1rem;margin:1rem 0}\n"
    ".notice>:last-child{margin-bottom:0}\n"
    "nav.toc{margin:1.5rem auto}nav.toc ol{list-style:none;margin:0;"
    "padding-left:1.4rem}nav.toc>ol{padding-left:0}\n"
    ".toc-title{font-weight:700;font-size:1.2rem;margin:0 0 .5rem}\n"
    ".table-wrap{overflow-x:auto;margin:1.2rem 0;max-width:100%}\n"
    "table{border-collapse:collapse;min-width:min(100%,48rem);"
    "font-size:.95rem;"
    "font-variant-numeric:tabular-nums}\n"
    "caption{text-align:left;font-weight:700;padding:0 0 .4rem}\n"
    /* A table wider than the window scrolls in its region; its caption
     * wraps within the window and stays in view while it scrolls. */
    ".table-wrap caption{position:sticky;left:0;"
    "max-width:calc(100vw - 2rem)}\n"
    "th,td{border:1px solid var(--line);padding:.35rem .6rem;"
    "vertical-align:top;text-align:left;overflow-wrap:normal}\n"
    /* A cell's words break at their soft hyphens; browsers let
     * overflow-wrap:break-word shrink a column below its longest word
     * and cut words between letters.  Only an address may break
     * anywhere. */
    "td a{overflow-wrap:anywhere}\n"
    "thead th{background:var(--head-bg)}tbody th{font-weight:400}\n"
    ".al-r{text-align:right}.al-c{text-align:center}\n"
    "figure{margin:1.5rem 0}\n"
    ".chart-scroll{overflow-x:auto;max-width:100%}\n"
    "svg.drawing{display:block;max-width:100%;height:auto;"
    "background:#fff;border:1px solid var(--line);"
    "font-family:\"DejaVu Sans\",sans-serif}\n"
    "figcaption{margin-top:.4rem;color:var(--muted);font-size:.95rem}\n"
    ".status{font-weight:600;white-space:nowrap}\n"
    ".status-symbol{font-family:\"DejaVu Sans\",sans-serif}\n"
    "footer{margin-top:3rem;border-top:1px solid var(--line);"
    "padding-top:1rem;padding-bottom:2rem;color:var(--muted);"
    "font-size:.9rem}\n"
    "@media (forced-colors:active){:focus-visible{outline-color:"
    "Highlight}body>header,.notice{border-color:CanvasText}"
    "svg.drawing{forced-color-adjust:none}"
    ".skip-link{border-color:LinkText}}\n"
    "@media print{:root{--fg:#000;--bg:#fff;--muted:#333;--link:#000;"
    "--visited:#000;--line:#555;--head-bg:#eee;--notice-bg:#fff;"
    "--accent:#000}\n"
    "body{font-size:11pt;line-height:1.4}\n"
    "body>header,body>main,body>footer{padding:0}\n"
    "body>header,body>main,body>footer,p,ul,ol,h1,h2,h3,h4,"
    "h5,h6,.notice,.doc-title,figcaption{max-width:none}\n"
    "table{width:100%}\n"
    ".skip-link{display:none}\n"
    "a[href^=\"http\"]::after,a[href^=\"mailto:\"]::after{content:"
    "\" <\" attr(href) \">\";font-size:.85em;overflow-wrap:anywhere}\n"
    ".table-wrap{overflow:visible}thead{display:table-header-group}\n"
    "table{font-size:9pt}th,td{padding:.15rem .3rem}"
    "th{overflow-wrap:normal}td{overflow-wrap:break-word}"
    ".many{font-size:8pt}.many th,.many td{padding:.1rem .2rem}"
    ".status{white-space:normal}\n"
    "h1,h2,h3,h4,h5,h6{break-after:avoid}"
    "tr,figure,.status{break-inside:avoid}\n"
    /* As in the PDF: the title page, then the page at a glance, then
     * the contents, each from a new page. */
    ".summary,nav.toc{break-before:page}"
    ".keyfigures,.summary li{break-inside:avoid}\n"
    "nav.toc{break-after:page}.chapters>section{break-before:page}\n"
    "@page{size:A4;margin:2cm}}\n";

/*
 * The page at a glance: large numbers, milestones and indicators side
 * by side where there is room.  A label that wraps (large print at
 * 320 px) goes on under itself, not under its number: the hanging
 * indent is the number's box (2.2ch and .3em at 1.6 times the size)
 * and the space after it.
 */
static const char css_layout[] =
    ".keyfigures{max-width:48rem;margin:1rem 0 1.5rem}\n"
    ".keyfigures>p{font-size:1.3rem;margin:0 0 .2rem}\n"
    ".keyfigures>ul{list-style:none;padding:0;margin:0 0 1rem;"
    "font-size:1.3rem;line-height:1.35}\n"
    ".keyfigures li{padding-left:calc(3.52ch + 1em);"
    "text-indent:calc(-3.52ch - 1em)}\n"
    ".keyfigures li>strong{font-size:1.6em;display:inline-block;"
    "min-width:2.2ch;text-align:right;margin-right:.3em;text-indent:0}\n"
    "@media print,screen and (min-width:40em){.keyfigures{display:grid;"
    "grid-template-columns:1fr 1fr;grid-template-rows:auto auto;"
    "grid-auto-flow:column;column-gap:2rem}}\n";

/*
 * The wide layout, inside "@media screen and (min-width:...)": from
 * 75em (1200 px at 100 % zoom; large print 96em, so that its text
 * column is as wide in characters) the table of contents stays in view
 * beside the text (position: sticky, no script), from the page at a
 * glance (.lead) down (.chapters).  Zoomed to 200 % or
 * more the same window is under the breakpoint, so the page is one
 * column again and nothing overlaps.
 */
static const char css_wide[] =
    "body>header,body>main,body>footer{max-width:90rem}\n"
    "body>main{display:grid;grid-template-columns:17rem minmax(0,1fr);"
    "grid-template-rows:auto 1fr;column-gap:2.5rem}\n"
    "main>.lead,main>.chapters{grid-column:2;min-width:0}\n"
    "main>.lead{grid-row:1}main>.chapters{grid-row:2}\n"
    "main>nav{grid-column:1;grid-row:1/3;position:sticky;top:0;"
    "align-self:start;max-height:100vh;overflow-y:auto;margin:0;"
    "padding:1rem .5rem 1rem 0;font-size:.9rem;line-height:1.4}\n"
    "main>nav li{margin:.35em 0}\n";

static void
write_status_css(struct html *h)
{
	struct hout *o = h->o;
	size_t i;

	for (i = 0; i < h->nkeys; i++) {
		const struct status_style *st = style_for(h->keys[i]);

		puts_(o, ".status-");
		put_name(o, h->keys[i]);
		puts_(o, "{color:");
		put_color(o, text_color(st->color, white, black));
		puts_(o, "}\n");
	}
	if (h->nkeys == 0)
		return;
	puts_(o, "@media screen and (prefers-color-scheme:dark){");
	for (i = 0; i < h->nkeys; i++) {
		const struct status_style *st = style_for(h->keys[i]);

		puts_(o, ".status-");
		put_name(o, h->keys[i]);
		puts_(o, "{color:");
		put_color(o, text_color(st->color, dark_bg, white));
		puts_(o, "}");
	}
	puts_(o, "}\n");
}

/* --- first pass: anchors, status keys, table names --------------- */

static const struct pr_node *
first_row(const struct pr_node *table)
{
	const struct pr_node *r = table->first;

	while (r != NULL && r->type != PR_ROW)
		r = r->next;
	return r;
}

/* The name a table's scroll region is known by: its caption, or
 * without one the text of its first row. */
static void
table_name(const struct pr_node *table, struct buf *b)
{
	const struct pr_node *r, *c;

	if (table->first != NULL && table->first->type == PR_CAPTION) {
		pr_node_text(table->first, b);
		return;
	}
	r = first_row(table);
	for (c = r ? r->first : NULL; c != NULL; c = c->next) {
		if (c != r->first)
			buf_puts(b, ", ");
		pr_node_text(c, b);
	}
}

/*
 * A table's name followed by the headings of the sections around it,
 * innermost first, leaving out a heading that only repeats the name:
 * "Meilensteine – 02 a Elektronische Akte".
 */
static void
table_fullname(const struct pr_node *table, const char *name, struct buf *b)
{
	const struct pr_node *p;
	struct buf t;

	buf_init(&t);
	buf_puts(b, name);
	for (p = table->parent; p != NULL; p = p->parent) {
		if (p->type != PR_SECTION || p->first == NULL ||
		    p->first->type != PR_HEADING)
			continue;
		buf_reset(&t);
		pr_node_text(p->first, &t);
		if (t.len == 0 || strcmp(t.data, name) == 0)
			continue;
		buf_puts(b, " \xE2\x80\x93 ");
		buf_puts(b, t.data);
	}
	buf_free(&t);
}

/* Adds one to the count kept for key, copying key into the pool when
 * it is new; returns the new count. */
static size_t
count_up(struct html *h, struct strmap *m, const char *key)
{
	size_t k = (size_t)(uintptr_t)strmap_get(m, key);

	if (k == 0)
		key = pool_strdup(&h->pool, key);
	strmap_put(m, key, (void *)(uintptr_t)(k + 1));
	return k + 1;
}

static void
collect(struct html *h)
{
	struct pr_iter it;
	struct buf b, f;

	buf_init(&b);
	buf_init(&f);
	pr_iter_init(&it, h->doc->root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *n = it.cur;

		if (it.ev != PR_EV_ENTER)
			continue;
		if (n->type == PR_SECTION && n->u.sect.id != NULL) {
			/* a copy: a link may name a section whose nodes
			 * are gone (html_passing) */
			const char *id = pool_strdup(&h->pool, n->u.sect.id);

			strmap_put(&h->ids, id, (void *)id);
		} else if (n->type == PR_TABLE) {
			buf_reset(&b);
			table_name(n, &b);
			count_up(h, &h->names, b.data ? b.data : "");
			buf_reset(&f);
			table_fullname(n, b.data ? b.data : "", &f);
			count_up(h, &h->fulls, f.data);
		} else if (n->type == PR_STATUS && n->u.status.key != NULL &&
		           strmap_put(&h->seen, n->u.status.key, (void *)n) ==
		               NULL) {
			if (h->nkeys == h->capkeys) {
				h->capkeys = h->capkeys ? h->capkeys * 2 : 16;
				h->keys = xrealloc(
				    h->keys, h->capkeys * sizeof(*h->keys));
			}
			h->keys[h->nkeys++] = n->u.status.key;
		}
	}
	buf_free(&b);
	buf_free(&f);
}

/* --- links ------------------------------------------------------- */

static bool
url_allowed(const struct html *h, const char *u)
{
	if (u == NULL)
		return false;
	if (u[0] == '#')
		return strmap_get(&h->ids, u + 1) != NULL;
	return pr_link_scheme_ok(u);
}

/* Whether this LINK becomes an <a>: not inside another link or a TOC
 * entry (anchors may not nest), and only with an allowed address. */
static bool
link_opens(const struct html *h, const struct pr_node *n)
{
	return !h->toc_mode && h->link_depth == 0 &&
	       url_allowed(h, n->u.link.url);
}

static void
refuse_link(struct html *h, const struct pr_node *n)
{
	const char *u = n->u.link.url ? n->u.link.url : "";

	if (u[0] == '#' && u[1] != '\0')
		diag_error(&n->pos,
		           "the link target \"%s\" is no heading's anchor in "
		           "this report",
		           u);
	else
		diag_error(&n->pos,
		           "the link address \"%s\" is not allowed in the "
		           "HTML report; use https:, http:, mailto: or "
		           "#anchor",
		           u);
	h->ok = false;
}

/* --- blocks ------------------------------------------------------ */

static void render(struct html *, const struct pr_node *);

static int
clamp_level(int level)
{
	return level < 1 ? 1 : level > 6 ? 6 : level;
}

/* A section heading's <hN>: one below its tree level when the title
 * is the <h1> (pr_doc_title). */
static int
h_level(const struct html *h, int level)
{
	return clamp_level(level + (h->doc_title != NULL));
}

static const char *
section_id(const struct pr_node *heading)
{
	if (heading->u.sect.id != NULL)
		return heading->u.sect.id;
	if (heading->parent != NULL && heading->parent->type == PR_SECTION)
		return heading->parent->u.sect.id;
	return NULL;
}

/* The inlines of a node, with anchors suppressed (for the TOC). */
static void
render_toc_text(struct html *h, const struct pr_node *n)
{
	const struct pr_node *c;

	h->toc_mode = true;
	for (c = n->first; c != NULL; c = c->next)
		render(h, c);
	h->toc_mode = false;
}

/* The heading of section s if the TOC lists it (down to its depth). */
static const struct pr_node *
toc_entry(const struct pr_node *s, int maxlevel)
{
	const struct pr_node *head = s->first;

	if (s->type != PR_SECTION || head == NULL || head->type != PR_HEADING ||
	    s->u.sect.id == NULL || clamp_level(s->u.sect.level) > maxlevel)
		return NULL;
	return head;
}

static int
toc_depth(const struct pr_node *toc)
{
	return toc->u.toc.depth < 1 ? 6 : toc->u.toc.depth;
}

/* Whether the TOC lists anything (render_toc() writes nothing else). */
static bool
toc_lists(const struct html *h, const struct pr_node *toc)
{
	struct pr_iter it;

	pr_iter_init(&it, h->doc->root);
	while (pr_iter_next(&it) != PR_EV_NONE)
		if (it.ev == PR_EV_ENTER && toc_entry(it.cur, toc_depth(toc)))
			return true;
	return false;
}

/*
 * The table of contents: nested ordered lists of links to every
 * section heading down to the TOC's depth, in document order.  A stack
 * of the levels of the open lists keeps the nesting right even when
 * the first listed level is not 1.  A report without headings gets
 * no navigation landmark at all rather than an empty one.
 */
static void
render_toc(struct html *h, const struct pr_node *toc)
{
	struct hout *o = h->o;
	const char *title = h->doc->toc_title;
	int stack[7], depth = 0, maxlevel = toc_depth(toc);
	struct pr_iter it;

	if (title == NULL || title[0] == '\0')
		title =
		    h->doc->lang != NULL && strncmp(h->doc->lang, "de", 2) == 0
		        ? "Inhalt"
		        : "Contents";
	pr_iter_init(&it, h->doc->root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *s = it.cur, *head;
		int level;

		if (it.ev != PR_EV_ENTER ||
		    (head = toc_entry(s, maxlevel)) == NULL)
			continue;
		level = clamp_level(s->u.sect.level);
		if (depth == 0) {
			h->ntoc++;
			puts_(o, "<nav class=\"toc\" aria-labelledby=\"_toc");
			putu(o, h->ntoc);
			puts_(o, "\">\n<p class=\"toc-title\" id=\"_toc");
			putu(o, h->ntoc);
			puts_(o, "\">");
			esc(o, title);
			puts_(o, "</p>\n");
		}
		if (depth == 0 || level > stack[depth - 1]) {
			puts_(o, depth == 0 ? "<ol>\n" : "\n<ol>\n");
			stack[depth++] = level;
		} else {
			puts_(o, "</li>\n");
			while (depth > 1 && stack[depth - 2] >= level) {
				puts_(o, "</ol></li>\n");
				depth--;
			}
		}
		puts_(o, "<li><a href=\"#");
		put_url(o, s->u.sect.id);
		puts_(o, "\">");
		render_toc_text(h, head);
		puts_(o, "</a>");
	}
	if (depth == 0)
		return;
	puts_(o, "</li>\n");
	while (depth > 0) {
		puts_(o, "</ol>");
		if (--depth > 0)
			puts_(o, "</li>");
		putc_(o, '\n');
	}
	puts_(o, "</nav>\n");
}

static void
put_paint(struct hout *o, const struct dr_item *it)
{
	puts_(o, " fill=\"");
	if (it->fill)
		put_color(o, it->fill_color);
	else
		puts_(o, "none");
	putc_(o, '"');
	if (it->op == DR_TEXT && !it->stroke)
		return;
	puts_(o, " stroke=\"");
	if (it->stroke)
		put_color(o, it->stroke_color);
	else
		puts_(o, "none");
	putc_(o, '"');
	if (it->stroke) {
		puts_(o, " stroke-width=\"");
		put_num(o, it->stroke_width);
		putc_(o, '"');
		if (it->dash > 0) {
			puts_(o, " stroke-dasharray=\"");
			put_num(o, it->dash);
			putc_(o, ' ');
			put_num(o, it->dash);
			putc_(o, '"');
		}
	}
}

static void
put_points(struct hout *o, const struct dr_item *it)
{
	size_t i;

	puts_(o, " points=\"");
	for (i = 0; i < it->npts; i++) {
		if (i > 0)
			putc_(o, ' ');
		put_num(o, it->pts[2 * i]);
		putc_(o, ',');
		put_num(o, it->pts[2 * i + 1]);
	}
	putc_(o, '"');
}

static void
put_attr_num(struct hout *o, const char *name, double v)
{
	putc_(o, ' ');
	puts_(o, name);
	puts_(o, "=\"");
	put_num(o, v);
	putc_(o, '"');
}

/*
 * A drawing as inline SVG, role="img" so that assistive technology
 * does not read the drawing's own labels as a jumble.  Its name is the
 * figure's caption (aria-labelledby, so that input text in it keeps its
 * language mark), its description (<desc>) the figure's alt text, a
 * summary in the report's language, less its first words naming the
 * chart, which the caption says already; without a caption the whole
 * alt text is the name (<title>).  Sizes are points, shown at 2 px per
 * point where there is room.  The SVG scales with the page, but never
 * below the width at which its smallest text is 75 % of the body text
 * (a min-width in em, so it holds at any zoom); a narrower page scrolls
 * the drawing in a focusable region named by the caption.  Texts from
 * the inputs carry their language (xml:lang).
 */
static void
render_drawing(struct html *h, const struct pr_node *n)
{
	struct hout *o = h->o;
	const struct drawing *d = n->u.drawing.drawing;
	const struct pr_node *cap = NULL, *c;
	const char *alt = NULL;
	unsigned num = ++h->nfig;
	double minsize = 1e9;
	struct buf name;
	size_t i;

	if (n->parent != NULL && n->parent->type == PR_FIGURE) {
		alt = n->parent->u.figure.alt;
		for (c = n->parent->first; c != NULL; c = c->next)
			if (c->type == PR_CAPTION)
				cap = c;
	}
	if (d == NULL)
		return;
	buf_init(&name);
	if (cap != NULL)
		pr_node_text(cap, &name);
	for (i = 0; i < d->nitems; i++)
		if (d->items[i].op == DR_TEXT && d->items[i].size > 0)
			minsize = fmin(minsize, d->items[i].size);
	puts_(o, "<div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" "
	         "aria-labelledby=\"_fig");
	putu(o, num);
	puts_(o, name.len > 0 ? "-c\">\n" : "-t\">\n");
	puts_(o, "<svg class=\"drawing\" role=\"img\" aria-labelledby=\"_fig");
	putu(o, num);
	puts_(o, name.len > 0 ? "-c\"" : "-t\"");
	if (name.len > 0) {
		puts_(o, " aria-describedby=\"_fig");
		putu(o, num);
		puts_(o, "-d\"");
	}
	puts_(o, " viewBox=\"0 0 ");
	put_num(o, d->width);
	putc_(o, ' ');
	put_num(o, d->height);
	putc_(o, '"');
	put_attr_num(o, "width", d->width * 2);
	put_attr_num(o, "height", d->height * 2);
	/* The body text is 1em here: 0.75em / minsize per unit of width. */
	puts_(o, " style=\"min-width:");
	put_num(o, ceil(d->width * 0.75 / minsize * 10) / 10);
	puts_(o, "em\">\n");
	if (name.len == 0) {
		puts_(o, "<title id=\"_fig");
		putu(o, num);
		puts_(o, "-t\">");
		esc(o, alt);
		puts_(o, "</title>\n");
	} else {
		puts_(o, "<desc id=\"_fig");
		putu(o, num);
		puts_(o, "-d\">");
		esc(o, n->parent->u.figure.named < strlen(alt)
		           ? alt + n->parent->u.figure.named
		           : alt);
		puts_(o, "</desc>\n");
	}
	buf_free(&name);
	for (i = 0; i < d->nitems; i++) {
		const struct dr_item *it = &d->items[i];

		switch (it->op) {
		case DR_LINE:
			if (it->npts < 2 || it->pts == NULL)
				continue;
			puts_(o, "<line");
			put_attr_num(o, "x1", it->pts[0]);
			put_attr_num(o, "y1", it->pts[1]);
			put_attr_num(o, "x2", it->pts[2]);
			put_attr_num(o, "y2", it->pts[3]);
			break;
		case DR_POLYLINE:
		case DR_POLYGON:
			if (it->npts == 0 || it->pts == NULL)
				continue;
			puts_(o,
			      it->op == DR_POLYLINE ? "<polyline" : "<polygon");
			put_points(o, it);
			break;
		case DR_RECT:
			puts_(o, "<rect");
			put_attr_num(o, "x", it->x);
			put_attr_num(o, "y", it->y);
			put_attr_num(o, "width", it->w < 0 ? 0 : it->w);
			put_attr_num(o, "height", it->h < 0 ? 0 : it->h);
			break;
		case DR_CIRCLE:
			puts_(o, "<circle");
			put_attr_num(o, "cx", it->x);
			put_attr_num(o, "cy", it->y);
			put_attr_num(o, "r", it->r < 0 ? 0 : it->r);
			break;
		case DR_TEXT:
			puts_(o, "<text");
			put_attr_num(o, "x", it->x);
			put_attr_num(o, "y", it->y);
			put_attr_num(o, "font-size", it->size);
			if (it->anchor == DR_MIDDLE)
				puts_(o, " text-anchor=\"middle\"");
			else if (it->anchor == DR_END)
				puts_(o, " text-anchor=\"end\"");
			if (it->bold)
				puts_(o, " font-weight=\"bold\"");
			if (it->lang != NULL) {
				puts_(o, " xml:lang=\"");
				esc(o, it->lang);
				putc_(o, '"');
			}
			put_paint(o, it);
			putc_(o, '>');
			esc(o, it->text);
			puts_(o, "</text>\n");
			continue;
		}
		put_paint(o, it);
		puts_(o, "/>\n");
	}
	puts_(o, "</svg>\n</div>\n");
}

/*
 * A table or chart that scrolls is a named, focusable region, so that a
 * keyboard can scroll it (WCAG 2.1.1); one that does not scroll is
 * neither, to spare screen-reader users a landmark and keyboard users a
 * tab stop each.  Which ones scroll depends on the window, the zoom and
 * the fonts, which only the browser knows: this script, the page's only
 * one (allowed by its hash in the Content-Security-Policy), keeps the
 * region and its tab stop only while the table or drawing is wider than
 * its wrapper, on load and on every resize or zoom.  Without scripts
 * every wrapper stays a focusable region, as before.
 */
static const char scroll_js[] =
    "(function(){var a=[\"role\",\"tabindex\",\"aria-label\","
    "\"aria-labelledby\"],"
    "q=document.querySelectorAll(\".table-wrap,.chart-scroll\");"
    "function f(){Array.prototype.forEach.call(q,function(w){"
    "if(!w.k){w.k={};a.forEach(function(n){w.k[n]=w.getAttribute(n)})}"
    "var s=w.scrollWidth-w.clientWidth>0;a.forEach(function(n){"
    "if(s&&w.k[n]!==null)w.setAttribute(n,w.k[n]);else w.removeAttribute(n)"
    "})})}f();addEventListener(\"load\",f);addEventListener(\"resize\",f)"
    "})();";

/*
 * Names a table's scroll region by its caption (or first row).  Regions
 * are landmarks, which must be told apart: where several tables share a
 * name, such as "Meilensteine" in every chapter, the name is followed
 * by the headings around the table, and where even that repeats, by a
 * number.
 */
static void
region_name(struct html *h, const struct pr_node *table)
{
	struct hout *o = h->o;
	struct buf b, f;

	buf_init(&b);
	buf_init(&f);
	table_name(table, &b);
	if ((uintptr_t)strmap_get(&h->names, b.data ? b.data : "") <= 1) {
		if (table->first != NULL && table->first->type == PR_CAPTION) {
			puts_(o, "aria-labelledby=\"_tab");
			putu(o, h->ntable);
			puts_(o, "-c\"");
		} else {
			puts_(o, "aria-label=\"");
			esc(o, b.data ? b.data : "");
			putc_(o, '"');
		}
		goto out;
	}
	table_fullname(table, b.data ? b.data : "", &f);
	puts_(o, "aria-label=\"");
	esc(o, f.data);
	if ((uintptr_t)strmap_get(&h->fulls, f.data) > 1) {
		puts_(o, " (");
		putu(o, (unsigned long)count_up(h, &h->nth, f.data));
		putc_(o, ')');
	}
	putc_(o, '"');
out:
	buf_free(&b);
	buf_free(&f);
}

/* An empty header cell, such as the corner of a matrix, heads
 * nothing: it is written as a data cell, so that a screen reader does
 * not announce a header without a name. */
static bool
is_th(const struct pr_node *cell)
{
	return cell->u.cell.header && cell->first != NULL;
}

/* An item holding one paragraph is written without the <p>. */
static bool
tight_para(const struct pr_node *n)
{
	return n->type == PR_PARA && n->parent != NULL &&
	       n->parent->type == PR_ITEM && n->parent->first == n &&
	       n->parent->last == n;
}

static void
open_tag(struct hout *o, const char *tag)
{
	putc_(o, '<');
	puts_(o, tag);
	putc_(o, '>');
}

static void
close_tag(struct hout *o, const char *tag)
{
	puts_(o, "</");
	puts_(o, tag);
	putc_(o, '>');
}

/* The cells of a table's first row: its number of columns. */
static size_t
table_columns(const struct pr_node *t)
{
	const struct pr_node *c, *r = first_row(t);
	size_t n = 0;

	for (c = r != NULL ? r->first : NULL; c != NULL; c = c->next)
		n++;
	return n;
}

static void
enter(struct html *h, const struct pr_node *n)
{
	struct hout *o = h->o;
	const struct status_style *st;
	int level;

	switch (n->type) {
	case PR_SECTION:
		if (h->passing != NULL && (!h->doc->has_toc || h->toc_done))
			h->passing->fn(h->passing->arg, n);
		puts_(o, "<section>\n");
		break;
	case PR_HEADING:
		level = h_level(h, n->u.sect.level);
		puts_(o, "<h");
		putc_(o, (char)('0' + level));
		if (section_id(n) != NULL) {
			puts_(o, " id=\"");
			esc(o, section_id(n));
			putc_(o, '"');
		}
		putc_(o, '>');
		break;
	case PR_PARA:
		if (n == h->doc_title)
			puts_(o, "<h1>");
		else if (!tight_para(n))
			open_tag(o, "p");
		break;
	case PR_LIST:
		if (n->u.list.ordered) {
			puts_(o, "<ol");
			if (n->u.list.start != 1) {
				puts_(o, " start=\"");
				if (n->u.list.start < 0) {
					putc_(o, '-');
					putu(o, (unsigned long)-(
					            long)n->u.list.start);
				} else
					putu(o, (unsigned long)n->u.list.start);
				putc_(o, '"');
			}
			puts_(o, ">\n");
		} else
			puts_(o, "<ul>\n");
		break;
	case PR_ITEM:
		open_tag(o, "li");
		break;
	case PR_TABLE:
		h->ntable++;
		h->tsect = 0;
		h->nscroll++;
		puts_(o, "<div class=\"table-wrap\" role=\"region\" ");
		region_name(h, n);
		puts_(o, " tabindex=\"0\">\n<table");
		/* Printed on A4, nine columns or more of German words do not
		 * fit at the print size without cutting dates and numbers;
		 * such a table is printed smaller. */
		if (table_columns(n) >= 9)
			puts_(o, " class=\"many\"");
		puts_(o, ">\n");
		break;
	case PR_ROW:
		if (n->u.row.header && h->tsect == 0) {
			puts_(o, "<thead>\n");
			h->tsect = 1;
		} else if (!n->u.row.header && h->tsect != 2) {
			if (h->tsect == 1)
				puts_(o, "</thead>\n");
			puts_(o, "<tbody>\n");
			h->tsect = 2;
		}
		open_tag(o, "tr");
		break;
	case PR_CELL: {
		enum pr_scope scope = n->u.cell.scope;

		if (is_th(n)) {
			if (scope == PR_SCOPE_NONE)
				scope = n->parent->u.row.header ? PR_SCOPE_COL
				                                : PR_SCOPE_ROW;
			puts_(o, scope == PR_SCOPE_ROW ? "<th scope=\"row\""
			                               : "<th scope=\"col\"");
		} else
			puts_(o, "<td");
		if (n->u.cell.align == PR_ALIGN_RIGHT)
			puts_(o, " class=\"al-r\"");
		else if (n->u.cell.align == PR_ALIGN_CENTER)
			puts_(o, " class=\"al-c\"");
		putc_(o, '>');
		break;
	}
	case PR_CAPTION:
		if (n->parent->type == PR_TABLE) {
			puts_(o, "<caption id=\"_tab");
			putu(o, h->ntable);
			puts_(o, "-c\">");
		} else {
			puts_(o, "<figcaption id=\"_fig");
			putu(o, h->nfig);
			puts_(o, "-c\">");
		}
		break;
	case PR_FIGURE:
		puts_(o, "<figure>\n");
		break;
	case PR_DRAWING:
		render_drawing(h, n);
		break;
	case PR_TOC:
		render_toc(h, n);
		h->toc_done = true;
		break;
	case PR_DIV:
		puts_(o, "<div class=\"");
		put_name(o, n->u.div.cls);
		puts_(o, "\">\n");
		break;
	case PR_TEXT:
		esc_text(h, n, n->u.text.text);
		break;
	case PR_EMPH:
		open_tag(o, "em");
		break;
	case PR_STRONG:
		open_tag(o, "strong");
		break;
	case PR_LINK:
		if (link_opens(h, n)) {
			puts_(o, "<a href=\"");
			put_url(o, n->u.link.url);
			putc_(o, '"');
			if (n->u.link.title != NULL) {
				puts_(o, " title=\"");
				esc(o, n->u.link.title);
				putc_(o, '"');
			}
			putc_(o, '>');
		} else if (!url_allowed(h, n->u.link.url))
			refuse_link(h, n);
		h->link_depth++;
		break;
	case PR_ABBR:
		puts_(o, "<abbr title=\"");
		esc(o, n->u.abbr.expansion);
		puts_(o, "\">");
		break;
	case PR_LANG:
		puts_(o, "<span lang=\"");
		esc(o, n->u.lang.lang);
		puts_(o, "\">");
		break;
	case PR_STATUS:
		st = style_for(n->u.status.key ? n->u.status.key : "");
		puts_(o, "<span class=\"status status-");
		put_name(o, n->u.status.key);
		/* U+FE0E asks for the text form of the symbol, not an
		 * emoji, so that it takes the status colour. */
		puts_(o, "\"><span class=\"status-symbol\" "
		         "aria-hidden=\"true\">");
		puts_(o, st->symbol);
		puts_(o, "\xEF\xB8\x8E </span>");
		if (n->first == NULL)
			esc(o, n->u.status.key);
		break;
	case PR_LINEBREAK:
		puts_(o, "<br>");
		break;
	case PR_DOCUMENT:
	case PR__MAX:
		break;
	}
}

static void
leave(struct html *h, const struct pr_node *n)
{
	struct hout *o = h->o;

	switch (n->type) {
	case PR_SECTION:
		puts_(o, "</section>\n");
		break;
	case PR_HEADING:
		puts_(o, "</h");
		putc_(o, (char)('0' + h_level(h, n->u.sect.level)));
		puts_(o, ">\n");
		break;
	case PR_PARA:
		if (n == h->doc_title)
			puts_(o, "</h1>\n");
		else if (!tight_para(n))
			puts_(o, "</p>\n");
		break;
	case PR_LIST:
		puts_(o, n->u.list.ordered ? "</ol>\n" : "</ul>\n");
		break;
	case PR_ITEM:
		puts_(o, "</li>\n");
		break;
	case PR_TABLE:
		if (h->tsect == 1)
			puts_(o, "</thead>\n");
		else if (h->tsect == 2)
			puts_(o, "</tbody>\n");
		h->tsect = 0;
		puts_(o, "</table>\n</div>\n");
		break;
	case PR_ROW:
		puts_(o, "</tr>\n");
		break;
	case PR_CELL:
		close_tag(o, is_th(n) ? "th" : "td");
		break;
	case PR_CAPTION:
		puts_(o, n->parent->type == PR_TABLE ? "</caption>\n"
		                                     : "</figcaption>\n");
		break;
	case PR_FIGURE:
		puts_(o, "</figure>\n");
		break;
	case PR_DIV:
		puts_(o, "</div>\n");
		break;
	case PR_EMPH:
		close_tag(o, "em");
		break;
	case PR_STRONG:
		close_tag(o, "strong");
		break;
	case PR_LINK:
		h->link_depth--;
		if (link_opens(h, n))
			close_tag(o, "a");
		break;
	case PR_ABBR:
		close_tag(o, "abbr");
		break;
	case PR_LANG:
	case PR_STATUS:
		close_tag(o, "span");
		break;
	default:
		break;
	}
}

/* Renders a subtree; iterative, so any nesting depth is safe. */
static void
render(struct html *h, const struct pr_node *root)
{
	struct pr_iter it;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		/* A page of thousands of milestones takes a while; main.c
		 * reports the stop. */
		if (pr_stop_signal() != 0) {
			h->ok = false;
			return;
		}
		if (it.ev == PR_EV_ENTER)
			enter(h, it.cur);
		else
			leave(h, it.cur);
	}
}

static bool
is_div(const struct pr_node *n, const char *cls)
{
	return n != NULL && n->type == PR_DIV && n->u.div.cls != NULL &&
	       strcmp(n->u.div.cls, cls) == 0;
}

/* 'sha256-BASE64' of scroll_js, for the Content-Security-Policy: only
 * that script may run, whatever the page holds. */
static void
put_script_hash(struct hout *o)
{
	struct sha256_ctx ctx;
	uint8_t md[SHA256_DIGEST_SIZE];
	char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];

	sha256_init(&ctx);
	sha256_update(&ctx, sizeof(scroll_js) - 1, (const uint8_t *)scroll_js);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, md);
	base64_encode_raw(b64, SHA256_DIGEST_SIZE, md);
	b64[sizeof(b64) - 1] = '\0';
	puts_(o, "'sha256-");
	puts_(o, b64);
	putc_(o, '\'');
}

static void
write_head(struct html *h)
{
	const struct pr_doc *d = h->doc;
	struct hout *o = h->o;

	puts_(o, "<!DOCTYPE html>\n<html lang=\"");
	esc(o, d->lang != NULL ? d->lang : "de");
	puts_(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	         "<meta name=\"viewport\" content=\"width=device-width, "
	         "initial-scale=1\">\n"
	         "<meta http-equiv=\"Content-Security-Policy\" "
	         "content=\"default-src 'none'; style-src 'unsafe-inline'; "
	         "script-src ");
	put_script_hash(o);
	puts_(o, "\">\n"
	         "<meta name=\"color-scheme\" content=\"light dark\">\n"
	         "<title>");
	esc(o, d->title);
	puts_(o, "</title>\n");
	if (d->author != NULL) {
		puts_(o, "<meta name=\"author\" content=\"");
		esc(o, d->author);
		puts_(o, "\">\n");
	}
	if (d->subject != NULL) {
		puts_(o, "<meta name=\"description\" content=\"");
		esc(o, d->subject);
		puts_(o, "\">\n");
	}
	if (d->keywords != NULL) {
		puts_(o, "<meta name=\"keywords\" content=\"");
		esc(o, d->keywords);
		puts_(o, "\">\n");
	}
	puts_(o, "<meta name=\"generator\" content=\"progress-report\">\n"
	         "<style>\n");
	put(o, css, sizeof(css) - 1);
	put(o, css_layout, sizeof(css_layout) - 1);
	puts_(o, d->large_print ? "@media screen and (min-width:96em){\n"
	                        : "@media screen and (min-width:75em){\n");
	put(o, css_wide, sizeof(css_wide) - 1);
	puts_(o, "}\n");
	if (h->doc_title != NULL)
		/* The title is the <h1>: chapters keep their size as <h2>,
		 * and the title its size on the title page. */
		puts_(o,
		      "h2{font-size:1.85rem}h3{font-size:1.45rem}"
		      "h4{font-size:1.2rem}h5{font-size:1.08rem}\n"
		      ".titlepage>h1{margin:0 0 "
		      ".75rem;font-size:clamp(1.15rem,5.8vw,"
		      "1.6rem)}\n"
		      ".titlepage>h1+p{font-size:clamp(1rem,4.5vw,1.2rem)}\n");
	if (d->large_print)
		/* Large print: every size is in rem, so one rule sets the
		 * whole page larger, as the PDF's 14 pt against 11 pt. */
		puts_(o, "html{font-size:127%}\n"
		         "@media print{body{font-size:14pt}}\n");
	write_status_css(h);
	puts_(o, "</style>\n</head>\n");
}

/*
 * The body: the leading title-page blocks (and notices right after
 * them) form the banner, and the rest, in order, is the main content.
 * A table of contents that comes before the first section becomes the
 * navigation landmark, inside main after what else precedes that
 * section (the page at a glance), which so opens the page at every
 * width; what follows is wrapped, for the wide layout's grid.
 */
static void
write_body(struct html *h)
{
	const struct pr_doc *d = h->doc;
	struct hout *o = h->o;
	const struct pr_node *n = d->root->first, *nav = NULL, *c;
	const char *skip = d->skip_text;

	if (skip == NULL || skip[0] == '\0')
		skip = d->lang != NULL && strncmp(d->lang, "de", 2) == 0
		           ? "Zum Inhalt springen"
		           : "Skip to content";
	puts_(o, "<body>\n<a class=\"skip-link\" href=\"#_main\">");
	esc(o, skip);
	puts_(o, "</a>\n<header>\n");
	if (d->draft_notice != NULL) {
		/* A draft says so first, as a note a screen reader announces;
		 * the notice style, so that a final page's CSS is unchanged. */
		puts_(o, "<div class=\"notice\" role=\"note\"><p><strong>");
		esc(o, d->draft_mark != NULL ? d->draft_mark : "");
		puts_(o, "</strong> \xE2\x80\x93 ");
		esc(o, d->draft_notice);
		puts_(o, "</p></div>\n");
	}
	if (!is_div(n, "titlepage")) {
		puts_(o, "<div class=\"doc-title\">");
		esc(o, d->title);
		puts_(o, "</div>\n");
	} else {
		/* A notice right after the title page (such as "sample
		 * data") belongs to it, as on the PDF's first page. */
		for (; is_div(n, "titlepage") || is_div(n, "notice");
		     n = n->next)
			render(h, n);
	}
	puts_(o, "</header>\n");
	for (c = n; c != NULL && c->type != PR_SECTION; c = c->next)
		if (c->type == PR_TOC) {
			if (toc_lists(h, c))
				nav = c;
			break;
		}
	puts_(o, "<main id=\"_main\" tabindex=\"-1\">\n");
	if (nav != NULL) {
		if (n != nav) {
			puts_(o, "<div class=\"lead\">\n");
			for (c = n; c != NULL && c->type != PR_SECTION;
			     c = c->next)
				if (c != nav)
					render(h, c);
			puts_(o, "</div>\n");
		} else
			c = n;
		render(h, nav);
		puts_(o, "<div class=\"chapters\">\n");
		for (; c != NULL; c = c->next)
			if (c != nav)
				render(h, c);
		puts_(o, "</div>\n");
	} else
		for (; n != NULL; n = n->next)
			render(h, n);
	puts_(o, "</main>\n");
	if (h->nscroll > 0) {
		puts_(o, "<script>");
		puts_(o, scroll_js);
		puts_(o, "</script>\n");
	}
	puts_(o, "<footer>\n<div class=\"doc-meta\">");
	if (d->author != NULL) {
		if (d->author_lang != NULL) {
			puts_(o, "<span lang=\"");
			esc(o, d->author_lang);
			puts_(o, "\">");
		}
		esc(o, d->author);
		if (d->author_lang != NULL)
			puts_(o, "</span>");
		puts_(o, " \xC2\xB7 ");
	}
	esc(o, d->running_header != NULL ? d->running_header : d->title);
	puts_(o, "</div>\n</footer>\n</body>\n</html>\n");
}

bool
html_render(const struct pr_doc *doc, const struct hyph *hyph, FILE *out,
            const char *name, const struct html_passing *passing)
{
	struct html h;
	struct hout *o = xmalloc(sizeof(*o));
	bool ok;

	memset(&h, 0, sizeof(h));
	o->f = out;
	o->len = 0;
	o->err = false;
	h.doc = doc;
	h.doc_title = pr_doc_title(doc);
	h.passing = passing;
	h.hyph = hyph_memo_new(hyph);
	h.o = o;
	h.ok = true;
	strmap_init(&h.ids);
	strmap_init(&h.seen);
	strmap_init(&h.names);
	strmap_init(&h.fulls);
	strmap_init(&h.nth);
	pool_init(&h.pool);
	collect(&h);
	write_head(&h);
	write_body(&h);
	flush(o);
	if (fflush(out) != 0 || ferror(out))
		o->err = true;
	if (o->err) {
		struct src_pos pos = {name, 0, 0};

		diag(DIAG_SYSTEM, &pos, "cannot write the HTML report: %s",
		     strerror(errno));
	}
	ok = h.ok && !o->err;
	strmap_free(&h.ids);
	strmap_free(&h.seen);
	strmap_free(&h.names);
	strmap_free(&h.fulls);
	strmap_free(&h.nth);
	pool_free(&h.pool);
	hyph_memo_free(h.hyph);
	free(h.keys);
	free(o);
	return ok;
}
