/*
 * hyph_pat.h - libhyphen's pattern files, read into a compact trie of
 * our own, and the hyphenation points libhyphen 2.8.8's
 * hnj_hyphen_hyphenate2() finds with them (see hyph_pat.c).
 */
#ifndef PR_HYPH_PAT_H
#define PR_HYPH_PAT_H

#include <stdbool.h>
#include <stddef.h>

struct hyph_pat;

/* Longest word hyph_pat_points() hyphenates, in bytes. */
#define HYPH_PAT_MAX_WORD 200

/*
 * The patterns of the file's bytes text[0 .. len) (libhyphen's format:
 * the character set's name, then pattern and option lines, NEXTLEVEL
 * between the compound level and the patterns).  Like libhyphen, any
 * bytes are taken for patterns; never NULL.
 */
struct hyph_pat *hyph_pat_read(const char *text, size_t len);
void hyph_pat_free(struct hyph_pat *);

/* Whether the patterns are in UTF-8 (else one byte a letter). */
bool hyph_pat_utf8(const struct hyph_pat *);

/*
 * Where hnj_hyphen_hyphenate2() would put a hyphen into the word
 * w[0 .. len) (in the patterns' character set, as matched: lower case):
 * pt[i] is 1 after byte i if its value is odd and no replacement ("ff"
 * for "f-f") comes with it, else 0.  In UTF-8, a character's point is
 * at its last byte.  False (pt untouched) where libhyphen returns an
 * error or the word is longer than HYPH_PAT_MAX_WORD.
 */
bool hyph_pat_points(const struct hyph_pat *, const char *w, size_t len,
                     unsigned char *pt);

#endif
