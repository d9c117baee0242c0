/*
 * hyph_pat.c - libhyphen's pattern files in a compact trie of our own,
 * and libhyphen 2.8.8's matching on it (see hyph_pat.h).
 *
 * libhyphen keeps a pattern file as an automaton of 40-byte states with
 * a list of transitions each: Debian's German patterns (69,000
 * compounds over the TeX patterns) made 292,000 states and 14 MB, and
 * took up to 0.1 s to build.  Here a level is a trie in breadth-first
 * order, a node's children next to each other and sorted by byte: a
 * byte of label and a 32-bit first child per node, a bit marking the
 * patterns (their rank numbers their values), the values' digits in
 * one block: 2.4 MB for the German patterns, read in about 11 ms.  The
 * patterns are sorted by a radix sort and the trie is laid out a depth
 * at a time from the sorted list, without the automaton's fallback
 * states.
 *
 * The points must be libhyphen's exactly (tests/unit/test_hyph.c
 * compares both on Debian's patterns and a corpus), including what is
 * not Liang's algorithm: libhyphen's automaton applies, at each letter,
 * only the pattern of the longest suffix of the word so far that is a
 * prefix of some pattern (the state it is in), not every pattern ending
 * there.  run() finds that suffix by walking the trie from each start
 * position.  The rest follows hnj_hyphen_hyphenate2(): the word between
 * dots, the first level's points as compound boundaries and each part
 * hyphenated again (or, with none, the second level on the whole word),
 * the left and right minimums, NOHYPHEN, and the replacements
 * ("schif1fahrt/ff=f,5,2"), whose points the caller drops.  The file is
 * read as libhyphen reads it: in pieces of at most 99 bytes (fgets()
 * with its 100-byte buffer), "%" lines skipped, "#" lines taken for
 * patterns, a pattern given twice keeping its last values.  Where
 * libhyphen reads or writes outside its buffers or loops without end
 * (hostile files only: a value before the first dot, a replacement's
 * position outside the word or a length below 1, more NOHYPHEN entries
 * counted than given or an empty one, replacements that make a compound
 * part grow, parts within parts deeper than MAX_DEPTH), this code stays
 * inside its own and does not follow it.  Words longer than
 * HYPH_PAT_MAX_WORD bytes (hyph.c hands over at most 192) are not
 * hyphenated.
 */
#include "hyph_pat.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define LINE_BUF  100 /* libhyphen's MAX_CHARS: fgets() reads 99 bytes */
#define NAME_BUF  20  /* MAX_NAME: the character set's line */
#define MAX_DEPTH 32  /* compound parts within parts */
#define WBUF      (HYPH_PAT_MAX_WORD + 3)

/* A pattern's replacement ("ff=f" at index, cut bytes). */
struct repl {
	uint32_t rank; /* the pattern's number */
	uint32_t s;    /* offset in the level's rstr */
	signed char index, cut;
};

struct level {
	uint32_t n;       /* nodes; node 0 is the root */
	uint8_t *label;   /* the byte leading to each node */
	uint32_t *child;  /* node v's children: child[v] .. child[v + 1] */
	uint64_t *pat;    /* bit v: node v's string is a pattern */
	uint32_t *rank;   /* patterns before node 64 k */
	uint32_t *moff;   /* pattern k's values: vals[moff[k] .. moff[k+1]) */
	char *vals;       /* digits, leading zeros left out as libhyphen does */
	struct repl *rep; /* by rank */
	size_t nrep;
	char *rstr;
	uint32_t root[256]; /* the root's child through a byte, 0: none */
	signed char lhmin, rhmin, clhmin, crhmin;
	char *nohyphen; /* strings one after another */
	size_t nohyphen_len;
	int nohyphenl; /* as libhyphen counts them: commas of all lines */
	const struct level *next;
};

struct hyph_pat {
	bool utf8;
	struct level lv[2];
	const struct level *top;
};

/* A pattern while a level is read. */
struct rec {
	uint32_t w, m; /* offsets in the builder's words and digits */
	uint8_t wlen, mlen;
	int32_t rep; /* index in the builder's replacements, or -1 */
};

