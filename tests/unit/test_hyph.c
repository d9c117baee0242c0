/*
 * test_hyph.c - hyph_pat_points() finds the hyphenation points that
 * libhyphen 2.8.8's hnj_hyphen_hyphenate2() finds, as hyph.c asks for
 * them (a point is an odd value without a replacement), on libhyphen's
 * own reading of the same file:
 *
 * - for Debian's German and English patterns: every pattern line's
 *   letters as a word, every word of the sample's expected text and
 *   HTML (as hyph.c hands words over: a run of letters, lower case, in
 *   the patterns' character set), words made of two and three German
 *   compound patterns (the compound level's recursion), and hostile
 *   words: umlauts and ß, 96-letter compounds, single letters, digits
 *   among the letters, letters outside Latin-1;
 * - small files built to reach each rule of libhyphen's reading and
 *   matching (comments, option lines, NOHYPHEN, replacements in ISO
 *   8859-1 and UTF-8, NEXTLEVEL, lines longer than its buffer, CR LF,
 *   a missing last line end, a NUL byte, a pattern given twice).
 */
#include <hyphen.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include "hyph.h"
#include "hyph_pat.h"
#include "unit.h"

static const char *where;
static int shown;
/* words compared, and those libhyphen finds a point in */
static long words, pointed;

/* libhyphen's points as hyph_pat_points() gives them: at a character's
 * last byte (hnj_hyphen_hyphenate2() counts characters in UTF-8). */
