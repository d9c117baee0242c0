/*
 * test_hyph_load.c - hyph_dict_read() makes the dictionary libhyphen's
 * hnj_hyphen_load_file() makes: the same states in the same order, with
 * the same matches, replacements, fallbacks and transitions, the same
 * options and the same second level, for Debian's German and English
 * patterns and for small files built to reach each rule of libhyphen's
 * reading (comments, option lines, NOHYPHEN, replacements in ISO 8859-1
 * and UTF-8, NEXTLEVEL, lines longer than its buffer, CR LF, a missing
 * last line end, a NUL byte, a pattern given twice).  The words of each
 * file are then hyphenated with both dictionaries.
 */
#include <hyphen.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include "hyph.h"
#include "hyph_load.h"
#include "unit.h"

static char where[160];

#define SAME(cond)                                                             \
	do {                                                                   \
		unit_checks++;                                                 \
		if (!(cond)) {                                                 \
			unit_failures++;                                       \
			fprintf(stderr, "%s:%d: %s: differs: %s\n", __FILE__,  \
			        __LINE__, where, #cond);                       \
			return false;                                          \
		}                                                              \
	} while (0)

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The NOHYPHEN list: nohyphenl + 1 strings one after another. */
static bool
same_nohyphen(const HyphenDict *a, const HyphenDict *b)
{
	const char *p = a->nohyphen, *q = b->nohyphen;
	int i;

	if (p == NULL || q == NULL)
		return p == q;
	for (i = 0; i <= a->nohyphenl; i++) {
		if (strcmp(p, q) != 0)
			return false;
		p += strlen(p) + 1;
		q += strlen(q) + 1;
	}
	return true;
}

static bool
same_dict(const HyphenDict *a, const HyphenDict *b, int level)
{
	int i, k;

	snprintf(where, sizeof(where), "level %d", level);
	SAME(a->lhmin == b->lhmin && a->rhmin == b->rhmin);
	SAME(a->clhmin == b->clhmin && a->crhmin == b->crhmin);
	SAME(a->nohyphenl == b->nohyphenl);
	SAME(same_nohyphen(a, b));
	SAME(strcmp(a->cset, b->cset) == 0 && a->utf8 == b->utf8);
	SAME(a->num_states == b->num_states);
	for (i = 0; i < a->num_states; i++) {
		const HyphenState *s = &a->states[i], *t = &b->states[i];

		snprintf(where, sizeof(where), "level %d, state %d", level, i);
		SAME(same_str(s->match, t->match));
		SAME(same_str(s->repl, t->repl));
		/* libhyphen sets these only with a match */
		if (s->match != NULL)
			SAME(s->replindex == t->replindex &&
			     s->replcut == t->replcut);
		SAME(s->fallback_state == t->fallback_state);
		SAME(s->num_trans == t->num_trans);
		for (k = 0; k < s->num_trans; k++)
			SAME(s->trans[k].ch == t->trans[k].ch &&
			     s->trans[k].new_state == t->trans[k].new_state);
	}
	snprintf(where, sizeof(where), "level %d", level);
	SAME((a->nextlevel == NULL) == (b->nextlevel == NULL));
	/* The second level of a file without NEXTLEVEL points back at the
	 * first; the first has none. */
	if (a->nextlevel != NULL && level == 0)
		return same_dict(a->nextlevel, b->nextlevel, 1);
	return true;
}

/* Both dictionaries hyphenate `word` alike. */
static bool
same_points(HyphenDict *a, HyphenDict *b, const char *word)
{
	int n = (int)strlen(word), i;
	char *ha = xcalloc((size_t)n + 5, 1), *hb = xcalloc((size_t)n + 5, 1);
	char **ra = NULL, **rb = NULL;
	int *pa = NULL, *pb = NULL, *ca = NULL, *cb = NULL;
	bool same;

	hnj_hyphen_hyphenate2(a, word, n, ha, NULL, &ra, &pa, &ca);
	hnj_hyphen_hyphenate2(b, word, n, hb, NULL, &rb, &pb, &cb);
	same = memcmp(ha, hb, (size_t)n) == 0 && (ra == NULL) == (rb == NULL);
	for (i = 0; same && ra != NULL && i < n; i++)
		same =
		    same_str(ra[i], rb[i]) && pa[i] == pb[i] && ca[i] == cb[i];
	for (i = 0; i < n; i++) {
		if (ra != NULL)
			free(ra[i]);
		if (rb != NULL)
			free(rb[i]);
	}
	free(ra);
	free(rb);
	free(pa);
	free(pb);
	free(ca);
	free(cb);
	free(ha);
	free(hb);
	if (!same)
		fprintf(stderr, "%s: \"%s\" is hyphenated differently\n", where,
		        word);
	return same;
}

/* The letters of each pattern line, dots and digits left out: words
 * the patterns speak about. */
static int
hyphenate_words(HyphenDict *a, HyphenDict *b, const char *text, size_t len,
                int every)
{
	size_t i = 0;
	int line = 0, bad = 0;

	while (i < len) {
		char word[MAX_CHARS];
		size_t n = 0;

		for (; i < len && text[i] != '\n'; i++)
			if ((unsigned char)text[i] > ' ' && text[i] != '.' &&
			    (text[i] < '0' || text[i] > '9') &&
			    text[i] != '/' && n < sizeof(word) - 1)
				word[n++] = text[i];
		word[n] = '\0';
		i++;
		if (n > 0 && line++ % every == 0 && !same_points(a, b, word))
			bad++;
	}
	return bad;
}

static void
compare(const char *name, const char *text, size_t len, int every)
{
	FILE *f = fmemopen((void *)text, len, "r");
	FILE *g = fmemopen((void *)text, len, "r");
	HyphenDict *a, *b;

	if (f == NULL || g == NULL) {
		CHECK(!"fmemopen");
		return;
	}
	/* libhyphen's reader loses the strings of a pattern given twice
	 * (Debian's German file has some): not ours to find. */
#if defined(__SANITIZE_ADDRESS__)
	__lsan_disable();
#endif
	a = hnj_hyphen_load_file(f);
#if defined(__SANITIZE_ADDRESS__)
	__lsan_enable();
#endif
	b = hyph_dict_read(g);
	fclose(f);
	fclose(g);
	CHECK(a != NULL && b != NULL);
	if (a != NULL && b != NULL) {
		if (!same_dict(a, b, 0))
			fprintf(stderr, "  in %s\n", name);
		unit_checks++;
		if (hyphenate_words(a, b, text, len, every) != 0) {
			unit_failures++;
			fprintf(stderr, "  in %s\n", name);
		}
	}
	if (a != NULL)
		hnj_hyphen_free(a);
	if (b != NULL)
		hyph_dict_free(b);
}

#define COMPARE(name, lit) compare(name, lit, sizeof(lit) - 1, 1)

static void
compare_file(const char *path, int every)
{
	size_t len;
	char *text = unit_slurp(path, &len);

	if (text == NULL) {
		fprintf(stderr,
		        "%s: cannot be read (hyphen-de and "
		        "hyphen-en-us are build dependencies)\n",
		        path);
		CHECK(text != NULL);
		return;
	}
	compare(path, text, len, every);
	free(text);
}

int
main(void)
{
	/* Options, comments ("%" only: "#" lines are patterns to libhyphen),
	 * a blank line and a digits-only line (the empty word), a pattern
	 * given twice, a prefix given after its longer pattern, Latin-1
	 * letters; no NEXTLEVEL: libhyphen's default first level. */
	COMPARE("latin1", "ISO8859-1\n"
	                  "LEFTHYPHENMIN 2\n"
	                  "RIGHTHYPHENMIN 3\n"
	                  "% a comment\n"
	                  "# a hash line\n"
	                  "\n"
	                  "12\n"
	                  ".ab3s\n"
	                  "a1b\n"
	                  "b1c\n"
	                  "1ba\n"
	                  "ab1c2d\n"
	                  "ab1c3d\n"
	                  "ab\n"
	                  "\xfc"
	                  "1ber\n"
	                  "gr\xfc\xdf"
	                  "1e\n"
	                  "4\xe4"
	                  "3\n"
	                  "schiff1fahrt\n");
	/* NEXTLEVEL: compounds first, then patterns; the compound options,
	 * NOHYPHEN given twice; replacements with and without positions,
	 * in UTF-8 with letters of two and three bytes; CR LF line ends;
	 * a second NEXTLEVEL ends the file for libhyphen; a last line
	 * without its end. */
	COMPARE("utf8 levels", "UTF-8\r\n"
	                       "COMPOUNDLEFTHYPHENMIN 3\r\n"
	                       "COMPOUNDRIGHTHYPHENMIN 4\n"
	                       "NOHYPHEN x\n"
	                       "NOHYPHEN -,',\xe2\x80\x93\n"
	                       "schiff1fahrt\n"
	                       "1fahrt\n"
	                       "NEXTLEVEL\n"
	                       "LEFTHYPHENMIN 1\n"
	                       "schif1fahrt/ff=f,5,2\n"
	                       "c1k/k=k\n"
	                       ".za1ck/ck=k\n"
	                       "f\xc3\xbc\xc3\x9f"
	                       "1e/\xc3\x9f=ss,2,2\n"
	                       "a1\xe2\x80\x93"
	                       "b/x=y,1\n"
	                       "\xc3\xa4"
	                       "1b\r\n"
	                       "NEXTLEVEL\n"
	                       "zz1zz\n"
	                       "x1y");
	/* Lines longer than libhyphen's 100-byte buffer are read in pieces
	 * of 99; a first line longer than its 20-byte character set name;
	 * a NUL byte ends a line's text. */
	COMPARE(
	    "long lines",
	    "ISO8859-1 and more words\n"
	    "a1b2c3d4e5f6g7h8i9j1k2l3m4n5o6p7q8r9s1t2u3v4w5x6y7z8a9b1c2d3e4f5"
	    "g6h7i8j9k1l2m3n4o5p6q7r8s9t1u2v3w4x5y6z7a8b9c1d2e3f4g5\n"
	    "%a comment longer than the buffer: a b c d e f g h i j k l m n "
	    "o p q r s t u v w x y z a b c d e f g h i j k l m n o p\n"
	    "ab\0cd1e\n"
	    "p1q\n");
	COMPARE("empty", "");
	COMPARE("charset only", "UTF-8");

	/* Debian's patterns: every 7th German line and every English one
	 * hyphenated with both. */
	compare_file(HYPH_DIR "/hyph_de_DE.dic", 7);
	compare_file(HYPH_DIR "/hyph_en_US.dic", 1);
	return unit_done("test_hyph_load");
}