struct builder {
	struct level *l;
	bool utf8;
	struct rec *r;
	size_t n, cap;
	struct buf words, digits, rstr;
	struct repl *rep; /* rank: the index of the rec */
	size_t nrep, repcap;
};

static int
num(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* NOHYPHEN a,b: the list, its last byte (the line end) taken off, split
 * at commas; libhyphen adds the commas to its count at each line. */
static void
read_nohyphen(struct level *l, const char *rest)
{
	size_t k;

	while (*rest == ' ' || *rest == '\t')
		rest++;
	free(l->nohyphen);
	l->nohyphen = xstrdup(rest);
	k = strlen(rest);
	l->nohyphen_len = k;
	if (k == 0)
		return;
	l->nohyphen[k - 1] = '\0';
	for (k = k - 1; k-- > 1;)
		if (l->nohyphen[k] == ',') {
			l->nohyphenl++;
			l->nohyphen[k] = '\0';
		}
}

/* In UTF-8, a replacement's position and length in characters become
 * bytes, as libhyphen converts them. */
static void
repl_bytes(const char *word, signed char *index, signed char *cut)
{
	size_t pc = word[0] == '.' ? 1 : 0, wl = strlen(word);
	int pu = -1, ps = -1;

	for (; pc < wl + 1; pc++) {
		if ((unsigned char)word[pc] >> 6 != 2)
			pu++;
		if (ps < 0 && *index == pu) {
			ps = *index;
			*index = (signed char)pc;
		}
		if (ps >= 0 && pu - ps == *cut) {
			*cut = (signed char)(pc - (size_t)*index);
			break;
		}
	}
	if (word[0] == '.')
		(*index)--;
}

static const struct {
	const char *name;
	size_t off;
} options[] = {
    {"LEFTHYPHENMIN", offsetof(struct level, lhmin)},
    {"RIGHTHYPHENMIN", offsetof(struct level, rhmin)},
    {"COMPOUNDLEFTHYPHENMIN", offsetof(struct level, clhmin)},
    {"COMPOUNDRIGHTHYPHENMIN", offsetof(struct level, crhmin)},
};

/* One line (or 99-byte piece) of a level, as hnj_hyphen_load_line()
 * reads it; buf is changed. */
static void
read_line(struct builder *b, char *buf)
{
	char word[LINE_BUF + 2], pattern[LINE_BUF + 3];
	char *slash, *repl = NULL;
	signed char index = 0, cut = 0;
	size_t k;
	int i, j = 0;
	struct rec *r;

	/* (the first letter first: most lines are patterns) */
	for (k = 0; buf[0] != '\0' && strchr("LRC", buf[0]) != NULL &&
	            k < sizeof(options) / sizeof(options[0]);
	     k++)
		if (strncmp(buf, options[k].name, strlen(options[k].name)) ==
		    0) {
			*((signed char *)b->l + options[k].off) =
			    (signed char)num(buf + strlen(options[k].name));
			return;
		}
	if (buf[0] == 'N' && strncmp(buf, "NOHYPHEN", 8) == 0) {
		read_nohyphen(b->l, buf + 8);
		return;
	}
	slash = strchr(buf, '/');
	if (slash != NULL) {
		char *comma = strchr(slash + 1, ',');

		*slash = '\0';
		if (comma != NULL) {
			char *comma2 = strchr(comma + 1, ',');

			*comma = '\0';
			if (comma2 != NULL) {
				*comma2 = '\0';
				index =
				    (signed char)((signed char)num(comma + 1) -
				                  1);
				cut = (signed char)num(comma2 + 1);
			}
		} else {
			/* hnj_strchomp() */
			char *x = slash + 1;
			size_t n = strlen(x);

			if (n > 0 && (x[n - 1] == '\r' || x[n - 1] == '\n'))
				x[n - 1] = '\0';
			if (n > 1 && x[n - 2] == '\r')
				x[n - 2] = '\0';
			cut = (signed char)strlen(buf);
		}
		repl = slash + 1;
	}
	/* "a1b": the word "ab", the values 0, 1, 0 around its letters;
	 * read up to a space or a control character. */
	pattern[0] = '0';
	for (i = 0; (unsigned char)buf[i] > ' '; i++) {
		if (buf[i] >= '0' && buf[i] <= '9')
			pattern[j] = buf[i];
		else {
			word[j] = buf[i];
			pattern[++j] = '0';
		}
	}
	word[j] = '\0';
	pattern[j + 1] = '\0';
	i = 0;
	if (repl == NULL) {
		while (pattern[i] == '0')
			i++;
	} else {
		if (word[0] == '.')
			i++;
		if (b->utf8)
			repl_bytes(word, &index, &cut);
	}
	/* The empty word is the root's, whose values libhyphen never
	 * applies. */
	if (j == 0)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap * 2 + 1024;
		b->r = xrealloc(b->r, b->cap * sizeof(*b->r));
	}
	r = &b->r[b->n++];
	r->w = (uint32_t)b->words.len;
	r->wlen = (uint8_t)j;
	buf_append(&b->words, word, (size_t)j);
	r->m = (uint32_t)b->digits.len;
	r->mlen = (uint8_t)strlen(pattern + i);
	buf_append(&b->digits, pattern + i, r->mlen);
	r->rep = -1;
	if (repl != NULL) {
		struct repl *p;

		if (b->nrep == b->repcap) {
			b->repcap = b->repcap * 2 + 16;
			b->rep = xrealloc(b->rep, b->repcap * sizeof(*b->rep));
		}
		p = &b->rep[b->nrep];
		r->rep = (int32_t)b->nrep++;
		p->s = (uint32_t)b->rstr.len;
		buf_append(&b->rstr, repl, strlen(repl) + 1);
		p->index = index;
		p->cut = cut != 0 ? cut : (signed char)j;
	}
}