static bool
ref_points(HyphenDict *d, const char *w, size_t n, unsigned char *pt)
{
	char *hy = xcalloc(n + 5, 1);
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t i, ch = 0;
	bool ok;

	ok = hnj_hyphen_hyphenate2(d, w, (int)n, hy, NULL, &rep, &pos, &cut) ==
	     0;
	for (i = 0; ok && i < n; i++) {
		bool last = !d->utf8 || i + 1 == n ||
		            ((unsigned char)w[i + 1] >> 6) != 2;

		pt[i] = 0;
		if (!last)
			continue;
		pt[i] = (hy[ch] & 1) && (rep == NULL || rep[ch] == NULL);
		ch++;
	}
	if (rep != NULL) {
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	free(hy);
	return ok;
}

/* Both find the same points in w[0 .. n); 1 if not. */
static int
same(HyphenDict *a, const struct hyph_pat *b, const char *w, size_t n)
{
	unsigned char pa[HYPH_PAT_MAX_WORD + 1], pb[HYPH_PAT_MAX_WORD + 1];
	bool oa, ob;

	char z[100];

	if (n == 0 || n > 99 || memchr(w, '\0', n) != NULL)
		return 0;
	/* libhyphen looks for NOHYPHEN's strings up to a NUL */
	memcpy(z, w, n);
	z[n] = '\0';
	w = z;
	oa = ref_points(a, w, n, pa);
	ob = hyph_pat_points(b, w, n, pb);
	words++;
	if (oa && memchr(pa, 1, n) != NULL)
		pointed++;
	if (oa == ob && (!oa || memcmp(pa, pb, n) == 0))
		return 0;
	if (shown++ < 10) {
		size_t i;

		fprintf(stderr, "%s: \"%.*s\": libhyphen ", where, (int)n, w);
		for (i = 0; oa && i < n; i++)
			fputc(pa[i] ? '1' : '0', stderr);
		fprintf(stderr, "%s, ours ", oa ? "" : "(error)");
		for (i = 0; ob && i < n; i++)
			fputc(pb[i] ? '1' : '0', stderr);
		fprintf(stderr, "%s\n", ob ? "" : "(error)");
	}
	return 1;
}

/* The letters of each pattern line, dots, digits and "/" left out:
 * words the patterns speak about. */
static int
pattern_words(HyphenDict *a, const struct hyph_pat *b, const char *text,
              size_t len)
{
	size_t i = 0;
	int bad = 0;

	while (i < len) {
		char word[100];
		size_t n = 0;

		for (; i < len && text[i] != '\n'; i++)
			if ((unsigned char)text[i] > ' ' && text[i] != '.' &&
			    (text[i] < '0' || text[i] > '9') &&
			    text[i] != '/' && n < sizeof(word) - 1)
				word[n++] = text[i];
		i++;
		bad += same(a, b, word, n);
	}
	return bad;
}

static int
text_words(HyphenDict *a, const struct hyph_pat *b, const char *s, size_t len)
{
	char w[200];
	size_t off = 0, n = 0;
	bool skip = false;
	int bad = 0, k;
	unsigned cp;

	while (off <= len) {
		k = off < len ? utf8_decode(s + off, &cp) : 0;
		if (k <= 0 || off + (size_t)k > len)
			k = 0;
		if (k > 0 && hyph_is_letter(cp)) {
			cp = hyph_lower(cp);
			if (a->utf8 && n + 2 < sizeof(w)) {
				if (cp < 0x80)
					w[n++] = (char)cp;
				else {
					w[n++] = (char)(0xC0 | cp >> 6);
					w[n++] = (char)(0x80 | (cp & 0x3F));
				}
			} else if (!a->utf8 && cp <= 0xFF && n + 1 < sizeof(w))
				w[n++] = (char)cp;
			else
				skip = true;
		} else {
			if (!skip)
				bad += same(a, b, w, n);
			n = 0;
			skip = false;
		}
		if (k == 0)
			k = 1;
		off += (size_t)k;
	}
	return bad;
}

/* Two or three random pattern words run together: compounds of
 * compounds, for the first level's recursion. */
static int
compound_words(HyphenDict *a, const struct hyph_pat *b, const char *text,
               size_t len, int count)
{
	const char **line = xmalloc(len / 2 * sizeof(*line) + sizeof(*line));
	size_t nl = 0, i;
	unsigned seed = 12345;
	int bad = 0, c;

	for (i = 0; i < len; i++)
		if (i == 0 || text[i - 1] == '\n')
			line[nl++] = text + i;
	for (c = 0; nl > 0 && c < count; c++) {
		char w[100];
		size_t n = 0;
		int parts = 2 + c % 2, p;

		for (p = 0; p < parts; p++) {
			const char *t;

			seed = seed * 1103515245u + 12345u;
			t = line[(seed >> 8) % nl];
			for (; *t != '\n' && t < text + len; t++)
				if ((unsigned char)*t > ' ' && *t != '.' &&
				    (*t < '0' || *t > '9') && *t != '/' &&
				    *t != '%' && n < 90)
					w[n++] = *t;
		}
		bad += same(a, b, w, n);
	}
	free(line);
	return bad;
}

/* Words no pattern file has in mind, in the file's character set. */
static int
hostile_words(HyphenDict *a, const struct hyph_pat *b)
{
	static const char *const latin1[] = {"a",
	                                     "ab",
	                                     "abc",
	                                     "\xe4",
	                                     "\xdf",
	                                     "stra\xdf"
	                                     "e",
	                                     "m\xfcller",
	                                     "\xe4\xf6\xfc\xdf\xe4\xf6\xfc",
	                                     "gr\xf6\xdf"
	                                     "enordnung",
	                                     "abc1def",
	                                     "1abc",
	                                     "abc1",
	                                     "12345",
	                                     "a1b2c3d4e5",
	                                     "x",
	                                     "zzzzzzzzzz",
	                                     "\xff\xfe\xc0\xc1",
	                                     "\xc5\x82\xc3\xb3"
	                                     "d\xc5\xba",
	                                     "schiffahrt",
	                                     "schifffahrt"};
	static const char *const utf8[] = {"a",
	                                   "ab",
	                                   "\xc3\xa4",
	                                   "\xc3\x9f",
	                                   "stra\xc3\x9f"
	                                   "e",
	                                   "m\xc3\xbcller",
	                                   "na\xc3\xafvet\xc3\xa9",
	                                   "caf\xc3\xa9",
	                                   "\xc5\x82\xc3\xb3"
	                                   "d\xc5\xba",
	                                   "\xc5\x93uvre",
	                                   "abc1def",
	                                   "1abc",
	                                   "hyphenation",
	                                   "\xe2\x80\x93"
	                                   "dash",
	                                   "it\xe2\x80\x99s",
	                                   "co-operate",
	                                   "don't",
	                                   "\xef\xac\x83"
	                                   "ce",
	                                   "\xa4"
	                                   "bad"};
	const char *const *v = a->utf8 ? utf8 : latin1;
	size_t n = a->utf8 ? sizeof(utf8) / sizeof(utf8[0])
	                   : sizeof(latin1) / sizeof(latin1[0]);
	static const char *const stems[] = {"donau",
	                                    "dampf",
	                                    "schiff",
	                                    "fahrt",
	                                    "gesellschaft",
	                                    "kapit\xe4n",
	                                    "m\xfctzen",
	                                    "abteilung",
	                                    "haupt",
	                                    "bahnhof",
	                                    "stra\xdf"
	                                    "e",
	                                    "digitalisierung",
	                                    "verwaltung",
	                                    "leistung"};
	char w[100];
	int bad = 0, r;
	size_t i;

	for (i = 0; i < n; i++)
		bad += same(a, b, v[i], strlen(v[i]));
	/* long compounds up to 96 letters, and every prefix of one */
	for (r = 0; r < 200; r++) {
		size_t k = 0, s = (size_t)r;

		while (k < 96) {
			const char *t =
			    stems[s++ % (sizeof(stems) / sizeof(stems[0]))];

			for (; *t != '\0' && k < 96; t++)
				w[k++] = *t;
			s = s * 7 + 3;
		}
		bad += same(a, b, w, 96);
		bad += same(a, b, w, (size_t)(5 + r % 90));
	}
	return bad;
}

static void
compare(const char *name, const char *text, size_t len, bool debian)
{
	FILE *f = fmemopen((void *)text, len, "r");
	HyphenDict *a;
	struct hyph_pat *b;
	int bad;

	if (f == NULL) {
		CHECK(!"fmemopen");
		return;
	}
	where = name;
	shown = 0;
	/* libhyphen's reader loses the strings of a pattern given twice
	 * (Debian's German file has some): not ours to find. */
#if defined(__SANITIZE_ADDRESS__)
	__lsan_disable();
#endif
	a = hnj_hyphen_load_file(f);
#if defined(__SANITIZE_ADDRESS__)
	__lsan_enable();
#endif
	fclose(f);
	b = hyph_pat_read(text, len);
	CHECK(a != NULL && b != NULL);
	if (a == NULL || b == NULL)
		return;
	CHECK(hyph_pat_utf8(b) == (a->utf8 != 0));
	bad = pattern_words(a, b, text, len) + hostile_words(a, b);
	if (debian) {
		static const char *const samples[] = {
		    "tests/expected/sample-de.txt",
		    "tests/expected/sample-en.txt",
		    "tests/expected/sample-de.html",
		    "tests/expected/sample-en.html"};
		size_t i, n;

		for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
			char *s = unit_slurp(samples[i], &n);

			CHECK(s != NULL);
			if (s != NULL)
				bad += text_words(a, b, s, n);
			free(s);
		}
		bad += compound_words(a, b, text, len, 40000);
	}
	fprintf(stderr, "%s: %ld words, %ld with points\n", name, words,
	        pointed);
	/* a comparison that finds no points would prove nothing */
	CHECK(!debian || pointed > words / 4);
	words = pointed = 0;
	unit_checks++;
	if (bad != 0) {
		unit_failures++;
		fprintf(stderr, "  %d words hyphenated differently in %s\n",
		        bad, name);
	}
	hnj_hyphen_free(a);
	hyph_pat_free(b);
}

