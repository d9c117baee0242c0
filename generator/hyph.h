/*
 * hyph.h - where a word may break: hyphenation points from libhyphen's
 * patterns (those of Debian's hyphen-de and hyphen-en-us, the ones
 * LibreOffice uses), matched as libhyphen matches them (hyph_pat.c),
 * and the places a URL or an id may break without a hyphen.  Both
 * renderers ask it: the PDF's line breaking draws a hyphen at a point,
 * the HTML writes a soft hyphen there.
 *
 * The patterns of the languages a document uses are loaded once,
 * before the renderers' threads start, and only read after that (the
 * matcher keeps its state on the stack), so both threads share them.
 */
#ifndef PR_HYPHEN_H
#define PR_HYPHEN_H

#include <stdbool.h>
#include <stddef.h>

#include "doctree.h"

struct hyph;

/* Where Debian installs the patterns. */
#define HYPH_DIR "/usr/share/hyphen"

/*
 * An empty set of patterns, read from `dir` (NULL: the environment's
 * PROGRESS_REPORT_HYPHEN, else HYPH_DIR) as languages are added.
 */
struct hyph *hyph_new(const char *dir);
/*
 * Loads the patterns of `lang` quietly (main.c has them read on a
 * thread while the inputs become a document); what fails here is
 * reported by hyph_load_doc().
 */
void hyph_preload(struct hyph *, const char *lang);
/*
 * Loads what is still missing for the report's language and every
 * language marked in the tree.  A language with patterns in Debian
 * (German, English) whose file is missing is an error naming the
 * package; other languages are simply not hyphenated.  False after a
 * message.
 */
bool hyph_load_doc(struct hyph *, const struct pr_doc *);
void hyph_free(struct hyph *);

/* What may happen after byte i of a word (brk[i] for 0 < i < len). */
enum {
	HY_NONE = 0, /* no break */
	HY_HYPHEN,   /* a hyphenation point: a hyphen is added */
	HY_PLAIN     /* after "-", "/" and the like: nothing is added */
};

/*
 * Fills brk[0 .. len) for the word s (UTF-8, no spaces) in language
 * `lang` (BCP 47; NULL or a language without patterns: no hyphenation
 * points, only plain breaks).  Hyphenation points leave at least two
 * letters before and three after them, and fall only inside runs of
 * letters; h may be NULL (no patterns at all).
 */
/* Whether the word is an address (a URL, "www.", an e-mail address),
 * which hyph_points() breaks only after "/" and the like. */
bool hyph_is_address(const char *s, size_t len);

/* A letter of the Latin scripts up to U+024F (what a hyphenated run is
 * made of), and its lower case as the patterns have it. */
bool hyph_is_letter(unsigned cp);
unsigned hyph_lower(unsigned cp);

void hyph_points(const struct hyph *, const char *lang, const char *s,
                 size_t len, unsigned char *brk);

/*
 * hyph_points() for one thread, which remembers the words it was asked
 * for: a report asks for the same words again and again.  A memo of a
 * NULL hyph is NULL, and hyph_memo_points() on NULL finds no points
 * (only plain breaks).
 */
struct hyph_memo;

struct hyph_memo *hyph_memo_new(const struct hyph *);
void hyph_memo_points(struct hyph_memo *, const char *lang, const char *s,
                      size_t len, unsigned char *brk);
void hyph_memo_free(struct hyph_memo *);

#endif