/* -- sorting ----------------------------------------------------------- */

static int
rec_cmp(const struct builder *b, const struct rec *x, const struct rec *y,
        size_t d)
{
	size_t n = x->wlen < y->wlen ? x->wlen : y->wlen;
	int c = n > d ? memcmp(b->words.data + x->w + d,
	                       b->words.data + y->w + d, n - d)
	              : 0;

	return c != 0 ? c : (int)x->wlen - (int)y->wlen;
}

/*
 * The patterns sorted by their words (bytes unsigned), stably, so that
 * of a word given twice the last line comes last: a radix sort from the
 * first byte, by insertion below a few dozen.  All patterns share the
 * first d bytes.
 */
static void
rsort(const struct builder *b, struct rec *r, size_t n, size_t d,
      struct rec *tmp)
{
	uint32_t cnt[257], at[257];
	size_t i, k;

	if (n < 32) {
		for (i = 1; i < n; i++) {
			struct rec x = r[i];

			for (k = i; k > 0 && rec_cmp(b, &r[k - 1], &x, d) > 0;
			     k--)
				r[k] = r[k - 1];
			r[k] = x;
		}
		return;
	}
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < n; i++)
		cnt[r[i].wlen > d ? (unsigned char)b->words.data[r[i].w + d] + 1
		                  : 0]++;
	for (k = 0, at[0] = 0; k < 256; k++)
		at[k + 1] = at[k] + cnt[k];
	for (i = 0; i < n; i++) {
		unsigned c = r[i].wlen > d
		                 ? (unsigned char)b->words.data[r[i].w + d] + 1
		                 : 0;

		tmp[at[c]++] = r[i];
	}
	memcpy(r, tmp, n * sizeof(*r));
	/* bucket 0: the same word, in the order of the lines */
	for (k = 1, i = cnt[0]; k < 257; i += cnt[k++])
		if (cnt[k] > 1)
			rsort(b, r + i, cnt[k], d + 1, tmp);
}

/* -- the trie ------------------------------------------------------------ */

struct range {
	uint32_t lo, hi;
};

