/*
 * hyph_load.h - libhyphen's pattern files read fast (see hyph_load.c).
 */
#ifndef PR_HYPH_LOAD_H
#define PR_HYPH_LOAD_H

#include <stdio.h>

#include <hyphen.h>

/*
 * The dictionary of the pattern file f, as hnj_hyphen_load_file(f)
 * makes it, for libhyphen's hnj_hyphen_hyphenate2(); NULL only after a
 * read error (like libhyphen, it takes any bytes for patterns).
 */
HyphenDict *hyph_dict_read(FILE *f);
/* Releases what hyph_dict_read() made (not hnj_hyphen_free(): the
 * memory is laid out differently). */
void hyph_dict_free(HyphenDict *);

#endif
