/*
 * hyph.c - hyphenation points from libhyphen's patterns, and the plain
 * breaks of URLs and ids (see hyph.h).
 *
 * The patterns (TeX-style, Liang's algorithm) are matched against the
 * lower-case word as libhyphen matches them (hyph_pat.c); the German
 * patterns are in ISO 8859-1, the English ones in UTF-8, so a word is
 * converted to the patterns' character set and the points are mapped
 * back to the UTF-8 bytes.
 */
#include "hyph.h"

#include <sys/stat.h>

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hyph_pat.h"
#include "textfile.h"
#include "util.h"

#define MAX_DICTS 8
/* Debian's German patterns are 1 MB. */
#define PATTERNS_MAX ((size_t)64 << 20)
#define MAX_RUN      96 /* letters; longer runs are not words */
#define LEFT_MIN     2
#define RIGHT_MIN    3

struct hyph {
	const char *dir;
	struct {
		char lang[8]; /* primary subtag, lower case */
		struct hyph_pat *d;
	} v[MAX_DICTS];
	size_t n;
};

/* The languages whose patterns Debian packages, and the package. */
static const struct {
	const char *lang, *file, *pkg;
} known[] = {
    {"de", "hyph_de_DE.dic", "hyphen-de"},
    {"en", "hyph_en_US.dic", "hyphen-en-us"},
};

/* The primary subtag of a BCP 47 tag ("de" of "de-CH"), lower case;
 * false if it is not two or three letters. */
static bool
primary(const char *tag, char out[8])
{
	size_t n = 0;

	if (tag == NULL)
		return false;
	while (isalpha((unsigned char)tag[n]) && n < 3) {
		out[n] = (char)tolower((unsigned char)tag[n]);
		n++;
	}
	out[n] = '\0';
	return n >= 2 && (tag[n] == '\0' || tag[n] == '-');
}

static const struct hyph_pat *
dict_for(const struct hyph *h, const char *lang)
{
	char p[8];
	size_t i;

	if (h == NULL || !primary(lang, p))
		return NULL;
	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i].lang, p) == 0)
			return h->v[i].d;
	return NULL;
}

/* Loads the patterns of lang unless they are loaded; `report`: a
 * missing file of a language Debian has patterns for is an error
 * (else it is left for the call that reports). */
static bool
load_one(struct hyph *h, const char *lang, bool report)
{
	const char *dir = h->dir;
	char p[8], path[4096];
	const char *pkg = NULL;
	size_t i;
	struct stat st;
	char *text;
	size_t len;
	int fd;

	if (!primary(lang, p) || h->n == MAX_DICTS)
		return true;
	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i].lang, p) == 0)
			return true;
	snprintf(path, sizeof(path), "%s/hyph_%s.dic", dir, p);
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i].lang, p) == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir,
			         known[i].file);
			pkg = known[i].pkg;
		}
	/* Not blocking: a FIFO by that name must not hang the run. */
	fd = open_regular(AT_FDCWD, path, O_RDONLY, &st);
	if (fd == -2) {
		if (report)
			diag_not_regular(
			    DIAG_SYSTEM, path, &st,
			    "hyphenation patterns are a regular file, "
			    "as Debian's hyphen packages install them");
		return false;
	}
	if (fd < 0) {
		if (pkg == NULL || !report)
			return pkg == NULL; /* not hyphenated */
		diag_syserr(path,
		            "cannot read the hyphenation patterns for "
		            "\"%s\" (install the Debian package %s, or set "
		            "PROGRESS_REPORT_HYPHEN to a directory holding %s)",
		            p, pkg, path + strlen(dir) + 1);
		return false;
	}
	if (read_fd_bytes(fd, &st, PATTERNS_MAX, &text, &len) != TF_OK) {
		if (!report)
			return false;
		diag(DIAG_SYSTEM, &(struct src_pos){path, 0, 0},
		     "these hyphenation patterns cannot be read (reinstall "
		     "the Debian package %s)",
		     pkg ? pkg : "that provides them");
		return false;
	}
	h->v[h->n].d = hyph_pat_read(text, len);
	free(text);
	memcpy(h->v[h->n].lang, p, sizeof(p));
	h->n++;
	return true;
}

static bool
load_marked(struct hyph *h, const struct pr_node *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type == PR_LANG && !load_one(h, n->u.lang.lang, true))
			return false;
		if (!load_marked(h, n->first))
			return false;
	}
	return true;
}

struct hyph *
hyph_new(const char *dir)
{
	struct hyph *h = xcalloc(1, sizeof(*h));

	if (dir == NULL || *dir == '\0')
		dir = getenv("PROGRESS_REPORT_HYPHEN");
	if (dir == NULL || *dir == '\0')
		dir = HYPH_DIR;
	h->dir = dir;
	return h;
}

void
hyph_preload(struct hyph *h, const char *lang)
{
	load_one(h, lang, false);
}

bool
hyph_load_doc(struct hyph *h, const struct pr_doc *doc)
{
	return load_one(h, doc->lang, true) && load_marked(h, doc->root);
}

void
hyph_free(struct hyph *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++)
		hyph_pat_free(h->v[i].d);
	free(h);
}