static void
grow_nodes(struct level *l, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	*cap = need + need / 2 + 1024;
	l->label = xrealloc(l->label, *cap);
	l->child = xrealloc(l->child, (*cap + 1) * sizeof(*l->child));
	l->pat = xrealloc(l->pat, (*cap / 64 + 1) * sizeof(*l->pat));
}

/*
 * The level's trie from its sorted patterns, a depth at a time: the
 * nodes of depth d are ranges of patterns sharing d bytes, and each
 * range splits into its children by byte d.
 */
static void
build(struct builder *b)
{
	struct level *l = b->l;
	struct range *cur, *nxt, *tmp;
	size_t ncur = 1, nnxt, cap = 0, np = 0, i;
	struct buf vals;
	uint32_t d, v = 0;
	const char *wd = b->words.data;

	grow_nodes(l, &cap, b->n + 1);
	cur = xmalloc((b->n + 1) * sizeof(*cur));
	nxt = xmalloc((b->n + 1) * sizeof(*nxt));
	l->moff = xmalloc((b->n + 1) * sizeof(*l->moff));
	buf_init(&vals);
	cur[0].lo = 0;
	cur[0].hi = (uint32_t)b->n;
	l->label[0] = 0;
	l->n = 1;
	memset(l->pat, 0, (cap / 64 + 1) * sizeof(*l->pat));
	for (d = 0; ncur > 0; d++) {
		nnxt = 0;
		for (i = 0; i < ncur; i++, v++) {
			uint32_t lo = cur[i].lo, hi = cur[i].hi, last = lo;

			l->child[v] = l->n;
			while (lo < hi && b->r[lo].wlen == d)
				last = lo++;
			if (last < lo) {
				const struct rec *r = &b->r[last];

				l->pat[v / 64] |= UINT64_C(1) << (v % 64);
				l->moff[np] = (uint32_t)vals.len;
				buf_append(&vals, b->digits.data + r->m,
				           r->mlen);
				if (r->rep >= 0)
					b->rep[r->rep].rank = (uint32_t)np;
				np++;
			}
			while (lo < hi) {
				uint8_t c = (uint8_t)wd[b->r[lo].w + d];
				uint32_t e = lo + 1;

				while (e < hi &&
				       (uint8_t)wd[b->r[e].w + d] == c)
					e++;
				grow_nodes(l, &cap, (size_t)l->n + 1);
				if (l->n % 64 == 0)
					l->pat[l->n / 64] = 0;
				l->label[l->n++] = c;
				nxt[nnxt].lo = lo;
				nxt[nnxt++].hi = e;
				lo = e;
			}
		}
		tmp = cur;
		cur = nxt;
		nxt = tmp;
		ncur = nnxt;
	}
	l->child[l->n] = l->n;
	l->moff[np] = (uint32_t)vals.len;
	l->moff = xrealloc(l->moff, (np + 1) * sizeof(*l->moff));
	l->vals = xrealloc(vals.data, vals.len + 1);
	l->label = xrealloc(l->label, l->n);
	l->child = xrealloc(l->child, ((size_t)l->n + 1) * sizeof(*l->child));
	l->pat = xrealloc(l->pat, ((size_t)l->n / 64 + 1) * sizeof(*l->pat));
	l->rank = xmalloc(((size_t)l->n / 64 + 1) * sizeof(*l->rank));
	for (i = 0, np = 0; i <= l->n / 64; i++) {
		l->rank[i] = (uint32_t)np;
		np += (size_t)__builtin_popcountll(l->pat[i]);
	}
	for (i = l->child[0]; i < l->child[1]; i++)
		l->root[l->label[i]] = (uint32_t)i;
	free(cur);
	free(nxt);
}

/* Replacements of the patterns that still have one (a pattern given
 * twice keeps the last line's), by rank. */
