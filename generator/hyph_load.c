/*
 * hyph_load.c - reads a libhyphen pattern file into the HyphenDict that
 * libhyphen's own hnj_hyphen_load_file() would make, state for state.
 *
 * libhyphen 2.8.8 keeps the states' strings in a hash table of 31,627
 * chains with a weak hash and finds each state's fallback by looking up
 * every suffix of its string: Debian's German patterns (a list of 69,000
 * compounds over the TeX patterns) take 2.5 s of CPU to read that way,
 * more than the rest of a whole report.  Here the patterns become a trie
 * whose edges are lists of children, and the fallbacks are computed breadth
 * first as Aho and Corasick's failure links: the fallback of a state is its
 * string's longest proper suffix that is a state, which is what libhyphen's
 * suffix search finds.
 *
 * Everything else follows libhyphen's reading exactly, quirks included,
 * because libhyphen's matcher (hnj_hyphen_hyphenate2) runs on the result
 * and tests/unit/test_hyph_load.c compares both loaders' dictionaries
 * field by field: lines are read in pieces of at most 99 bytes (as
 * fgets() with its 100-byte buffer reads them), the first line names
 * the character set, "%" starts a comment, NEXTLEVEL starts the second
 * level, states are numbered in the order libhyphen creates them, a
 * pattern given twice keeps its last values.  Only the memory differs:
 * a level is a few blocks (pack()), which hyph_dict_free() frees;
 * allocation goes through xmalloc() (libhyphen's own exits on failure).
 */
#include "hyph_load.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * A level while it is read.  The trie's edges are lists of children
 * (first, next), in the order the children were made, which is the
 * order libhyphen appends a state's transitions in.  The matches are
 * kept in one buffer (match_at: offset + 1, 0 for none) and become one
 * block, in the order of the states, when the level is packed.
 */
struct level {
	HyphenDict *d;
	size_t cap;        /* states allocated */
	int *first, *next; /* first child, next sibling; -1 for none */
	char *ch;          /* the byte leading to each state */
	int root[256];     /* the root's children, which most lookups reach */
	size_t *match_at;
	struct buf strs;
};

static int
edge_get(const struct level *l, int state, char ch)
{
	int c;

	if (state == 0)
		return l->root[(unsigned char)ch];
	/* a state but the root has few children */
	for (c = l->first[state]; c >= 0; c = l->next[c])
		if (l->ch[c] == ch)
			return c;
	return -1;
}

static int
new_state(struct level *l)
{
	HyphenDict *d = l->d;
	HyphenState *s;
	size_t n = (size_t)d->num_states;

	if (n == l->cap) {
		/* Grown by an eighth: the German patterns make 279,000
		 * states, and realloc() moves a block that large by
		 * remapping it, not by copying it. */
		l->cap = l->cap + l->cap / 8 + 64;
		d->states = xrealloc(d->states, l->cap * sizeof(*d->states));
		l->first = xrealloc(l->first, l->cap * sizeof(*l->first));
		l->next = xrealloc(l->next, l->cap * sizeof(*l->next));
		l->ch = xrealloc(l->ch, l->cap);
		l->match_at =
		    xrealloc(l->match_at, l->cap * sizeof(*l->match_at));
	}
	s = &d->states[n];
	memset(s, 0, sizeof(*s));
	s->fallback_state = -1;
	l->first[n] = l->next[n] = -1;
	l->ch[n] = '\0';
	l->match_at[n] = 0;
	return d->num_states++;
}

/* The transition from `from` through ch to `to`, appended as libhyphen
 * appends it (its matcher searches a state's transitions in order). */
static void
add_trans(struct level *l, int from, int to, char ch)
{
	int *at = &l->first[from];

	while (*at >= 0)
		at = &l->next[*at];
	*at = to;
	l->ch[to] = ch;
	if (from == 0)
		l->root[(unsigned char)ch] = to;
	l->d->states[from].num_trans++;
}

/*
 * The state of `word` (len bytes), made with the states of its prefixes
 * if it is new: the word's own state first, then the prefixes from the
 * longest down to the first one that exists (libhyphen's numbering).
 */