#define COMPARE(name, lit) compare(name, lit, sizeof(lit) - 1, false)

static void
compare_file(const char *path)
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
	compare(path, text, len, true);
	free(text);
}

/* hyph_points() maps a UTF-8 pattern file's points to the word's bytes:
 * with the English patterns, "Übersetzungen" breaks as "Über-set-zun-
 * gen" (read at byte offsets from libhyphen's character-indexed
 * result, it had been "Übe-rse-tzu-ngen"). */
static void
utf8_word_points(void)
{
	struct hyph *h = hyph_new(HYPH_DIR);
	const char *w = "\xc3\x9c"
	                "bersetzungen";
	unsigned char brk[32];
	size_t i, n = strlen(w);
	char got[64];
	size_t k = 0;

	hyph_preload(h, "en");
	hyph_points(h, "en", w, n, brk);
	for (i = 0; i < n; i++) {
		if (brk[i] == HY_HYPHEN)
			got[k++] = '-';
		got[k++] = w[i];
	}
	got[k] = '\0';
	CHECK_STR(got, "\xc3\x9c"
	               "ber-set-zun-gen");
	hyph_free(h);
}

/*
 * hyph_memo_points() gives what hyph_points() gives: for a word asked
 * again, the same word in another language (the memo keys on the
 * patterns), addresses, and after the memo has been emptied (90,000
 * different words are more than its 2 MiB of text).
 */