static int
rep_cmp(const void *a, const void *b)
{
	const struct repl *x = a, *y = b;

	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static void
level_finish(struct builder *b)
{
	struct level *l = b->l;
	size_t i, k = 0;

	if (b->n > 1) {
		struct rec *tmp = xmalloc(b->n * sizeof(*tmp));

		rsort(b, b->r, b->n, 0, tmp);
		free(tmp);
	}
	for (i = 0; i < b->nrep; i++)
		b->rep[i].rank = UINT32_MAX;
	build(b);
	for (i = 0; i < b->nrep; i++)
		if (b->rep[i].rank != UINT32_MAX)
			b->rep[k++] = b->rep[i];
	if (k > 1)
		qsort(b->rep, k, sizeof(*b->rep), rep_cmp);
	l->nrep = k;
	l->rep = k > 0 ? xrealloc(b->rep, k * sizeof(*b->rep)) : NULL;
	if (k == 0)
		free(b->rep);
	l->rstr = b->rstr.data != NULL ? xrealloc(b->rstr.data, b->rstr.len + 1)
	                               : NULL;
	free(b->r);
	buf_free(&b->words);
	buf_free(&b->digits);
}

static void
builder_init(struct builder *b, struct level *l, bool utf8)
{
	memset(b, 0, sizeof(*b));
	b->l = l;
	b->utf8 = utf8;
	buf_init(&b->words);
	buf_init(&b->digits);
	buf_init(&b->rstr);
}

/* fgets(): at most size - 1 bytes, up to a line end; 0 at the end. */
static size_t
piece(const char *t, size_t len, size_t *at, char *out, size_t size)
{
	size_t n = len - *at < size - 1 ? len - *at : size - 1;
	const char *nl = memchr(t + *at, '\n', n);

	if (nl != NULL)
		n = (size_t)(nl - (t + *at)) + 1;
	memcpy(out, t + *at, n);
	out[n] = '\0';
	*at += n;
	return n;
}

/* The lines of a level up to NEXTLEVEL (true) or the end. */
static bool
read_level(struct builder *b, const char *t, size_t len, size_t *at)
{
	char buf[LINE_BUF];

	while (piece(t, len, at, buf, sizeof(buf)) > 0) {
		if (buf[0] == 'N' && strncmp(buf, "NEXTLEVEL", 9) == 0)
			return true;
		if (buf[0] != '%')
			read_line(b, buf);
	}
	return false;
}

struct hyph_pat *
hyph_pat_read(const char *t, size_t len)
{
	struct hyph_pat *p = xcalloc(1, sizeof(*p));
	struct builder b0, b1;
	char cset[NAME_BUF + 1];
	size_t at = 0, i;
	bool next;

	memset(cset, 0, sizeof(cset));
	piece(t, len, &at, cset, NAME_BUF);
	for (i = 0; i < NAME_BUF; i++)
		if (cset[i] == '\r' || cset[i] == '\n')
			cset[i] = '\0';
	p->utf8 = strcmp(cset, "UTF-8") == 0;
	builder_init(&b0, &p->lv[0], p->utf8);
	next = read_level(&b0, t, len, &at);
	builder_init(&b1, &p->lv[1], p->utf8);
	if (next)
		read_level(&b1, t, len, &at);
	else {
		/* libhyphen's first level for a file without NEXTLEVEL:
		 * no break at a hyphen or an apostrophe */
		static const char *const latin1[] = {"NOHYPHEN ',-\n", "1-1\n",
		                                     "1'1\n"};
		static const char *const utf8[] = {
		    "NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n", "1-1\n",
		    "1'1\n",
		    "1\xe2\x80\x93"
		    "1\n",
		    "1\xe2\x80\x99"
		    "1\n"};
		const char *const *v = p->utf8 ? utf8 : latin1;
		size_t n = p->utf8 ? 5 : 3;
		char buf[LINE_BUF];

		for (i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), "%s", v[i]);
			read_line(&b1, buf);
		}
	}
	level_finish(&b0);
	level_finish(&b1);
	if (next) {
		p->top = &p->lv[0];
		p->lv[0].next = &p->lv[1];
	} else {
		/* the file's patterns under the default level, whose
		 * minimums are theirs (the compound ones 3 at most) */
		struct level *d = &p->lv[1], *f = &p->lv[0];

		p->top = d;
		d->next = f;
		d->lhmin = f->lhmin;
		d->rhmin = f->rhmin;
		d->clhmin = f->clhmin ? f->clhmin : f->lhmin ? f->lhmin : 3;
		d->crhmin = f->crhmin ? f->crhmin : f->rhmin ? f->rhmin : 3;
	}
	return p;
}