static int
word_state(struct level *l, const char *word, int len)
{
	int have = 0, at = 0, first, m;

	while (have < len) {
		int next = edge_get(l, at, word[have]);

		if (next < 0)
			break;
		at = next;
		have++;
	}
	if (have == len)
		return at;
	first = l->d->num_states;
	for (m = len; m > have; m--)
		new_state(l);
	/* prefix m (have < m <= len) is state first + len - m */
	for (m = len; m > have; m--)
		add_trans(l, m - 1 > have ? first + len - (m - 1) : at,
		          first + len - m, word[m - 1]);
	return first;
}

/* hnj_strchomp(): a line end ("\n", "\r\n", "\r") taken off. */
static void
chomp(char *s)
{
	size_t k = strlen(s);

	if (k > 0 && (s[k - 1] == '\r' || s[k - 1] == '\n'))
		s[--k] = '\0';
	if (k > 0 && s[k - 1] == '\r')
		s[k - 1] = '\0';
}

static int
num_after(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* NOHYPHEN a,b,c: the list, its last byte (the line end) taken off,
 * split at commas in place; nohyphenl counts the commas. */
static void
read_nohyphen(HyphenDict *d, const char *rest)
{
	char *e;

	while (*rest == ' ' || *rest == '\t')
		rest++;
	free(d->nohyphen);
	d->nohyphen = NULL;
	d->nohyphenl = 0;
	if (*rest == '\0')
		return;
	d->nohyphen = xstrdup(rest);
	e = d->nohyphen + strlen(d->nohyphen) - 1;
	*e = '\0';
	for (e--; e > d->nohyphen; e--)
		if (*e == ',') {
			d->nohyphenl++;
			*e = '\0';
		}
}

/*
 * A non-standard pattern's replacement ("ff1f/ff=f,1,3"): `slash` is the
 * "/" in buf.  buf ends at the slash afterwards; *index and *cut are
 * the replaced bytes' start (from the pattern's start, 0-based) and
 * count, 0 and 0 where the line gives only one of them.
 */
static char *
read_repl(char *buf, char *slash, signed char *index, signed char *cut)
{
	char *comma = strchr(slash + 1, ',');

	*slash = '\0';
	*index = 0;
	*cut = 0;
	if (comma != NULL) {
		char *comma2 = strchr(comma + 1, ',');

		*comma = '\0';
		if (comma2 != NULL) {
			*comma2 = '\0';
			/* as libhyphen narrows them: to a byte, wrapping */
			*index =
			    (signed char)((signed char)num_after(comma + 1) -
			                  1);
			*cut = (signed char)num_after(comma2 + 1);
		}
	} else {
		chomp(slash + 1);
		*cut = (signed char)strlen(buf);
	}
	return xstrdup(slash + 1);
}

/* In a UTF-8 dictionary, a replacement's position and length counted in
 * characters become bytes of the word. */
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

/* The option lines, in the order libhyphen tries them. */
static const struct {
	const char *name;
	size_t off;
} options[] = {
    {"LEFTHYPHENMIN", offsetof(HyphenDict, lhmin)},
    {"RIGHTHYPHENMIN", offsetof(HyphenDict, rhmin)},
    {"COMPOUNDLEFTHYPHENMIN", offsetof(HyphenDict, clhmin)},
    {"COMPOUNDRIGHTHYPHENMIN", offsetof(HyphenDict, crhmin)},
};

/* One line (or a 99-byte piece of one) of a level; buf is changed. */
static void
read_line(struct level *l, char *buf)
{
	HyphenDict *d = l->d;
	char word[MAX_CHARS + 2], pattern[MAX_CHARS + 3];
	char *repl = NULL, *slash;
	signed char index = 0, cut = 0;
	int i, j = 0, st;
	HyphenState *s;
	size_t k;

	for (k = 0; k < sizeof(options) / sizeof(options[0]); k++)
		if (strncmp(buf, options[k].name, strlen(options[k].name)) ==
		    0) {
			*((char *)d + options[k].off) =
			    (char)num_after(buf + strlen(options[k].name));
			return;
		}
	if (strncmp(buf, "NOHYPHEN", 8) == 0) {
		read_nohyphen(d, buf + 8);
		return;
	}
	slash = strchr(buf, '/');
	if (slash != NULL)
		repl = read_repl(buf, slash, &index, &cut);
	/* "a1b" is the word "ab" with the values 0, 1, 0 between and
	 * around its letters; the pattern is read up to a space or a
	 * control character (bytes above 127 are letters). */
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
			i++; /* leading zeros change nothing */
	} else {
		if (word[0] == '.')
			i++;
		if (d->utf8)
			repl_bytes(word, &index, &cut);
	}
	st = word_state(l, word, j);
	s = &d->states[st];
	/* a pattern given twice leaves its first string unused in the
	 * buffer; pack() copies only the last */
	l->match_at[st] = l->strs.len + 1;
	buf_append(&l->strs, pattern + i, strlen(pattern + i) + 1);
	free(s->repl);
	s->repl = repl;
	s->replindex = index;
	s->replcut = cut != 0 ? cut : (signed char)strlen(word);
}

