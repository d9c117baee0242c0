/*
 * hyph_load.h - libhyphen's pattern files read fast (see hyph_load.c).
 */
#ifndef PR_HYPH_LOAD_H
#define PR_HYPH_LOAD_H

#include <stdio.h>

#include <hyphen.h>

/*
 * The dictionary of the pattern file f, as hnj_hyphen_load_file(f)
 * makes it, but in a few blocks (free it with hyph_dict_free(), not
 * hnj_hyphen_free()); NULL only after a read error (like libhyphen, it
 * takes any bytes for patterns).
 */
HyphenDict *hyph_dict_read(FILE *f);

/* Frees a dictionary of hyph_dict_read() and its second level. */
void hyph_dict_free(HyphenDict *d);

#endif