void
hyph_pat_free(struct hyph_pat *p)
{
	int i;

	if (p == NULL)
		return;
	for (i = 0; i < 2; i++) {
		struct level *l = &p->lv[i];

		free(l->label);
		free(l->child);
		free(l->pat);
		free(l->rank);
		free(l->moff);
		free(l->vals);
		free(l->rep);
		free(l->rstr);
		free(l->nohyphen);
	}
	free(p);
}

bool
hyph_pat_utf8(const struct hyph_pat *p)
{
	return p->utf8;
}

/* -- matching ------------------------------------------------------------ */

/* Node v's child through byte c, 0 for none. */
static uint32_t
step(const struct level *l, uint32_t v, unsigned char c)
{
	uint32_t a, e;

	if (v == 0)
		return l->root[c];
	for (a = l->child[v], e = l->child[v + 1]; a < e; a++)
		if (l->label[a] >= c)
			return l->label[a] == c ? a : 0;
	return 0;
}

/* The pattern number of node v, or -1. */
static int64_t
pattern_of(const struct level *l, uint32_t v)
{
	uint64_t w = l->pat[v / 64], bit = UINT64_C(1) << (v % 64);

	if (!(w & bit))
		return -1;
	return l->rank[v / 64] + __builtin_popcountll(w & (bit - 1));
}

static const struct repl *
repl_of(const struct level *l, uint32_t rank)
{
	size_t lo = 0, hi = l->nrep;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (l->rep[mid].rank < rank)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->nrep && l->rep[lo].rank == rank ? &l->rep[lo] : NULL;
}

/* Where libhyphen's points and their replacements go (byte-indexed). */
struct out {
	char *h;          /* '0' .. '9' after each byte */
	const char **rep; /* the replacement there, or NULL */
	int *pos, *cut;
};

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* hnj_ligature(): what the ligatures U+FB03, U+FB04 add to a length */
static int
lig(unsigned char c)
{
	return c == 0x83 || c == 0x84;
}

/* hnj_hyphen_lhmin(): no point in the first min - 1 characters (the
 * replacements' own check left out: a point with one is dropped
 * anyway). */
static void
left_min(bool utf8, const unsigned char *w, int ws, struct out *o, int min)
{
	int i = 1, j;

	if (utf8 && w[0] == 0xEF && w[1] == 0xAC)
		i += lig(w[2]);
	for (j = 0; j < ws && is_digit(w[j]); j++)
		i--;
	for (j = 0; i < min && j < ws && w[j] != '\0'; i++)
		do {
			if (o->rep[j] == NULL)
				o->h[j] = '0';
			j++;
			if (utf8 && j + 1 < ws && w[j] == 0xEF &&
			    w[j + 1] == 0xAC)
				i += lig(w[j + 2]);
		} while (utf8 && j < ws && (w[j] & 0xC0) == 0x80);
}

/* hnj_hyphen_rhmin(): none in the last min characters. */
static void
right_min(bool utf8, const unsigned char *w, int ws, struct out *o, int min)
{
	int i = 0, j;

	for (j = ws - 1; j > 0 && is_digit(w[j]); j--)
		i--;
	for (j = ws - 1; i < min && j > 0; j--) {
		if (o->rep[j] == NULL)
			o->h[j] = '0';
		if (!utf8 || (w[j] & 0xC0) == 0xC0 || (w[j] & 0x80) != 0x80)
			i++;
	}
}

/*
 * hnj_hyphen_hyph_(): level l's values for the word w[0 .. ws) (w[ws]
 * readable), then its compound parts hyphenated again, or the next
 * level's values for the whole word.
 */