/* The child of a packed state through ch, or -1. */
static int
child_of(const struct level *l, int state, char ch)
{
	const HyphenState *s = &l->d->states[state];
	int k;

	if (state == 0)
		return l->root[(unsigned char)ch];
	for (k = 0; k < s->num_trans; k++)
		if (s->trans[k].ch == ch)
			return s->trans[k].new_state;
	return -1;
}

/*
 * Each state's fallback, breadth first: a state's string minus its
 * first byte leads, from its parent's fallback, to its own.  Run on the
 * packed level, whose transitions lie together (the lists of children
 * were read from all over, and this was most of the reading).
 */
static void
fallbacks(struct level *l)
{
	HyphenState *st = l->d->states;
	size_t n = (size_t)l->d->num_states, k;
	int *queue = xmalloc(n * sizeof(*queue));
	/* apart from the states (40 bytes each), which the walks down the
	 * chains would read from all over */
	int *fb = xmalloc(n * sizeof(*fb));
	int head = 0, tail = 0;

	fb[0] = -1;
	queue[tail++] = 0;
	while (head < tail) {
		int u = queue[head++], i;

		for (i = 0; i < st[u].num_trans; i++) {
			int v = st[u].trans[i].new_state, f = fb[u];
			char ch = st[u].trans[i].ch;

			fb[v] = 0;
			for (; u != 0 && f >= 0; f = fb[f]) {
				int w = child_of(l, f, ch);

				if (w >= 0) {
					fb[v] = w;
					break;
				}
			}
			queue[tail++] = v;
		}
	}
	for (k = 0; k < n; k++)
		st[k].fallback_state = fb[k];
	free(fb);
	free(queue);
}

/*
 * The level as its matcher reads it, in three blocks: the states, all
 * transitions (the root's first: a trie's states but the root have one
 * parent each) and all matches (the first state's with one first), so
 * that hyph_dict_free() frees a level with a few calls.  One
 * allocation per state, as libhyphen makes them, took 36 MB for the
 * German patterns, more than a report of 300 pages needs besides.
 */
static void
pack(struct level *l)
{
	HyphenDict *d = l->d;
	size_t n = (size_t)d->num_states, bytes = 0, k;
	HyphenTrans *t = NULL;
	char *m = NULL;
	int u, v;

	d->states = xrealloc(d->states, n * sizeof(*d->states));
	if (n > 1)
		t = xmalloc((n - 1) * sizeof(*t));
	for (k = 0; k < n; k++)
		if (l->match_at[k] != 0)
			bytes += strlen(l->strs.data + l->match_at[k] - 1) + 1;
	if (bytes > 0)
		m = xmalloc(bytes);
	for (k = 0; k < n; k++) {
		HyphenState *s = &d->states[k];

		if (s->num_trans > 0) {
			s->trans = t;
			for (v = l->first[k], u = 0; v >= 0;
			     v = l->next[v], u++) {
				t[u].ch = l->ch[v];
				t[u].new_state = v;
			}
			t += s->num_trans;
		}
		if (l->match_at[k] != 0) {
			const char *src = l->strs.data + l->match_at[k] - 1;
			size_t len = strlen(src) + 1;

			s->match = memcpy(m, src, len);
			m += len;
		}
	}
	free(l->first);
	free(l->next);
	free(l->ch);
	free(l->match_at);
	buf_free(&l->strs);
}

