/*
 * suggest.c - "did you mean": the nearest allowed word to a misspelt
 * one, and the one wording that offers it.
 */
#include "suggest.h"

#include <string.h>

#include "i18n.h"

/*
 * Optimal string alignment distance: insertions, deletions,
 * substitutions and swaps of neighbours ("titel") cost one each; case
 * differences are free of charge only in that they count as one.
 * Doubled, with one added when the lengths differ, so that of two
 * equally near candidates the one of the same length wins ("01x" is
 * nearer "01a" than "01").
 */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t r0[65], r1[65], r2[65], *pp = r0, *p = r1, *c = r2, *t;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		p[j] = j;
	for (i = 1; i <= la; i++) {
		c[0] = i;
		for (j = 1; j <= lb; j++) {
			int ca = (unsigned char)a[i - 1];
			int cb = (unsigned char)b[j - 1];
			size_t best;

			if (ca >= 'A' && ca <= 'Z')
				ca += 'a' - 'A';
			if (cb >= 'A' && cb <= 'Z')
				cb += 'a' - 'A';
			best = p[j - 1] + (ca != cb);
			if (p[j] + 1 < best)
				best = p[j] + 1;
			if (c[j - 1] + 1 < best)
				best = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			c[j] = best;
		}
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb] * 2 + (la != lb);
}

/* Close enough to be a likely typo: a third of the word may be wrong,
 * at least one character. */
static size_t
typo_limit(const char *word)
{
	size_t limit = strlen(word) / 3;

	return (limit < 1 ? 1 : limit) * 2 + 1;
}

const char *
suggest(const char *word, const char *const *cands, size_t n)
{
	size_t i, best = (size_t)-1, d, limit = typo_limit(word);
	const char *found = NULL;

	for (i = 0; i < n; i++) {
		d = edit_distance(word, cands[i]);
		if (d <= limit && d < best) {
			best = d;
			found = cands[i];
		}
	}
	return found;
}

void
did_you_mean(struct buf *b, const char *word, const char *const *cands,
             size_t n)
{
	const char *near = suggest(word, cands, n);

	if (near != NULL)
		buf_printf(b, _("; did you mean \"%s\"?"), near);
	if (n == 0 || n > SUGGEST_LIST_MAX)
		return;
	buf_puts(b, near != NULL ? _(" allowed are ") : _("; allowed are "));
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", cands[i]);
}