static void
run(const struct level *l, bool utf8, const unsigned char *w, int ws,
    struct out *o, int clhmin, int crhmin, int lend, int rend, int depth)
{
	unsigned char pw[WBUF + 1];
	int e[WBUF], mlen[WBUF], midx[WBUF];
	const char *mrep[WBUF];
	int m = ws + 2, i, k, s, vs = -1, begin;
	uint32_t v = 0;
	bool isrepl = false;

	pw[0] = '.';
	for (i = 0; i < ws; i++)
		pw[i + 1] = is_digit(w[i]) ? '.' : w[i];
	pw[ws + 1] = '.';
	pw[ws + 2] = '\0';
	memset(o->h, '0', (size_t)m);
	for (i = 0; i < m; i++) {
		mlen[i] = 0;
		midx[i] = -1;
		mrep[i] = NULL;
	}
	/* e[s]: how far the trie follows the word from s */
	for (s = 0; s < m; s++) {
		uint32_t u = 0;

		for (i = s; i < m && (u = step(l, u, pw[i])) != 0; i++)
			;
		e[s] = i - 1;
	}
	for (i = 0, s = 0; i < m; i++) {
		int64_t rank;
		const struct repl *r = NULL;
		const char *mt;
		int ml, off;

		/* the longest suffix of pw[0 .. i] in the trie: the
		 * state libhyphen's automaton is in */
		while (s <= i && e[s] < i)
			s++;
		if (s > i) {
			vs = -1;
			continue;
		}
		if (vs == s)
			v = step(l, v, pw[i]);
		else {
			for (v = 0, k = s; k <= i; k++)
				v = step(l, v, pw[k]);
			vs = s;
		}
		if ((rank = pattern_of(l, v)) < 0)
			continue;
		mt = l->vals + l->moff[rank];
		ml = (int)(l->moff[rank + 1] - l->moff[rank]);
		off = i + 1 - ml;
		if (l->nrep > 0 && (r = repl_of(l, (uint32_t)rank)) != NULL) {
			isrepl = true;
			if (off + r->index >= 0 && off + r->index < m)
				mlen[off + r->index] = r->cut;
		}
		for (k = 0; k < ml; k++) {
			int at = off + k;

			if (at < 0 || o->h[at] >= mt[k])
				continue;
			o->h[at] = mt[k];
			if (!(mt[k] & 1))
				continue;
			mrep[at] = r != NULL ? l->rstr + r->s : NULL;
			if (r != NULL && k >= r->index &&
			    k <= r->index + r->cut && off + r->index >= 0 &&
			    off + r->index < m)
				midx[off + r->index] = at;
		}
	}
	/* values between the letters, the dots' taken off */
	for (i = 0; i < m - 3; i++)
		o->h[i] = o->h[i + 1];
	for (; i < ws; i++)
		o->h[i] = '0';
	o->h[ws] = '\0';
	for (i = 0; isrepl && i < ws; i++)
		if (midx[i] >= 0 && mrep[midx[i]] != NULL) {
			int at = midx[i] - 1;

			if (at >= 0 && at < ws) {
				o->rep[at] = mrep[midx[i]];
				o->pos[at] = midx[i] - i;
				o->cut[at] = mlen[i];
			}
			if (mlen[i] > 1)
				i += mlen[i] - 1;
		}
	if (l->next == NULL)
		return;