static void
level_init(struct level *l)
{
	memset(l, 0, sizeof(*l));
	memset(l->root, -1, sizeof(l->root));
	l->d = xcalloc(1, sizeof(*l->d));
	buf_init(&l->strs);
	new_state(l);
}

/* The lines of one level from f up to NEXTLEVEL (true) or the end. */
static bool
read_level(struct level *l, FILE *f)
{
	char buf[MAX_CHARS];

	while (fgets(buf, sizeof(buf), f) != NULL) {
		if (strncmp(buf, "NEXTLEVEL", 9) == 0)
			return true;
		if (buf[0] != '%')
			read_line(l, buf);
	}
	return false;
}

/* The second level libhyphen makes for a file without NEXTLEVEL: no
 * break at a hyphen or an apostrophe (and, in UTF-8, an en dash or a
 * typographic apostrophe). */
static void
default_level(struct level *l)
{
	static const char *const latin1[] = {"NOHYPHEN ',-\n", "1-1\n",
	                                     "1'1\n"};
	static const char *const utf8[] = {
	    "NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n", "1-1\n", "1'1\n",
	    "1\xe2\x80\x93"
	    "1\n",
	    "1\xe2\x80\x99"
	    "1\n"};
	const char *const *v = l->d->utf8 ? utf8 : latin1;
	size_t n = l->d->utf8 ? 5 : 3, i;
	char buf[MAX_CHARS];

	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%s", v[i]);
		read_line(l, buf);
	}
}

HyphenDict *
hyph_dict_read(FILE *f)
{
	struct level l0, l1;
	HyphenDict *d0, *d1;
	bool next;
	size_t i;

	level_init(&l0);
	d0 = l0.d;
	if (fgets(d0->cset, sizeof(d0->cset), f) != NULL) {
		for (i = 0; i < sizeof(d0->cset); i++)
			if (d0->cset[i] == '\r' || d0->cset[i] == '\n')
				d0->cset[i] = '\0';
	} else
		d0->cset[0] = '\0';
	d0->utf8 = strcmp(d0->cset, "UTF-8") == 0;
	next = read_level(&l0, f);

	level_init(&l1);
	d1 = l1.d;
	memcpy(d1->cset, d0->cset, strnlen(d0->cset, sizeof(d1->cset) - 1));
	d1->utf8 = d0->utf8;
	if (next)
		read_level(&l1, f);
	else
		default_level(&l1);
	pack(&l0);
	pack(&l1);
	fallbacks(&l0);
	fallbacks(&l1);
	if (ferror(f)) {
		/* a read error, which fgets() reports as the end */
		hyph_dict_free(d0);
		hyph_dict_free(d1);
		return NULL;
	}
	if (next) {
		d0->nextlevel = d1;
		return d0;
	}
	/* The file's patterns are the second level, under the default
	 * first; the compound minimums default to the plain ones, or 3. */
	d1->nextlevel = d0;
	d1->lhmin = d0->lhmin;
	d1->rhmin = d0->rhmin;
	d1->clhmin = d0->clhmin ? d0->clhmin : d0->lhmin ? d0->lhmin : 3;
	d1->crhmin = d0->crhmin ? d0->crhmin : d0->rhmin ? d0->rhmin : 3;
	return d1;
}

void
hyph_dict_free(HyphenDict *d)
{
	while (d != NULL) {
		HyphenDict *next = d->nextlevel;
		int i;

		for (i = 0; i < d->num_states; i++)
			if (d->states[i].match != NULL) {
				free(d->states[i].match);
				break;
			}
		for (i = 0; i < d->num_states; i++)
			free(d->states[i].repl);
		if (d->num_states > 0)
			free(d->states[0].trans);
		free(d->states);
		free(d->nohyphen);
		free(d);
		d = next;
	}
}