static void
memo_points(void)
{
	static const char *const langs[] = {"de", "en", "de-CH", NULL, "fr"};
	static const char *const fixed[] = {"Digitalisierungsstrategie",
	                                    "Verwaltungsdigitalisierung",
	                                    "Informationssicherheit",
	                                    "www.example-stadtverwaltung.de",
	                                    "\xc3\x9c"
	                                    "bersetzungen",
	                                    "Stra\xc3\x9f"
	                                    "enbahnhaltestelle",
	                                    "Schifffahrtsgesellschaft",
	                                    "2026-Fortschrittsbericht",
	                                    "Meilenstein/Indikator"};
	static const char *const syl[] = {
	    "ver", "wal",  "tung", "di", "gi",   "ta",   "li",
	    "sie", "rung", "stra", "te", "gie",  "pro",  "zess",
	    "ein", "füh",  "rung", "ar", "beit", "platz"};
	struct hyph *h = hyph_new(HYPH_DIR);
	struct hyph_memo *m = hyph_memo_new(h);
	unsigned char want[256], got[256];
	char w[256];
	unsigned long x = 12345;
	int round, i, k, bad = 0;

	hyph_preload(h, "de");
	hyph_preload(h, "en");
	CHECK(hyph_memo_new(NULL) == NULL);
	for (round = 0; round < 3; round++)
		for (i = 0; i < 90000 + 9; i++) {
			size_t n = 0;
			const char *lang = langs[i % 5];

			if (i < 9)
				n = strlen(strcpy(w, fixed[i]));
			else {
				/* the same words each round */
				x = round == 0 && i == 9 ? 12345 : x;
				for (k = 0; k < 3 + (int)(x % 5); k++) {
					x = x * 6364136223846793005UL +
					    1442695040888963407UL;
					n += (size_t)sprintf(
					    w + n, "%s", syl[(x >> 33) % 20]);
				}
				if (x % 7 == 0)
					w[0] = 'D';
			}
			hyph_points(h, lang, w, n, want);
			hyph_memo_points(m, lang, w, n, got);
			if (memcmp(want, got, n) != 0 && bad++ < 5)
				fprintf(stderr, "memo: %s (%s) differs\n", w,
				        lang ? lang : "none");
			/* asked again at once: from the memo */
			hyph_memo_points(m, lang, w, n, got);
			if (memcmp(want, got, n) != 0 && bad++ < 5)
				fprintf(stderr, "memo: %s (%s) differs again\n",
				        w, lang ? lang : "none");
		}
	CHECK(bad == 0);
	hyph_memo_points(NULL, "de", "Meilensteine", 12, got);
	CHECK(memchr(got, HY_HYPHEN, 12) == NULL);
	hyph_memo_free(m);
	hyph_free(h);
}

int
main(void)
{
	utf8_word_points();
	memo_points();
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
	/* A replacement on the compound level: the first part is
	 * hyphenated with the replacement's letters ("schiff" of
	 * "schiffahrt"). */
	COMPARE("compound replacement", "ISO8859-1\n"
	                                "COMPOUNDLEFTHYPHENMIN 2\n"
	                                "COMPOUNDRIGHTHYPHENMIN 2\n"
	                                "schif1fahrt/ff=f,5,2\n"
	                                "bahn1hof\n"
	                                "haupt1bahn\n"
	                                "NEXTLEVEL\n"
	                                "a1b\n"
	                                "f1f\n"
	                                "1fa\n"
	                                "h1r\n"
	                                "u1p\n"
	                                "n1h\n");
	COMPARE("empty", "");
	COMPARE("charset only", "UTF-8");

	compare_file(HYPH_DIR "/hyph_de_DE.dic");
	compare_file(HYPH_DIR "/hyph_en_US.dic");
	return unit_done("test_hyph");
}