	/* the first level's points are compound boundaries */
	begin = 0;
	for (i = 0; i < ws; i++) {
		char h2[WBUF + 1];
		const char *rep2[WBUF];
		int pos2[WBUF], cut2[WBUF], hyph = 0, seg, j;
		struct out o2 = {h2, rep2, pos2, cut2};

		if (!((o->h[i] & 1) || (begin > 0 && i + 1 == ws)))
			continue;
		if (i - begin > 1 && depth < MAX_DEPTH) {
			pw[i + 2] = '\0';
			/* a replacement at the boundary ("Schiffahrt") is
			 * part of the first part */
			if (o->rep[i] != NULL) {
				const char *eq = strchr(o->rep[i], '=');
				int at = 2 + i - o->pos[i];

				if (at >= 1 && at < m + 1) {
					strncpy((char *)pw + at, o->rep[i],
					        (size_t)(m + 1 - at - 1));
					pw[m] = '\0';
					if (eq != NULL) {
						hyph = (int)(eq - o->rep[i]) -
						       o->pos[i];
						if (2 + i + hyph >= 0 &&
						    2 + i + hyph <= m)
							pw[2 + i + hyph] = '\0';
						else
							hyph = 0;
					}
				}
			}
			seg = i - begin + 1 + hyph;
			if (seg > 0 && seg <= HYPH_PAT_MAX_WORD &&
			    begin + 1 + seg <= m) {
				memset(rep2, 0, sizeof(rep2));
				memset(pos2, 0, sizeof(pos2));
				memset(cut2, 0, sizeof(cut2));
				run(l, utf8, pw + begin + 1, seg, &o2, clhmin,
				    crhmin, begin > 0 ? 0 : lend,
				    (o->h[i] & 1) ? 0 : rend, depth + 1);
				for (j = 0; j < i - begin - 1 && j < seg; j++) {
					o->h[begin + j] = h2[j];
					if (rep2[j] != NULL) {
						o->rep[begin + j] = rep2[j];
						o->pos[begin + j] = pos2[j];
						o->cut[begin + j] = cut2[j];
					}
				}
			}
			pw[i + 2] = w[i + 1];
			if (o->rep[i] != NULL) {
				strncpy((char *)pw + 1, (const char *)w,
				        (size_t)(m + 1 - 2));
				pw[m] = '\0';
			}
		}
		begin = i + 1;
	}
	if (begin == 0) {
		run(l->next, utf8, w, ws, o, clhmin, crhmin, lend, rend,
		    depth + 1);
		if (!lend)
			left_min(utf8, w, ws, o, clhmin);
		if (!rend)
			right_min(utf8, w, ws, o, crhmin);
	}
}

bool
hyph_pat_points(const struct hyph_pat *p, const char *word, size_t len,
                unsigned char *pt)
{
	const struct level *top = p->top;
	unsigned char w[WBUF + 1];
	char h[WBUF + 1];
	const char *rep[WBUF];
	int pos[WBUF], cut[WBUF], ws = (int)len, i;
	struct out o = {h, rep, pos, cut};
	const char *nh;
	size_t at;

	if (len > HYPH_PAT_MAX_WORD)
		return false;
	memcpy(w, word, len);
	memset(w + len, 0, sizeof(w) - len);
	memset(rep, 0, sizeof(rep));
	memset(pos, 0, sizeof(pos));
	memset(cut, 0, sizeof(cut));
	run(top, p->utf8, w, ws, &o, top->clhmin, top->crhmin, 1, 1, 0);
	left_min(p->utf8, w, ws, &o, top->lhmin > 0 ? top->lhmin : 2);
	right_min(p->utf8, w, ws, &o, top->rhmin > 0 ? top->rhmin : 2);
	/* NOHYPHEN: no point before or at the end of these strings (as
	 * many as are given; libhyphen reads as many as it counted) */
	nh = top->nohyphen;
	for (i = 0, at = 0; nh != NULL && i <= top->nohyphenl &&
	                    at < (top->nohyphen_len ? top->nohyphen_len : 1);
	     i++) {
		const char *s = nh + at;
		size_t n = strlen(s);
		const char *q;

		at += n + 1;
		if (n == 0)
			continue;
		for (q = strstr((const char *)w, s); q != NULL;
		     q = strstr(q + 1, s)) {
			h[q - (const char *)w + (ptrdiff_t)n - 1] = '0';
			if (q > (const char *)w)
				h[q - (const char *)w - 1] = '0';
		}
	}
	/* hnj_hyphen_norm(): a character's point is its last byte's */
	if (p->utf8 && ws > 0 && w[0] >> 6 == 2)
		return false;
	for (i = 0; i < ws; i++)
		pt[i] = (h[i] & 1) && rep[i] == NULL &&
		        (!p->utf8 || i + 1 == ws || w[i + 1] >> 6 != 2);
	return true;
}