bool
hyph_is_letter(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static bool
is_upper(unsigned cp)
{
	return (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

unsigned
hyph_lower(unsigned cp)
{
	return is_upper(cp) ? cp + 0x20 : cp;
}

/* After these a URL, a path or a compound may break without a hyphen
 * (a hyphen added after "-" would read as a doubled one). */
static bool
plain_break_after(unsigned cp)
{
	return cp == '-' || cp == '/' || cp == '_' || cp == '?' || cp == '&' ||
	       cp == '=' || cp == '#' || cp == 0x2010 || cp == 0x2013 ||
	       cp == 0x2014;
}

static void
put_utf8(char *out, size_t *n, unsigned cp)
{
	if (cp < 0x80)
		out[(*n)++] = (char)cp;
	else if (cp < 0x800) {
		out[(*n)++] = (char)(0xC0 | cp >> 6);
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		out[(*n)++] = (char)(0xE0 | cp >> 12);
		out[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/*
 * The hyphenation points of one run of letters: cps[0 .. n) with
 * ends[k] the byte offset in the word after letter k.
 */
static void
hyphenate_run(const struct hyph_pat *d, const unsigned *cps, const size_t *ends,
              size_t n, unsigned char *brk)
{
	char word[4 * MAX_RUN + 1];
	unsigned char pt[4 * MAX_RUN + 1];
	size_t last[MAX_RUN]; /* the byte of `word` ending letter k */
	size_t wl = 0, k;
	bool utf8 = hyph_pat_utf8(d);

	for (k = 0; k < n; k++) {
		unsigned cp = hyph_lower(cps[k]);

		if (utf8)
			put_utf8(word, &wl, cp);
		else if (cp <= 0xFF)
			word[wl++] = (char)cp;
		else
			return; /* not in the patterns' character set */
		last[k] = wl - 1;
	}
	word[wl] = '\0';
	if (!hyph_pat_points(d, word, wl, pt))
		return;
	for (k = LEFT_MIN - 1; k + RIGHT_MIN < n; k++)
		if (pt[last[k]])
			brk[ends[k]] = HY_HYPHEN;
}

static bool
contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

bool
hyph_is_address(const char *s, size_t len)
{
	return contains(s, len, "://") || contains(s, len, "www.") ||
	       memchr(s, '@', len) != NULL;
}

/* hyph_points() with the language's patterns d (NULL: none), on which
 * and the word alone the points depend. */
static void
points(const struct hyph_pat *d, const char *s, size_t len, unsigned char *brk)
{
	unsigned cps[MAX_RUN];
	size_t ends[MAX_RUN];
	size_t off = 0, nrun = 0, prev_off = 0;
	bool caps_inside = false, skip = false;
	unsigned cp, prev = 0;
	int n;

	memset(brk, HY_NONE, len);
	/* An address breaks after "/" and the like, never with a hyphen,
	 * which would read as part of it. */
	if (hyph_is_address(s, len))
		d = NULL;
	while (off <= len) {
		n = off < len ? utf8_decode(s + off, &cp) : 0;
		if (n <= 0 || off + (size_t)n > len) {
			n = 0;
			cp = 0;
		}
		if (n > 0 && hyph_is_letter(cp)) {
			if (nrun > 0 && is_upper(cp))
				caps_inside = true;
			if (nrun == MAX_RUN)
				skip = true;
			else {
				cps[nrun] = cp;
				ends[nrun] = off + (size_t)n;
				nrun++;
			}
		} else {
			/* A run of five letters or more, not an
			 * abbreviation ("BITV") or a name in camel case
			 * ("OParl"): a word to hyphenate. */
			if (d != NULL && nrun >= LEFT_MIN + RIGHT_MIN &&
			    !caps_inside && !skip)
				hyphenate_run(d, cps, ends, nrun, brk);
			nrun = 0;
			caps_inside = skip = false;
		}
		if (n == 0)
			break;
		/* not after a leading "-" ("-3") */
		if (prev_off > 0 && plain_break_after(prev) &&
		    !plain_break_after(cp))
			brk[off] = HY_PLAIN;
		if (off > 0)
			prev_off = off;
		prev = cp;
		off += (size_t)n;
	}
	if (len > 0)
		brk[0] = HY_NONE;
}

void
hyph_points(const struct hyph *h, const char *lang, const char *s, size_t len,
            unsigned char *brk)
{
	points(dict_for(h, lang), s, len, brk);
}

/* -- remembered words -------------------------------------------------- */

/*
 * A report repeats its words (an aspect's name, "Meilenstein", the
 * status words) and hyphenating one walks the patterns from each of
 * its letters: at M the HTML alone asked for 250,000 words' points,
 * few of them different.  A memo is one thread's: the renderers run on
 * two.
 */
#define MEMO_WORD_MAX 255
#define MEMO_MAX      ((size_t)2 << 20)

struct hyph_memo {
	const struct hyph *h;
	struct memo m;
};

struct hyph_memo *
hyph_memo_new(const struct hyph *h)
{
	struct hyph_memo *m;

	if (h == NULL)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->h = h;
	memo_init(&m->m, MEMO_MAX);
	return m;
}

void
hyph_memo_free(struct hyph_memo *m)
{
	if (m == NULL)
		return;
	memo_free(&m->m);
	free(m);
}

void
hyph_memo_points(struct hyph_memo *m, const char *lang, const char *s,
                 size_t len, unsigned char *brk)
{
	const struct hyph_pat *d;
	const void *hit;

	d = m != NULL ? dict_for(m->h, lang) : NULL;
	if (m == NULL || len > MEMO_WORD_MAX) {
		points(d, s, len, brk);
		return;
	}
	if ((hit = memo_get(&m->m, d, s, len)) != NULL) {
		memcpy(brk, hit, len);
		return;
	}
	points(d, s, len, brk);
	memo_put(&m->m, d, s, len, brk, len);
}
