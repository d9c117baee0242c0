/*
 * inputs.c - the inputs stage: reads the inputs folder into the model.
 *
 * Every *.yaml and *.yml file in the folder is read (in name order) by
 * the guarded reader of inputs_yaml.c, and its top-level mapping is
 * checked against the input format of docs/inputs.md: each key known,
 * each value of the right type and form.  Then the *.csv files add
 * yearly indicator values (inputs_csv.c), the reporting year is fixed,
 * and inputs_check.c runs the checks that need the whole model.
 *
 * Nothing stops at the first problem: a bad value is reported and left
 * out, and reading goes on, so that one run lists everything to fix.
 */
#include "inputs.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "i18n.h"
#include "inputs_priv.h"
#include "inputs_yaml.h"

/* Grows a malloc'd array holding n elements so that one more fits;
 * capacities are the powers of two, so no capacity is stored. */
static void *
grow(void *arr, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		arr = xrealloc(arr, (n ? n * 2 : 4) * size);
	return arr;
}

/* ------------------------------------------------------------------ */
/* Suggestions for misspelt words.                                    */

const char *
suggest_aspect(const struct model *m, const char *word)
{
	const char **ids = xcalloc(m->naspects + 1, sizeof(*ids));
	const char *found;

	for (size_t i = 0; i < m->naspects; i++)
		ids[i] = m->aspects[i]->id;
	found = suggest(word, ids, m->naspects);
	free(ids);
	return found;
}

const char *
suggest_indicator(const struct model *m, const char *word)
{
	const char **ids = xcalloc(m->nindicators + 1, sizeof(*ids));
	const char *found;

	for (size_t i = 0; i < m->nindicators; i++)
		ids[i] = m->indicators[i]->id;
	found = suggest(word, ids, m->nindicators);
	free(ids);
	return found;
}

/* ------------------------------------------------------------------ */
/* Scalars.                                                           */

bool
parse_number(const char *s, double *out)
{
	const char *p = s;
	int nint = 0, nfrac = 0;
	char *end;

	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		nint++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			nfrac++;
		}
		if (nfrac == 0)
			return false;
	}
	if (*p != '\0' || nint == 0 || nint > NUM_MAX_INT ||
	    nfrac > NUM_MAX_FRAC)
		return false;
	*out = strtod(s, &end);
	if (*out == 0)
		*out = 0; /* no negative zero */
	return true;
}

bool
parse_year(const char *s, int *out)
{
	int i, y = 0;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != '\0' || y < 1900 || y > 2200)
		return false;
	*out = y;
	return true;
}

static const char *const month_names[] = {
    N_("January"),   N_("February"), N_("March"),    N_("April"),
    N_("May"),       N_("June"),     N_("July"),     N_("August"),
    N_("September"), N_("October"),  N_("November"), N_("December")};

void
date_refuse(const struct src_pos *pos, const char *s, int y, int m,
            const char *form)
{
	int days = 31;

	if (y < 1900 || y > 2200)
		diag_error(pos,
		           "%s is not a date this tool accepts: the year must "
		           "lie from 1900 to 2200",
		           s);
	else if (m < 1 || m > 12)
		diag_error(
		    pos,
		    "%s is not a date: there is no month %d (the form is "
		    "%s)",
		    s, m, form);
	else {
		while (days > 27 && !date_valid(y, m, days))
			days--;
		diag_error(pos, "%s is not a date: %s %d has %d days", s,
		           _(month_names[m - 1]), y, days);
	}
}

/* Reports a scalar that should be a date and is not. */
static bool
parse_date(const char *s, const struct src_pos *pos, struct pr_date *out)
{
	int v[3] = {0, 0, 0}, i, k = 0;
	const int width[3] = {4, 2, 2};
	const char *p = s;

	for (k = 0; k < 3; k++) {
		for (i = 0; i < width[k]; i++, p++) {
			if (*p < '0' || *p > '9')
				goto form;
			v[k] = v[k] * 10 + (*p - '0');
		}
		if (k < 2 && *p++ != '-')
			goto form;
	}
	if (*p != '\0')
		goto form;
	if (!date_valid(v[0], v[1], v[2])) {
		date_refuse(pos, s, v[0], v[1], _("YYYY-MM-DD"));
		return false;
	}
	out->y = v[0];
	out->m = v[1];
	out->d = v[2];
	return true;
form:
	diag_error(pos,
	           "\"%s\" is not a date of the form YYYY-MM-DD, such as "
	           "2026-06-30",
	           s);
	return false;
}

/* ------------------------------------------------------------------ */
/* Mappings with known keys.                                          */

static void
join_keys(struct buf *b, const char *const *keys)
{
	size_t i;

	for (i = 0; keys[i] != NULL; i++)
		buf_printf(b, "%s%s", i ? ", " : "", keys[i]);
}

/*
 * Checks that `n` is a mapping whose keys are all in `keys` (a NULL-
 * terminated list), each at most once, and stores each value in
 * vals[index of key] (NULL where absent).  `what` names the mapping in
 * messages ("a milestone").  False if `n` is not a mapping.
 */
static bool
fields(const struct ynode *n, const char *what, const char *const *keys,
       struct ynode **vals)
{
	size_t i, k, nkeys;

	for (nkeys = 0; keys[nkeys] != NULL; nkeys++)
		vals[nkeys] = NULL;
	if (n == NULL || n->type == YN_BAD)
		return false;
	if (n->type != YN_MAP) {
		struct buf b;

		buf_init(&b);
		join_keys(&b, keys);
		diag_error(&n->pos,
		           "expected %s, a mapping of key: value lines (keys: "
		           "%s), found %s",
		           _(what), b.data, ynode_kind(n));
		buf_free(&b);
		return false;
	}
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *key = n->kids[i];

		if (key->type == YN_BAD)
			continue;
		if (key->type != YN_SCALAR || key->null) {
			diag_error(&key->pos, "a key must be a plain word, "
			                      "such as title");
			continue;
		}
		for (k = 0; k < nkeys; k++)
			if (strcmp(keys[k], key->str) == 0)
				break;
		if (k == nkeys) {
			struct buf b;

			buf_init(&b);
			did_you_mean(&b, key->str, keys, nkeys);
			diag_error(&key->pos, "unknown key \"%s\" in %s%s",
			           key->str, _(what), b.data);
			buf_free(&b);
			continue;
		}
		if (vals[k] != NULL) {
			diag_error(&key->pos,
			           "the key \"%s\" is given twice in %s; "
			           "the first is at line %u",
			           key->str, _(what), vals[k]->pos.line);
			continue;
		}
		vals[k] = n->kids[i + 1];
	}
	return true;
}

/* A value is absent when the key is missing or has no value. */
static bool
absent(const struct ynode *v)
{
	return v == NULL || (v->type == YN_SCALAR && v->null);
}

/* Reports a missing required key of the mapping `map`. */
static void
missing(const struct ynode *map, const char *what, const char *key,
        const char *hint)
{
	diag_error(&map->pos, "%s has no \"%s\"%s%s", _(what), key,
	           hint ? "; " : "", hint ? _(hint) : "");
}

/* Up to about `n` bytes of s before and after p, on character
 * boundaries, with "…" where the text goes on. */
static void
excerpt(struct buf *b, const char *s, const char *p, size_t n)
{
	const char *from = p - s > (ptrdiff_t)n ? p - n : s;
	const char *to = strlen(p) > n ? p + n : p + strlen(p);

	while (from > s && (*from & 0xC0) == 0x80)
		from--;
	while (*to != '\0' && (*to & 0xC0) == 0x80)
		to++;
	if (from > s)
		buf_puts(b, "…");
	buf_append(b, from, (size_t)(to - from));
	if (*to != '\0')
		buf_puts(b, "…");
}

/*
 * Refuses the first character of v's text that the report cannot show
 * alike in both outputs, at the value, or at the character itself in a
 * plain one-line value (where columns can be counted).
 */
static bool
chars_ok(const struct ynode *v, const char *key)
{
	const char *p;
	unsigned cp;
	int len;

	for (p = v->str; (len = utf8_decode(p, &cp)) > 0; p += len)
		if (cp_classify(cp) != CP_SHOWN)
			break;
	if (len <= 0) /* the end, or not UTF-8: the reader reported it */
		return true;
	struct src_pos pos = v->pos;
	struct buf where, b;
	if (v->plain && memchr(v->str, '\n', (size_t)(p - v->str)) == NULL)
		for (const char *q = v->str; q < p; q++)
			pos.col += (*q & 0xC0) != 0x80;
	buf_init(&where);
	buf_init(&b);
	excerpt(&where, v->str, p, 40);
	cp_describe(&b, cp, where.data);
	diag_error(&pos, "the text of \"%s\" holds %s", key, b.data);
	buf_free(&where);
	buf_free(&b);
	return false;
}

/* Text into the model's pool, or NULL if absent or not text. */
static const char *
text(struct loader *ld, const struct ynode *v, const char *key)
{
	size_t len;
	char *s;

	if (absent(v) || v->type == YN_BAD)
		return NULL;
	if (v->type != YN_SCALAR) {
		diag_error(&v->pos, "expected text for \"%s\", found %s", key,
		           ynode_kind(v));
		return NULL;
	}
	/* The text is kept: a refused character makes the run fail, and
	 * the rest of the checks still see the value. */
	chars_ok(v, key);
	/* Block scalars (| and >) end in a line break; drop it. */
	len = strlen(v->str);
	while (len > 0 && v->str[len - 1] == '\n')
		len--;
	s = pool_strndup(&ld->m->pool, v->str, len);
	return s;
}

/* A scalar as a plain token (numbers, dates, keywords), or NULL. */
static const char *
token(const struct ynode *v, const char *key, const char *expected)
{
	if (absent(v) || v->type == YN_BAD)
		return NULL;
	if (v->type != YN_SCALAR) {
		diag_error(&v->pos, "expected %s for \"%s\", found %s",
		           _(expected), key, ynode_kind(v));
		return NULL;
	}
	return v->str;
}

static bool
date_field(const struct ynode *v, const char *key, struct pr_date *out)
{
	const char *s = token(v, key, "a date (YYYY-MM-DD)");

	return s != NULL && parse_date(s, &v->pos, out);
}

static bool
int_field(const struct ynode *v, const char *key, int min, int max, int *out)
{
	const char *s = token(v, key, "a whole number");
	double d;

	if (s == NULL)
		return false;
	if (!v->plain || !parse_number(s, &d) || d != (double)(long)d ||
	    d < min || d > max) {
		diag_error(&v->pos,
		           "\"%s\" is not allowed for \"%s\": expected a whole "
		           "number from %d to %d",
		           s, key, min, max);
		return false;
	}
	*out = (int)d;
	return true;
}

static void
bad_number(const struct ynode *v, const char *s, const char *key)
{
	const char *hint = "";

	if (strchr(s, ',') != NULL)
		hint = _(" (use a point as the decimal separator)");
	else if (!v->plain)
		hint = _(" (write numbers without quotes)");
	diag_error(&v->pos,
	           "\"%s\" is not allowed for \"%s\": expected a number such "
	           "as 42, -3 or 12.5%s, with at most %d digits before and %d "
	           "after the decimal point",
	           s, key, hint, NUM_MAX_INT, NUM_MAX_FRAC);
}

static bool
num_field(const struct ynode *v, const char *key, double *out)
{
	const char *s = token(v, key, "a number");

	if (s == NULL)
		return false;
	if (!v->plain || !parse_number(s, out)) {
		bad_number(v, s, key);
		return false;
	}
	return true;
}

static bool
bool_field(const struct ynode *v, const char *key, bool *out)
{
	const char *s = token(v, key, "true or false");

	if (s == NULL)
		return false;
	if (v->plain && strcmp(s, "true") == 0)
		*out = true;
	else if (v->plain && strcmp(s, "false") == 0)
		*out = false;
	else {
		diag_error(&v->pos,
		           "\"%s\" is not allowed for \"%s\": expected true or "
		           "false",
		           s, key);
		return false;
	}
	return true;
}

/* A list node, or NULL after reporting what was found instead. */
static const struct ynode *
list(const struct ynode *v, const char *key, const char *items)
{
	if (absent(v) || v->type == YN_BAD)
		return NULL;
	if (v->type != YN_SEQ) {
		diag_error(&v->pos,
		           "expected a list of %s for \"%s\" (lines starting "
		           "with \"- \"), found %s",
		           _(items), key, ynode_kind(v));
		return NULL;
	}
	return v;
}

/* Ids: letters, digits, '-', '_', '.'; they become anchors in the
 * HTML and keys in the history. */
static const char *
id_field(struct loader *ld, const struct ynode *map, const struct ynode *v,
         const char *what)
{
	const char *id = text(ld, v, "id"), *p;

	if (id == NULL) {
		if (absent(v))
			missing(map, what, "id", NULL);
		return NULL;
	}
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		      *p == '.'))
			break;
	if (*p != '\0' || *id == '\0' || strlen(id) > 64) {
		diag_error(&v->pos,
		           "the id \"%s\" is not allowed: an id has 1 to 64 "
		           "letters (A-Z, a-z), digits, '-', '_' or '.'",
		           id);
		return NULL;
	}
	return id;
}

/* Enters an id into the one id space; false if it was taken. */
static bool
claim_id(struct loader *ld, struct strmap *space, const char *id,
         const struct src_pos *pos, const char *what)
{
	struct src_pos *first = strmap_get(space, id), *p;

	if (first != NULL) {
		diag_error(pos,
		           "%s \"%s\" is given twice; it is first given at "
		           "%s:%u:%u",
		           _(what), id, first->file, first->line, first->col);
		return false;
	}
	p = pool_alloc(&ld->m->pool, sizeof(*p));
	*p = *pos;
	strmap_put(space, id, p);
	return true;
}

/*
 * A list of ids (involved: [a, b], topics: [...]) into *out, each with
 * its place; inputs_check.c looks them up once all files are read.
 */
static void
idlist_field(struct loader *ld, const struct ynode *v, const char *key,
             const char *items, struct idlist *out)
{
	const struct ynode *l = list(v, key, items);
	struct pool *p = &ld->m->pool;
	size_t i, k;

	if (l == NULL)
		return;
	out->ids = pool_alloc(p, (l->nkids + 1) * sizeof(*out->ids));
	out->pos = pool_alloc(p, (l->nkids + 1) * sizeof(*out->pos));
	out->refs = pool_alloc(p, (l->nkids + 1) * sizeof(*out->refs));
	for (i = 0; i < l->nkids; i++) {
		const struct ynode *e = l->kids[i];
		const char *id;

		if (absent(e)) {
			diag_error(&e->pos,
			           "an empty entry in \"%s\"; give one of "
			           "the %s on each line",
			           key, _(items));
			continue;
		}
		if ((id = text(ld, e, key)) == NULL)
			continue;
		for (k = 0; k < out->n; k++)
			if (strcmp(out->ids[k], id) == 0)
				break;
		if (k < out->n) {
			diag_error(&e->pos,
			           "\"%s\" is given twice in \"%s\"; the first "
			           "is at line %u",
			           id, key, out->pos[k].line);
			continue;
		}
		out->ids[out->n] = id;
		out->pos[out->n] = e->pos;
		out->n++;
	}
}

/* ------------------------------------------------------------------ */
/* Settings.                                                          */

/* One key a line, as in the enum below. */
/* clang-format off */
static const char *const settings_keys[] = {"organisation",
                                            "title",
                                            "subtitle",
                                            "committee",
                                            "session_date",
                                            "reporting_year",
                                            "cutoff_date",
                                            "language",
                                            "output_basename",
                                            "horizon_start",
                                            "horizon_end",
                                            "sample",
                                            "sample_notice",
                                            "accessibility_contact",
                                            "publication",
                                            "accessibility_statement",
                                            "adoption",
                                            "council_paper",
                                            NULL};
/* clang-format on */
enum {
	S_ORG,
	S_TITLE,
	S_SUBTITLE,
	S_COMMITTEE,
	S_SESSION,
	S_YEAR,
	S_CUTOFF,
	S_LANG,
	S_BASENAME,
	S_HSTART,
	S_HEND,
	S_SAMPLE,
	S_NOTICE,
	S_CONTACT,
	S_PUBLICATION,
	S_STATEMENT,
	S_ADOPTION,
	S_PAPER,
	S__N
};

static const char *const contact_keys[] = {"name", "email", "phone", "url",
                                           NULL};

static bool
valid_lang(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 2 || n > 3)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return false;
	return true;
}

/* docs/inputs.md, Limits; longer ones are not typed by people. */
#define MAX_URL   2000
#define MAX_EMAIL 254

static bool
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool
is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* A character RFC 3986 allows in a URI as it is (unreserved,
 * gen-delims, sub-delims); '%' is checked with what follows. */
static bool
uri_char(int c)
{
	return is_alnum(c) ||
	       (c != '\0' && strchr("-._~:/?#[]@!$&'()*+,;=", c) != NULL);
}

/* Why the character at p may not stand in a URI as it is. */
static void
url_char_problem(struct buf *why, const char *p)
{
	unsigned cp;
	int len = utf8_decode(p, &cp);

	if (*p == ' ')
		buf_puts(why, _("a space"));
	else if (*p == '%')
		/* xgettext:no-c-format */
		buf_puts(why, _("a '%' not followed by two hex digits"));
	else if (len > 0 && (cp < 0x20 || cp_classify(cp) == CP_CONTROL))
		buf_printf(why, _("the control character U+%04X"), cp);
	else if (len > 0)
		buf_printf(why, _("the character '%.*s' (U+%04X)"), len, p, cp);
	else
		buf_printf(why, _("the byte 0x%02X"),
		           (unsigned)(unsigned char)*p);
	buf_puts(why, _(" is not allowed in a web address (RFC 3986); write "
	                "it percent-encoded, such as %20 for a space"));
}

/* Why s is not an http(s) URI, or NULL if it is one. */
static const char *
url_problem(const char *s, struct buf *why)
{
	size_t n = strlen(s), skip;
	const char *p;

	if (strncasecmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return _("it must start with https:// or http://");
	if (n > MAX_URL) {
		buf_printf(why,
		           _("it has %zu characters; a web address may have "
		             "at most %d"),
		           n, MAX_URL);
		return why->data;
	}
	if (s[skip] == '\0' || strchr("/?#", s[skip]) != NULL)
		return _("it names no host after the //");
	for (p = s; *p != '\0'; p++) {
		if (*p == '%' && is_hex(p[1]) && is_hex(p[2])) {
			p += 2;
			continue;
		}
		if (uri_char((unsigned char)*p))
			continue;
		url_char_problem(why, p);
		return why->data;
	}
	return NULL;
}

/* The local part's characters of RFC 5322's dot-atom, but for '?',
 * which in a mailto: link would start headers (?bcc=...). */
static bool
atext(int c)
{
	return is_alnum(c) ||
	       (c != '\0' && strchr("!#$%&'*+-/=^_`{|}~", c) != NULL);
}

/* A plain address, local@domain.tld: dot-atoms, a domain of letters,
 * digits and '-' with at least one dot. */
static const char *
email_problem(const char *s)
{
	const char *at = strchr(s, '@'), *p;

	if (strncasecmp(s, "mailto:", 7) == 0)
		return _("write the address without \"mailto:\"");
	if (strchr(s, '?') != NULL)
		return _("a '?' (mail headers such as ?subject= or ?bcc=) is "
		         "not allowed");
	if (strlen(s) > MAX_EMAIL)
		return _("an e-mail address has at most 254 characters");
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return _("expected one '@' between the name and the domain");
	for (p = s; p < at; p++)
		if (!atext((unsigned char)*p) &&
		    !(*p == '.' && p != s && p[1] != '@' && p[1] != '.'))
			return _(
			    "the part before '@' may hold letters, digits, "
			    "single dots and !#$%&'*+-/=^_`{|}~");
	if (strchr(at, '.') == NULL)
		return _("the domain after '@' needs a dot, as in example.org");
	for (p = at + 1; *p != '\0'; p++)
		if (!is_alnum((unsigned char)*p) &&
		    !(*p == '-' && p[-1] != '.' && p[-1] != '@') &&
		    !(*p == '.' && p[-1] != '.' && p[-1] != '@' &&
		      p[1] != '\0'))
			return _(
			    "the domain after '@' may hold letters, digits, "
			    "'-' and single dots");
	return NULL;
}

/* A web address field: text that is an http(s) URI, else NULL.  The
 * text is the model pool's own copy, which may be changed. */
static const char *
url_field(struct loader *ld, const struct ynode *v, const char *key)
{
	const char *u = text(ld, v, key), *why;
	struct buf b;

	if (u == NULL)
		return NULL;
	buf_init(&b);
	if ((why = url_problem(u, &b)) != NULL) {
		struct buf q;
		buf_init(&q);
		excerpt(&q, u, u, 80); /* the start of a very long one */
		diag_error(&v->pos, "\"%s\" is not a web address; %s", q.data,
		           why);
		buf_free(&q);
		u = NULL;
	} else { /* the scheme in its canonical form, which links test */
		for (char *c = (char *)u; *c != ':'; c++)
			*c = (char)(*c | 0x20);
	}
	buf_free(&b);
	return u;
}

/* A contact's name, e-mail address and phone number, checked alike for
 * the accessibility contact and a unit's; `url` NULL where the mapping
 * takes no web address. */
struct contact {
	const char *name, *email, *phone, *url;
};

static void
load_contact_fields(struct loader *ld, const struct ynode *n, const char *what,
                    const char *const *keys, struct contact *c,
                    const char *name_hint)
{
	struct ynode *v[4];
	const char *why;

	if (!fields(n, what, keys, v))
		return;
	if ((c->name = text(ld, v[0], "name")) == NULL && absent(v[0]))
		missing(n, what, "name", name_hint);
	if ((c->email = text(ld, v[1], "email")) == NULL && absent(v[1]))
		missing(n, what, "email", NULL);
	else if (c->email && (why = email_problem(c->email)) != NULL) {
		diag_error(&v[1]->pos,
		           "\"%s\" is not an e-mail address such as "
		           "accessibility@example.org; %s",
		           c->email, why);
		c->email = NULL;
	}
	c->phone = text(ld, v[2], "phone");
	if (keys[3] != NULL)
		c->url = url_field(ld, v[3], "url");
}

static void
load_contact(struct loader *ld, const struct ynode *n)
{
	struct settings *s = &ld->m->settings;
	struct contact c = {0};

	load_contact_fields(ld, n, N_("the accessibility contact"),
	                    contact_keys, &c, N_("the office people write to"));
	s->contact_name = c.name;
	s->contact_email = c.email;
	s->contact_phone = c.phone;
	s->contact_url = c.url;
}

static const char *const publication_keys[] = {"files_url", "oparl_url",
                                               "license", NULL};

/* One URL of the publication block (an http(s) URI, as OParl clients
 * take it); NULL if absent or refused.  A base gets the files' names
 * appended, so it takes no query or fragment. */
static const char *
publication_url(struct loader *ld, const struct ynode *v, const char *key,
                bool base)
{
	const char *u = url_field(ld, v, key);

	if (u != NULL && base && strpbrk(u, "?#") != NULL) {
		diag_error(
		    &v->pos,
		    "\"%s\" is not allowed as %s: the names of the "
		    "report files are added to it, so it may hold no "
		    "'?' or '#', such as https://www.example.org/berichte",
		    u, key);
		return NULL;
	}
	return u;
}

/* Where the published files and their OParl objects will be found. */
static void
load_publication(struct loader *ld, const struct ynode *n)
{
	struct settings *s = &ld->m->settings;
	struct ynode *v[3];

	if (!fields(n, "the publication settings", publication_keys, v))
		return;
	s->files_url = publication_url(ld, v[0], "files_url", true);
	if (s->files_url == NULL && absent(v[0]))
		missing(n, "the publication settings", "files_url",
		        "the web address the reports are published under");
	s->oparl_url = publication_url(ld, v[1], "oparl_url", true);
	s->license = publication_url(ld, v[2], "license", false);
}

static const char *const statement_keys[] = {
    "conformance",      "assessed",        "method", "limitations",
    "enforcement_name", "enforcement_url", NULL};

/* The facts of the accessibility statement that BITV 2.0 § 7 and the EU
 * model statement ask for. */
static void
load_statement(struct loader *ld, const struct ynode *n)
{
	static const char *const levels[] = {"full", "partial", "none", NULL};
	const char *what = N_("the accessibility statement");
	struct settings *s = &ld->m->settings;
	struct ynode *v[6];
	const char *c;
	size_t i;

	if (!fields(n, what, statement_keys, v))
		return;
	if ((c = text(ld, v[0], "conformance")) == NULL && absent(v[0]))
		missing(n, what, "conformance",
		        "full, partial or none: how far the report meets "
		        "BITV 2.0");
	for (i = 0; c != NULL && levels[i] != NULL; i++)
		if (strcmp(c, levels[i]) == 0)
			s->conformance = levels[i];
	if (c != NULL && s->conformance == NULL)
		diag_error(&v[0]->pos,
		           "\"%s\" is not allowed for \"conformance\"; allowed "
		           "are full, partial and none",
		           c);
	if (!date_field(v[1], "assessed", &s->assessed) && absent(v[1]))
		missing(n, what, "assessed",
		        "the date of the assessment, YYYY-MM-DD");
	s->assessment_method = text(ld, v[2], "method");
	s->limitations = text(ld, v[3], "limitations");
	if (s->conformance != NULL && strcmp(s->conformance, "full") != 0 &&
	    s->limitations == NULL && absent(v[3]))
		missing(n, what, "limitations",
		        "the parts that are not accessible, and why");
	if ((s->enforcement_name = text(ld, v[4], "enforcement_name")) ==
	        NULL &&
	    absent(v[4]))
		missing(n, what, "enforcement_name",
		        "the body of the enforcement procedure, such as the "
		        "Schlichtungsstelle nach § 16 BGG");
	if ((s->enforcement_url = url_field(ld, v[5], "enforcement_url")) ==
	        NULL &&
	    absent(v[5]))
		missing(n, what, "enforcement_url",
		        "the web address of the enforcement procedure");
}

static const char *const adoption_keys[] = {"date", "paper", NULL};

/* When the council adopted the strategy, and under which paper. */
static void
load_adoption(struct loader *ld, const struct ynode *n)
{
	struct settings *s = &ld->m->settings;
	const char *what = "the adoption of the strategy";
	struct ynode *v[2];

	if (!fields(n, what, adoption_keys, v))
		return;
	if (!date_field(v[0], "date", &s->adopted) && absent(v[0]))
		missing(n, what, "date",
		        "the day the council adopted the strategy, YYYY-MM-DD");
	if ((s->adoption_paper = text(ld, v[1], "paper")) == NULL &&
	    absent(v[1]))
		missing(n, what, "paper",
		        "the number of the council paper, such as 1130/25");
}

static bool
valid_basename(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '.' || strlen(s) > 100)
		return false;
	for (p = s; *p; p++) {
		if (*p == '%') {
			if (p[1] != 'Y')
				return false;
			p++;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		      *p == '.'))
			return false;
	}
	return true;
}

static void load_settings_fields(struct loader *, const struct ynode *,
                                 const char *what);

static void
load_settings(struct loader *ld, const struct ynode *key, const struct ynode *n)
{
	struct settings *s = &ld->m->settings;
	const char *what = N_("the settings mapping");
	unsigned errors;

	if (ld->have_settings) {
		diag_error(&key->pos,
		           "settings are given a second time; they are first "
		           "given at %s:%u:%u (exactly one file holds them)",
		           ld->settings_pos.file, ld->settings_pos.line,
		           ld->settings_pos.col);
		return;
	}
	ld->have_settings = true;
	ld->settings_pos = key->pos;
	s->pos = key->pos;
	errors = diag_count(DIAG_ERROR);
	load_settings_fields(ld, n, what);
	ld->settings_failed = diag_count(DIAG_ERROR) > errors;
}

static void
load_settings_fields(struct loader *ld, const struct ynode *n, const char *what)
{
	struct settings *s = &ld->m->settings;
	struct ynode *v[S__N];
	int y;

	if (!fields(n, what, settings_keys, v))
		return;
	if ((s->organisation = text(ld, v[S_ORG], "organisation")) == NULL &&
	    absent(v[S_ORG]))
		missing(n, what, "organisation", "the authority's name");
	if ((s->title = text(ld, v[S_TITLE], "title")) == NULL &&
	    absent(v[S_TITLE]))
		missing(n, what, "title", "the report's title");
	s->subtitle = text(ld, v[S_SUBTITLE], "subtitle");
	if ((s->committee = text(ld, v[S_COMMITTEE], "committee")) == NULL &&
	    absent(v[S_COMMITTEE]))
		missing(n, what, "committee",
		        "the committee that receives "
		        "the report");
	date_field(v[S_SESSION], "session_date", &s->session_date);
	if (int_field(v[S_YEAR], "reporting_year", 1900, 2200, &y)) {
		s->year = y;
		ld->have_year = true;
	}
	if (date_field(v[S_CUTOFF], "cutoff_date", &s->cutoff)) {
		ld->have_cutoff = true;
		ld->cutoff_pos = v[S_CUTOFF]->pos;
	}
	if (v[S_LANG] != NULL)
		s->lang_pos = v[S_LANG]->pos;
	if ((s->lang = text(ld, v[S_LANG], "language")) == NULL &&
	    absent(v[S_LANG]))
		missing(n, what, "language", "such as de or en");
	else if (s->lang && !valid_lang(s->lang)) {
		diag_error(&v[S_LANG]->pos,
		           "\"%s\" is not a language code; use two lower-case "
		           "letters such as de or en",
		           s->lang);
		s->lang = NULL;
	}
	s->output_basename = text(ld, v[S_BASENAME], "output_basename");
	if (s->output_basename && !valid_basename(s->output_basename)) {
		diag_error(&v[S_BASENAME]->pos,
		           "\"%s\" is not allowed as a file name: use letters, "
		           "digits, '-', '_', '.' and %%Y for the year, such "
		           "as progress-report-%%Y",
		           s->output_basename);
		s->output_basename = NULL;
	}
	int_field(v[S_HSTART], "horizon_start", 1900, 2200, &s->horizon_start);
	int_field(v[S_HEND], "horizon_end", 1900, 2200, &s->horizon_end);
	if (s->horizon_start && s->horizon_end &&
	    s->horizon_end < s->horizon_start)
		diag_error(&v[S_HEND]->pos,
		           "the horizon ends (%d) before it starts (%d)",
		           s->horizon_end, s->horizon_start);
	else if ((s->horizon_start != 0) != (s->horizon_end != 0))
		diag_error(&n->pos, "give both horizon_start and horizon_end, "
		                    "or neither");
	bool_field(v[S_SAMPLE], "sample", &s->sample);
	s->sample_notice = text(ld, v[S_NOTICE], "sample_notice");
	if (absent(v[S_CONTACT]))
		missing(n, what, "accessibility_contact",
		        "a mapping with name, email and optionally phone "
		        "and url");
	else
		load_contact(ld, v[S_CONTACT]);
	if (!absent(v[S_PUBLICATION]))
		load_publication(ld, v[S_PUBLICATION]);
	if (!absent(v[S_STATEMENT]))
		load_statement(ld, v[S_STATEMENT]);
	if (!absent(v[S_ADOPTION]))
		load_adoption(ld, v[S_ADOPTION]);
	s->council_paper = text(ld, v[S_PAPER], "council_paper");
}

/* ------------------------------------------------------------------ */
/* Structure: resolution points and their aspects.                    */

static const char *const point_keys[] = {
    "id",        "title",      "short_title", "description", "responsible",
    "narrative", "easy_title", "involved",    "aspects",     NULL};
/* Aspects have the same keys except that they nest no further. */
static const char *const aspect_keys[] = {
    "id",        "title",      "short_title", "description", "responsible",
    "narrative", "easy_title", "involved",    NULL};

static void
load_aspect(struct loader *ld, const struct ynode *n, struct aspect *parent)
{
	struct model *m = ld->m;
	struct ynode *v[9];
	const char *what = parent ? N_("an aspect") : N_("a resolution point");
	const struct ynode *kids;
	struct aspect *a;
	const char *id;
	size_t i;

	if (!fields(n, what, parent ? aspect_keys : point_keys, v))
		return;
	id = id_field(ld, n, v[0], what);
	if (id == NULL || !claim_id(ld, &ld->ids, id, &v[0]->pos, "the id"))
		return;
	/* From here on, messages name it. */
	{
		struct buf w;

		buf_init(&w);
		buf_printf(&w,
		           parent ? _("the aspect \"%s\"")
		                  : _("the resolution point \"%s\""),
		           id);
		what = pool_strndup(&m->pool, w.data, w.len);
		buf_free(&w);
	}
	a = pool_alloc(&m->pool, sizeof(*a));
	a->id = id;
	a->pos = n->pos;
	a->parent = parent;
	if ((a->title = text(ld, v[1], "title")) == NULL && absent(v[1]))
		missing(n, what, "title", NULL);
	a->short_title = text(ld, v[2], "short_title");
	a->description = text(ld, v[3], "description");
	if ((a->unit = text(ld, v[4], "responsible")) != NULL)
		a->unit_pos = v[4]->pos;
	if (a->unit == NULL && parent == NULL && absent(v[4]))
		missing(n, what, "responsible",
		        "the id of the unit responsible for it (see units)");
	a->narrative = text(ld, v[5], "narrative");
	a->easy_title = text(ld, v[6], "easy_title");
	idlist_field(ld, v[7], "involved", N_("unit ids"), &a->involved);
	m->aspects = grow(m->aspects, m->naspects, sizeof(*m->aspects));
	m->aspects[m->naspects++] = a;
	if (parent != NULL) {
		parent->children = grow(parent->children, parent->nchildren,
		                        sizeof(*parent->children));
		parent->children[parent->nchildren++] = a;
		if (a->unit == NULL) {
			a->unit = parent->unit;
			a->unit_pos = parent->unit_pos;
		}
		return;
	}
	if ((kids = list(v[8], "aspects", "aspects")) != NULL)
		for (i = 0; i < kids->nkids; i++)
			load_aspect(ld, kids->kids[i], a);
}

/* ------------------------------------------------------------------ */
/* Milestones.                                                        */

/* One key a line, as in the enum below. */
/* clang-format off */
static const char *const ms_keys[] = {"id",
                                      "aspect",
                                      "title",
                                      "description",
                                      "responsible",
                                      "planned",
                                      "forecast",
                                      "completed",
                                      "status",
                                      "progress",
                                      "explanation",
                                      "updated",
                                      "easy_title",
                                      "easy_explanation",
                                      "cause",
                                      "countermeasure",
                                      "involved",
                                      "topics",
                                      "highlight",
                                      NULL};
/* clang-format on */
enum {
	M_ID,
	M_ASPECT,
	M_TITLE,
	M_DESC,
	M_RESP,
	M_PLANNED,
	M_FORECAST,
	M_COMPLETED,
	M_STATUS,
	M_PROGRESS,
	M_EXPL,
	M_UPDATED,
	M_EASY_TITLE,
	M_EASY_EXPL,
	M_CAUSE,
	M_MEASURE,
	M_INVOLVED,
	M_TOPICS,
	M_HIGHLIGHT,
	M__N
};

static void
status_list(struct buf *b)
{
	int i;

	for (i = 0; i < MS_STATUS__MAX; i++)
		buf_printf(b, "%s%s", i ? ", " : "",
		           ms_status_key((enum ms_status)i));
}

static bool
status_field(const struct ynode *v, enum ms_status *out)
{
	const char *keys[MS_STATUS__MAX];
	const char *s = token(v, "status", "a status");
	struct buf b;
	char tmp[64];
	size_t i;

	if (s == NULL)
		return false;
	if (ms_status_from_key(s, out))
		return true;
	for (i = 0; i < MS_STATUS__MAX; i++)
		keys[i] = ms_status_key((enum ms_status)i);
	/* "in progress" and "at-risk" are near misses too. */
	snprintf(tmp, sizeof(tmp), "%s", s);
	for (i = 0; tmp[i]; i++)
		if (tmp[i] == ' ' || tmp[i] == '-')
			tmp[i] = '_';
	buf_init(&b);
	did_you_mean(&b, tmp, keys, MS_STATUS__MAX);
	diag_error(&v->pos, "unknown status \"%s\"%s", s, b.data);
	buf_free(&b);
	return false;
}

/*
 * Cause and countermeasure, or the older single explanation that holds
 * both: it stays readable, with a warning that names the two fields,
 * so that inputs written before them keep working.  The inputs of the
 * forms' import and of the updates go through here too.
 */
static void
load_reasons(struct loader *ld, struct milestone *ms, const struct ynode *cause,
             const struct ynode *measure, const struct ynode *expl)
{
	if (cause != NULL) {
		ms->cause = text(ld, cause, "cause");
		ms->cause_pos = cause->pos;
	}
	if (measure != NULL) {
		ms->countermeasure = text(ld, measure, "countermeasure");
		ms->countermeasure_pos = measure->pos;
	}
	if (expl == NULL)
		return;
	ms->explanation = text(ld, expl, "explanation");
	ms->explanation_pos = expl->pos;
	if (ms->explanation == NULL)
		return;
	if (ms->cause != NULL || ms->countermeasure != NULL) {
		diag_error(&expl->pos,
		           "the milestone \"%s\" gives both \"explanation\" "
		           "and \"%s\"; keep only cause and countermeasure, "
		           "the two parts of the explanation",
		           ms->id, ms->cause ? "cause" : "countermeasure");
		ms->explanation = NULL;
		return;
	}
	diag_warning(&expl->pos,
	             "the milestone \"%s\" gives a single \"explanation\"; "
	             "write it as its two parts, \"cause\" (why it deviates) "
	             "and \"countermeasure\" (what is done about it), which "
	             "the report prints separately",
	             ms->id);
}

static void
load_milestone(struct loader *ld, const struct ynode *n)
{
	struct model *m = ld->m;
	struct ynode *v[M__N];
	struct milestone *ms;
	struct buf what;
	const char *id;
	bool have_status, have_progress;

	if (!fields(n, "a milestone", ms_keys, v))
		return;
	id = id_field(ld, n, v[M_ID], "a milestone");
	if (id == NULL || !claim_id(ld, &ld->ids, id, &v[M_ID]->pos, "the id"))
		return;
	buf_init(&what);
	buf_printf(&what, _("the milestone \"%s\""), id);
	ms = pool_alloc(&m->pool, sizeof(*ms));
	ms->id = id;
	ms->pos = n->pos;
	if ((ms->aspect_id = text(ld, v[M_ASPECT], "aspect")) == NULL &&
	    absent(v[M_ASPECT]))
		missing(n, what.data, "aspect",
		        "the id of the aspect it belongs to");
	if (v[M_ASPECT] != NULL)
		ms->aspect_pos = v[M_ASPECT]->pos;
	if ((ms->title = text(ld, v[M_TITLE], "title")) == NULL &&
	    absent(v[M_TITLE]))
		missing(n, what.data, "title", NULL);
	ms->description = text(ld, v[M_DESC], "description");
	ms->easy_title = text(ld, v[M_EASY_TITLE], "easy_title");
	ms->easy_explanation = text(ld, v[M_EASY_EXPL], "easy_explanation");
	if ((ms->unit = text(ld, v[M_RESP], "responsible")) != NULL)
		ms->unit_pos = v[M_RESP]->pos;
	idlist_field(ld, v[M_INVOLVED], "involved", N_("unit ids"),
	             &ms->involved);
	idlist_field(ld, v[M_TOPICS], "topics", N_("topic ids"), &ms->topics);
	if (v[M_HIGHLIGHT] != NULL)
		bool_field(v[M_HIGHLIGHT], "highlight", &ms->highlight);
	if (!date_field(v[M_PLANNED], "planned", &ms->planned) &&
	    absent(v[M_PLANNED]))
		missing(n, what.data, "planned",
		        "the date the adopted strategy plans, YYYY-MM-DD");
	date_field(v[M_FORECAST], "forecast", &ms->forecast);
	date_field(v[M_COMPLETED], "completed", &ms->completed);
	have_status = status_field(v[M_STATUS], &ms->status);
	if (!have_status && absent(v[M_STATUS])) {
		struct buf b;

		buf_init(&b);
		buf_puts(&b, _("allowed are "));
		status_list(&b);
		missing(n, what.data, "status", b.data);
		buf_free(&b);
	}
	if (have_status)
		ms->status_pos = v[M_STATUS]->pos;
	have_progress =
	    int_field(v[M_PROGRESS], "progress", 0, 100, &ms->progress);
	if (!have_progress && have_status && ms->status == MS_DONE &&
	    absent(v[M_PROGRESS]))
		ms->progress = 100;
	load_reasons(ld, ms, v[M_CAUSE], v[M_MEASURE], v[M_EXPL]);
	date_field(v[M_UPDATED], "updated", &ms->updated);
	if (v[M_PROGRESS] != NULL)
		ms->progress_pos = v[M_PROGRESS]->pos;
	if (v[M_COMPLETED] != NULL)
		ms->completed_pos = v[M_COMPLETED]->pos;
	if (v[M_FORECAST] != NULL)
		ms->forecast_pos = v[M_FORECAST]->pos;
	buf_free(&what);
	m->milestones =
	    grow(m->milestones, m->nmilestones, sizeof(*m->milestones));
	m->milestones[m->nmilestones++] = ms;
}

/* ------------------------------------------------------------------ */
/* Indicators.                                                        */

static const char *const ind_keys[] = {
    "id",          "aspect", "title",    "unit",   "direction", "decimals",
    "baseline",    "target", "values",   "source", "source_id", "note",
    "responsible", "csv",    "involved", "topics", NULL};
enum {
	I_ID,
	I_ASPECT,
	I_TITLE,
	I_UNIT,
	I_DIR,
	I_DEC,
	I_BASE,
	I_TARGET,
	I_VALUES,
	I_SOURCE,
	I_SOURCE_ID,
	I_NOTE,
	I_RESP,
	I_CSV,
	I_INVOLVED,
	I_TOPICS,
	I__N
};

static const char *const point_value_keys[] = {"year", "value", NULL};

/* baseline: and target: mappings of year and value. */
static bool
year_value(const struct ynode *n, const char *what, int *year, double *value)
{
	struct ynode *v[2];
	bool ok = true;

	if (!fields(n, what, point_value_keys, v))
		return false;
	if (absent(v[0])) {
		missing(n, what, "year", NULL);
		ok = false;
	} else
		ok &= int_field(v[0], "year", 1900, 2200, year);
	if (absent(v[1])) {
		missing(n, what, "value", NULL);
		ok = false;
	} else
		ok &= num_field(v[1], "value", value);
	return ok;
}

void
add_value(struct loader *ld, struct indicator *ind, int year, double value,
          const struct src_pos *pos)
{
	struct year_value *yv;

	(void)ld;
	ind->values = grow(ind->values, ind->nvalues, sizeof(*ind->values));
	yv = &ind->values[ind->nvalues++];
	yv->year = year;
	yv->value = value;
	yv->pos = *pos;
}

static void
load_values(struct loader *ld, struct indicator *ind, const struct ynode *n)
{
	size_t i;

	if (absent(n) || n->type == YN_BAD)
		return;
	if (n->type != YN_MAP) {
		diag_error(&n->pos,
		           "expected the yearly values as a mapping of year: "
		           "value lines (such as 2026: 190), found %s",
		           ynode_kind(n));
		return;
	}
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];
		double d;
		int y;

		if (k->type == YN_BAD || v->type == YN_BAD)
			continue;
		if (k->type != YN_SCALAR || !parse_year(k->str, &y)) {
			diag_error(&k->pos,
			           "\"%s\" is not a year: the keys of values "
			           "are years from 1900 to 2200, such as 2026",
			           k->type == YN_SCALAR ? k->str : "?");
			continue;
		}
		if (absent(v))
			continue; /* a gap, written out */
		if (num_field(v, k->str, &d))
			add_value(ld, ind, y, d, &k->pos);
	}
}

static const char *const csv_keys[] = {"file", "layout",   "columns",
                                       "rows", "encoding", NULL};
enum { C_FILE, C_LAYOUT, C_COLUMNS, C_ROWS, C_ENC, C__N };
static const char *const csv_col_keys[] = {"year", "value", NULL};
/* What a mapping may declare, and iconv's name for it. */
static const char *const enc_keys[] = {"utf-8", "windows-1252", "iso-8859-1",
                                       NULL};
static const char *const enc_iconv[] = {"UTF-8", "WINDOWS-1252", "ISO-8859-1"};

/* A scalar key or value of a mapping in a csv: block, as text. */
static const char *
cell_text(struct loader *ld, const struct ynode *v, const char *key)
{
	if (v->type == YN_SCALAR && v->null)
		return ""; /* the empty cell */
	return text(ld, v, key);
}

static bool
csv_file_name(struct loader *ld, const struct ynode *v, struct csv_map *map)
{
	const char *s = text(ld, v, "file");
	size_t len;

	if (s == NULL)
		return false;
	len = strlen(s);
	if (strchr(s, '/') != NULL || s[0] == '.' || len < 5 ||
	    strcmp(s + len - 4, ".csv") != 0) {
		diag_error(&v->pos,
		           "\"%s\" is not allowed for \"file\": give the name "
		           "of a .csv file in the inputs folder, without a "
		           "folder, such as genesis-12411-0001.csv",
		           s);
		return false;
	}
	map->file = s;
	map->file_pos = v->pos;
	return true;
}

static void
csv_encoding(const struct ynode *v, struct csv_map *map)
{
	const char *s = token(v, "encoding", "an encoding");
	struct buf b;
	size_t k;

	if (s == NULL)
		return;
	for (k = 0; enc_keys[k] != NULL; k++)
		if (strcasecmp(s, enc_keys[k]) == 0) {
			map->encoding = enc_iconv[k];
			return;
		}
	buf_init(&b);
	did_you_mean(&b, s, enc_keys, k);
	diag_error(&v->pos, "unknown encoding \"%s\"%s", s, b.data);
	buf_free(&b);
}

static bool
csv_columns(struct loader *ld, const struct ynode *n, struct csv_map *map)
{
	struct ynode *v[2];
	const char *what = N_("the columns of a csv mapping");

	if (map->wide) {
		if (!absent(n))
			diag_error(&n->pos,
			           "\"columns\" is for a long table; with "
			           "layout: wide the years are the column "
			           "names, so leave columns out");
		return !absent(n) ? false : true;
	}
	if (absent(n)) {
		diag_error(&map->pos,
		           "a csv mapping has no \"columns\"; name the "
		           "columns of the year and the value, such as "
		           "columns: {year: Jahr, value: Wert}");
		return false;
	}
	if (!fields(n, what, csv_col_keys, v))
		return false;
	if (absent(v[0]) || absent(v[1])) {
		diag_error(&n->pos,
		           "the columns of a csv mapping need \"%s\": the "
		           "name of that column in the file's header",
		           absent(v[0]) ? "year" : "value");
		return false;
	}
	map->year_col = text(ld, v[0], "year");
	map->value_col = text(ld, v[1], "value");
	return map->year_col != NULL && map->value_col != NULL;
}

static bool
csv_rows(struct loader *ld, const struct ynode *n, struct csv_map *map)
{
	size_t i, k = 0;

	if (absent(n) || n->type == YN_BAD)
		return n == NULL || n->type != YN_BAD;
	if (n->type != YN_MAP) {
		diag_error(&n->pos,
		           "expected the rows as a mapping of column: value "
		           "(such as Series: SP_DYN_LE00), found %s",
		           ynode_kind(n));
		return false;
	}
	map->nrows = n->nkids / 2;
	map->row_col =
	    pool_alloc(&ld->m->pool, (map->nrows + 1) * sizeof(*map->row_col));
	map->row_val =
	    pool_alloc(&ld->m->pool, (map->nrows + 1) * sizeof(*map->row_val));
	for (i = 0; i + 1 < n->nkids; i += 2, k++) {
		map->row_col[k] = cell_text(ld, n->kids[i], "rows");
		map->row_val[k] = cell_text(ld, n->kids[i + 1], "rows");
		if (map->row_col[k] == NULL || map->row_val[k] == NULL)
			return false;
	}
	return true;
}

/* csv: where a delivered table holds the indicator's values. */
static void
load_csv_map(struct loader *ld, struct indicator *ind, const struct ynode *n)
{
	struct ynode *v[C__N];
	struct csv_map map;
	const char *s;
	bool ok;

	if (absent(n) || !fields(n, "a csv mapping", csv_keys, v))
		return;
	memset(&map, 0, sizeof(map));
	map.ind = ind;
	map.pos = n->pos;
	if (absent(v[C_FILE])) {
		missing(n, "a csv mapping", "file",
		        "the name of the .csv file in the inputs folder");
		ok = false;
	} else
		ok = csv_file_name(ld, v[C_FILE], &map);
	if ((s = token(v[C_LAYOUT], "layout", "long or wide")) != NULL) {
		if (strcmp(s, "wide") == 0)
			map.wide = true;
		else if (strcmp(s, "long") != 0) {
			diag_error(&v[C_LAYOUT]->pos,
			           "unknown layout \"%s\"; allowed are long "
			           "(a column of years and a column of "
			           "values) and wide (one column per year)",
			           s);
			ok = false;
		}
	}
	csv_encoding(v[C_ENC], &map);
	ok &= csv_columns(ld, v[C_COLUMNS], &map);
	ok &= csv_rows(ld, v[C_ROWS], &map);
	if (!ok)
		return;
	ld->maps = grow(ld->maps, ld->nmaps, sizeof(*ld->maps));
	ld->maps[ld->nmaps++] = map;
}

static void
load_indicator(struct loader *ld, const struct ynode *n)
{
	struct model *m = ld->m;
	struct ynode *v[I__N];
	struct indicator *ind;
	struct buf what, w2;
	const char *id, *s;

	if (!fields(n, "an indicator", ind_keys, v))
		return;
	id = id_field(ld, n, v[I_ID], "an indicator");
	if (id == NULL || !claim_id(ld, &ld->ids, id, &v[I_ID]->pos, "the id"))
		return;
	buf_init(&what);
	buf_init(&w2);
	buf_printf(&what, _("the indicator \"%s\""), id);
	ind = pool_alloc(&m->pool, sizeof(*ind));
	ind->id = id;
	ind->pos = n->pos;
	if ((ind->aspect_id = text(ld, v[I_ASPECT], "aspect")) == NULL &&
	    absent(v[I_ASPECT]))
		missing(n, what.data, "aspect",
		        "the id of the aspect it measures");
	if (v[I_ASPECT] != NULL)
		ind->aspect_pos = v[I_ASPECT]->pos;
	if ((ind->title = text(ld, v[I_TITLE], "title")) == NULL &&
	    absent(v[I_TITLE]))
		missing(n, what.data, "title", NULL);
	if ((ind->unit = text(ld, v[I_UNIT], "unit")) == NULL &&
	    absent(v[I_UNIT]))
		missing(n, what.data, "unit",
		        "what is counted, such as % or days");
	ind->direction = 0;
	if ((s = token(v[I_DIR], "direction", "higher or lower")) != NULL) {
		if (strcmp(s, "higher") == 0)
			ind->direction = 1;
		else if (strcmp(s, "lower") == 0)
			ind->direction = -1;
		else
			diag_error(&v[I_DIR]->pos,
			           "unknown direction \"%s\"; allowed are "
			           "higher (higher is better) and lower "
			           "(lower is better)",
			           s);
	} else if (absent(v[I_DIR]))
		missing(n, what.data, "direction", "higher or lower");
	int_field(v[I_DEC], "decimals", 0, NUM_MAX_FRAC, &ind->decimals);
	buf_printf(&w2, _("the baseline of %s"), what.data);
	if (absent(v[I_BASE]))
		missing(n, what.data, "baseline",
		        "a mapping of year and value");
	else if (year_value(v[I_BASE], w2.data, &ind->baseline_year,
	                    &ind->baseline))
		ind->baseline_pos = v[I_BASE]->pos;
	buf_reset(&w2);
	buf_printf(&w2, _("the target of %s"), what.data);
	if (absent(v[I_TARGET]))
		missing(n, what.data, "target", "a mapping of year and value");
	else if (year_value(v[I_TARGET], w2.data, &ind->target_year,
	                    &ind->target))
		ind->target_pos = v[I_TARGET]->pos;
	load_values(ld, ind, v[I_VALUES]);
	ind->source = text(ld, v[I_SOURCE], "source");
	ind->source_id = text(ld, v[I_SOURCE_ID], "source_id");
	if (v[I_SOURCE_ID] != NULL)
		ind->source_id_pos = v[I_SOURCE_ID]->pos;
	ind->note = text(ld, v[I_NOTE], "note");
	if ((ind->responsible = text(ld, v[I_RESP], "responsible")) != NULL)
		ind->responsible_pos = v[I_RESP]->pos;
	idlist_field(ld, v[I_INVOLVED], "involved", N_("unit ids"),
	             &ind->involved);
	idlist_field(ld, v[I_TOPICS], "topics", N_("topic ids"), &ind->topics);
	load_csv_map(ld, ind, v[I_CSV]);
	buf_free(&what);
	buf_free(&w2);
	m->indicators =
	    grow(m->indicators, m->nindicators, sizeof(*m->indicators));
	m->indicators[m->nindicators++] = ind;
}

/* ------------------------------------------------------------------ */
/* Glossary and sources.                                              */

static const char *const gloss_keys[] = {"term", "expansion", "lang", NULL};
static const char *const source_keys[] = {"id", "title", "url", NULL};

/*
 * The terms are searched for with one regular expression, whose
 * compiled size PCRE2 limits (64 KiB): these limits keep the worst
 * case below it (docs/inputs.md, Limits).
 */
#define MAX_TERMS    300
#define MAX_TERM_LEN 32 /* characters */

static bool
term_ok(struct loader *ld, const struct glossary_entry *g)
{
	size_t chars = 0;
	bool blank = true;

	for (const char *p = g->term; *p != '\0'; p++) {
		chars += (*p & 0xC0) != 0x80;
		blank = blank && (*p == ' ' || *p == '\n');
	}
	if (blank) {
		diag_error(&g->pos,
		           "the glossary term \"%s\" has only "
		           "spaces; a term needs a letter, digit or "
		           "sign, such as OZG",
		           g->term);
		return false;
	}
	if (chars > MAX_TERM_LEN) {
		diag_error(&g->pos,
		           "the glossary term has %zu characters; a term may "
		           "have at most %d (it is an abbreviation)",
		           chars, MAX_TERM_LEN);
		return false;
	}
	if (ld->m->nglossary < MAX_TERMS)
		return true;
	if (!ld->terms_told)
		diag_error(&g->pos,
		           "more than %d glossary terms; the glossary may "
		           "hold at most %d (this term and those after it "
		           "are too many)",
		           MAX_TERMS, MAX_TERMS);
	ld->terms_told = true;
	return false;
}

static void
load_glossary_entry(struct loader *ld, const struct ynode *n)
{
	struct model *m = ld->m;
	struct glossary_entry g = {0};
	struct ynode *v[3];
	const char *what = N_("a glossary entry");

	if (!fields(n, what, gloss_keys, v))
		return;
	if ((g.term = text(ld, v[0], "term")) == NULL) {
		if (absent(v[0]))
			missing(n, what, "term",
			        "the abbreviation, such as "
			        "OZG");
		return;
	}
	if ((g.expansion = text(ld, v[1], "expansion")) == NULL) {
		if (absent(v[1]))
			missing(n, what, "expansion",
			        "what the abbreviation stands for");
		return;
	}
	g.lang = text(ld, v[2], "lang");
	if (g.lang != NULL && !valid_lang(g.lang)) {
		diag_error(&v[2]->pos,
		           "\"%s\" is not a language code; use two lower-case "
		           "letters such as de or en",
		           g.lang);
		g.lang = NULL;
	}
	g.pos = v[0]->pos;
	if (!term_ok(ld, &g))
		return;
	if (!claim_id(ld, &ld->glossary, g.term, &g.pos, "the glossary term"))
		return;
	m->glossary = grow(m->glossary, m->nglossary, sizeof(*m->glossary));
	m->glossary[m->nglossary++] = g;
}

static void
load_source(struct loader *ld, const struct ynode *n)
{
	struct model *m = ld->m;
	struct source_entry e = {0};
	struct ynode *v[3];
	const char *what = N_("a source");

	if (!fields(n, what, source_keys, v))
		return;
	if ((e.id = id_field(ld, n, v[0], what)) == NULL)
		return;
	if ((e.title = text(ld, v[1], "title")) == NULL) {
		if (absent(v[1]))
			missing(n, what, "title", NULL);
		return;
	}
	e.url = url_field(ld, v[2], "url");
	e.pos = v[0]->pos;
	if (!claim_id(ld, &ld->sources, e.id, &e.pos, "the source id"))
		return;
	m->sources = grow(m->sources, m->nsources, sizeof(*m->sources));
	m->sources[m->nsources++] = e;
}

/* ------------------------------------------------------------------ */
/* Organisational units and topics.                                   */

static const char *const unit_keys[] = {"id", "name", "short_name", "contact",
                                        NULL};
static const char *const unit_contact_keys[] = {"name", "email", "phone", NULL};
static const char *const topic_keys[] = {"id", "name", NULL};

static void
load_unit(struct loader *ld, const struct ynode *n)
{
	struct model *m = ld->m;
	struct ynode *v[4];
	struct org_unit *u;
	struct buf what;
	const char *id;

	if (!fields(n, "a unit", unit_keys, v))
		return;
	if ((id = id_field(ld, n, v[0], "a unit")) == NULL)
		return;
	if (!claim_id(ld, &ld->units, id, &v[0]->pos, "the unit id"))
		return;
	buf_init(&what);
	buf_printf(&what, _("the unit \"%s\""), id);
	u = pool_alloc(&m->pool, sizeof(*u));
	u->id = id;
	u->pos = v[0]->pos;
	if ((u->name = text(ld, v[1], "name")) == NULL && absent(v[1]))
		missing(n, what.data, "name",
		        "the unit's full name, as the report prints it");
	if (u->name == NULL)
		u->name = id;
	u->short_name = text(ld, v[2], "short_name");
	if (!absent(v[3])) {
		struct contact c = {0};

		buf_reset(&what);
		buf_printf(&what, _("the contact of the unit \"%s\""), id);
		load_contact_fields(ld, v[3], what.data, unit_contact_keys, &c,
		                    N_("the person or office the December list "
		                       "and the form name"));
		u->contact_name = c.name;
		u->contact_email = c.email;
		u->contact_phone = c.phone;
	}
	buf_free(&what);
	m->units = grow(m->units, m->nunits, sizeof(*m->units));
	m->units[m->nunits++] = u;
}

static void
load_topic(struct loader *ld, const struct ynode *n)
{
	struct model *m = ld->m;
	struct ynode *v[2];
	struct topic *t;
	const char *id;

	if (!fields(n, "a topic", topic_keys, v))
		return;
	if ((id = id_field(ld, n, v[0], "a topic")) == NULL)
		return;
	if (!claim_id(ld, &ld->topics, id, &v[0]->pos, "the topic id"))
		return;
	t = pool_alloc(&m->pool, sizeof(*t));
	t->id = id;
	t->pos = v[0]->pos;
	if ((t->name = text(ld, v[1], "name")) == NULL) {
		if (absent(v[1]))
			missing(n, "a topic", "name",
			        "the topic's name, as the report prints it");
		t->name = id;
	}
	m->topics = grow(m->topics, m->ntopics, sizeof(*m->topics));
	m->topics[m->ntopics++] = t;
}

/* ------------------------------------------------------------------ */
/* Files and the folder.                                              */

#define NTOP 8
static const char *const top_keys[NTOP + 1] = {
    "settings", "structure", "milestones", "indicators", "glossary",
    "sources",  "units",     "topics",     NULL};

static void
load_yaml(struct loader *ld, const char *path)
{
	struct ynode *v[NTOP], *keys[NTOP] = {0};
	const struct ynode *l;
	struct ynode *root;
	struct pool tmp;
	size_t i, k;

	pool_init(&tmp);
	if ((root = yaml_read_file(path, &input_file, &tmp)) == NULL)
		goto out;
	if (root->type == YN_SCALAR && root->null) {
		struct src_pos pos = {path, 1, 1};

		diag_error(&pos, "the file holds no data; an input file "
		                 "holds a mapping with one or more of "
		                 "settings, structure, milestones, indicators, "
		                 "glossary, sources, units, topics");
		goto out;
	}
	if (!fields(root, "an input file", top_keys, v))
		goto out;
	for (i = 0; i + 1 < root->nkids; i += 2)
		for (k = 0; k < NTOP; k++)
			if (v[k] == root->kids[i + 1])
				keys[k] = root->kids[i];
	if (v[0] != NULL)
		load_settings(ld, keys[0], v[0]);
	if ((l = list(v[1], "structure", "resolution points")) != NULL)
		for (i = 0; i < l->nkids; i++)
			load_aspect(ld, l->kids[i], NULL);
	if ((l = list(v[2], "milestones", "milestones")) != NULL)
		for (i = 0; i < l->nkids; i++)
			load_milestone(ld, l->kids[i]);
	if ((l = list(v[3], "indicators", "indicators")) != NULL)
		for (i = 0; i < l->nkids; i++)
			load_indicator(ld, l->kids[i]);
	if ((l = list(v[4], "glossary", "glossary entries")) != NULL)
		for (i = 0; i < l->nkids; i++)
			load_glossary_entry(ld, l->kids[i]);
	if ((l = list(v[5], "sources", "sources")) != NULL)
		for (i = 0; i < l->nkids; i++)
			load_source(ld, l->kids[i]);
	if ((l = list(v[6], "units", "units")) != NULL)
		for (i = 0; i < l->nkids; i++)
			load_unit(ld, l->kids[i]);
	if ((l = list(v[7], "topics", "topics")) != NULL)
		for (i = 0; i < l->nkids; i++)
			load_topic(ld, l->kids[i]);
out:
	pool_free(&tmp);
}

static bool
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n > k && strcmp(s + n - k, suf) == 0;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the input files in `dir`, sorted; NULL-terminated,
 * malloc'd (array and names).  NULL if the folder cannot be read. */
static char **
list_dir_in(const char *dir, bool quiet)
{
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		if (quiet) {
			names = xcalloc(1, sizeof(*names));
			return names;
		}
		diag_syserr(dir, "cannot read the inputs folder");
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* hidden files, editor backups */
		if (!has_suffix(e->d_name, ".yaml") &&
		    !has_suffix(e->d_name, ".yml") &&
		    !has_suffix(e->d_name, ".csv"))
			continue;
		names = grow(names, n, sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	names = grow(names, n, sizeof(*names));
	names[n] = NULL;
	qsort(names, n, sizeof(*names), namecmp);
	return names;
}

static char **
list_dir(const char *dir)
{
	return list_dir_in(dir, false);
}

/* The same for a folder that may be missing: then an empty list. */
static char **
list_dir_quiet(const char *dir)
{
	return list_dir_in(dir, true);
}

/* ------------------------------------------------------------------ */
/* Updates from the forms (import.c writes them, docs/inputs.md).     */

static const char *const upd_keys[] = {"unit", "year", "milestones",
                                       "indicators", NULL};
static const char *const upd_ms_keys[] = {
    "id",          "status",  "progress", "forecast",       "completed",
    "explanation", "updated", "cause",    "countermeasure", NULL};
static const char *const upd_ind_keys[] = {"id", "value", "source", NULL};

/* The unit a milestone or indicator belongs to before inputs_check.c
 * has filled in the aspect's. */
static const char *
owner(const struct model *m, const char *own, const char *aspect_id)
{
	const struct aspect *a;

	if (own != NULL || aspect_id == NULL)
		return own;
	a = model_find_aspect(m, aspect_id);
	return a != NULL ? a->unit : NULL;
}

/* A milestone's or indicator's id in an update, or NULL (reported)
 * when the inputs have no such item or it is another unit's. */
static const void *
update_target(struct loader *ld, const struct ynode *map,
              const struct ynode *idv, const char *what, const char *unit,
              bool milestone)
{
	const struct model *m = ld->m;
	const char *id = token(idv, "id", "an id"), *own;
	const void *item;

	if (id == NULL) {
		if (absent(idv))
			missing(map, what, "id", NULL);
		return NULL;
	}
	if (milestone) {
		const struct milestone *ms = model_find_milestone(m, id);

		item = ms;
		own = ms ? owner(m, ms->unit, ms->aspect_id) : NULL;
	} else {
		const struct indicator *ind = model_find_indicator(m, id);

		item = ind;
		own = ind ? owner(m, ind->responsible, ind->aspect_id) : NULL;
	}
	if (item == NULL) {
		diag_error(&idv->pos,
		           "unknown %s \"%s\"; an update names only %ss of the "
		           "other input files",
		           milestone ? "milestone" : "indicator", id,
		           milestone ? "milestone" : "indicator");
		return NULL;
	}
	if (unit != NULL && (own == NULL || strcmp(own, unit) != 0)) {
		diag_error(
		    &idv->pos,
		    "the %s \"%s\" belongs to %s, not to %s, whose update "
		    "this is",
		    milestone ? "milestone" : "indicator", id,
		    own ? own : "no responsible unit", unit);
		return NULL;
	}
	return item;
}

/* One milestone of an update: each key given replaces the value of the
 * other files; a key without a value removes it. */
static void
update_milestone(struct loader *ld, const struct ynode *n, const char *unit)
{
	struct ynode *v[9];
	struct milestone *ms;

	if (!fields(n, "a milestone of an update", upd_ms_keys, v))
		return;
	ms = (struct milestone *)update_target(
	    ld, n, v[0], "a milestone of an update", unit, true);
	if (ms == NULL)
		return;
	if (v[1] != NULL && !absent(v[1]) && status_field(v[1], &ms->status))
		ms->status_pos = v[1]->pos;
	if (v[2] != NULL) {
		ms->progress = ms->status == MS_DONE ? 100 : 0;
		ms->progress_pos = (struct src_pos){0};
		if (int_field(v[2], "progress", 0, 100, &ms->progress))
			ms->progress_pos = v[2]->pos;
	}
	if (v[3] != NULL) {
		ms->forecast = (struct pr_date){0};
		ms->forecast_pos = v[3]->pos;
		date_field(v[3], "forecast", &ms->forecast);
	}
	if (v[4] != NULL) {
		ms->completed = (struct pr_date){0};
		ms->completed_pos = v[4]->pos;
		date_field(v[4], "completed", &ms->completed);
	}
	/* The update's reasons replace all of the other files'. */
	if (v[5] != NULL || v[7] != NULL || v[8] != NULL) {
		ms->cause = ms->countermeasure = ms->explanation = NULL;
		ms->cause_pos = ms->countermeasure_pos = ms->explanation_pos =
		    (struct src_pos){0};
		load_reasons(ld, ms, v[7], v[8], v[5]);
	}
	if (v[6] != NULL) {
		ms->updated = (struct pr_date){0};
		date_field(v[6], "updated", &ms->updated);
	}
}

/* One indicator of an update: the value for the update's year
 * replaces one given elsewhere. */
static void
update_indicator(struct loader *ld, const struct ynode *n, const char *unit,
                 int year)
{
	struct ynode *v[3];
	struct indicator *ind;
	double d;
	size_t k;

	if (!fields(n, "an indicator of an update", upd_ind_keys, v))
		return;
	ind = (struct indicator *)update_target(
	    ld, n, v[0], "an indicator of an update", unit, false);
	if (ind == NULL)
		return;
	if (v[1] != NULL && num_field(v[1], "value", &d)) {
		for (k = 0; k < ind->nvalues; k++)
			if (ind->values[k].year == year)
				break;
		if (k < ind->nvalues) {
			ind->values[k].value = d;
			ind->values[k].pos = v[1]->pos;
		} else
			add_value(ld, ind, year, d, &v[1]->pos);
	}
	if (v[2] != NULL)
		ind->source = text(ld, v[2], "source");
}

/* An update of one unit for `year` (its folder's name). */
static void
apply_update(struct loader *ld, const struct ynode *root, int year)
{
	struct ynode *v[4];
	const struct ynode *l;
	const char *unit;
	int y = 0;
	size_t i;

	if (!fields(root, "an update", upd_keys, v))
		return;
	unit = text(ld, v[0], "unit");
	if (unit == NULL && absent(v[0]))
		missing(root, "an update", "unit",
		        "the responsible unit whose answers it holds");
	if (int_field(v[1], "year", 1900, 2200, &y) && y != year)
		diag_error(
		    &v[1]->pos,
		    "this update is for %d but lies in the folder of %d; "
		    "an update lies in updates/YEAR/ of its own year",
		    y, year);
	else if (absent(v[1]))
		missing(root, "an update", "year", "the reporting year");
	if (unit == NULL || y != year)
		return;
	/* An update written before the inputs declared units names the
	 * unit as responsible did then: by what is now its name. */
	if (model_find_unit(ld->m, unit) == NULL)
		for (i = 0; i < ld->m->nunits; i++)
			if (strcmp(ld->m->units[i]->name, unit) == 0) {
				unit = ld->m->units[i]->id;
				break;
			}
	if ((l = list(v[2], "milestones", "milestones")) != NULL)
		for (i = 0; i < l->nkids; i++)
			update_milestone(ld, l->kids[i], unit);
	if ((l = list(v[3], "indicators", "indicators")) != NULL)
		for (i = 0; i < l->nkids; i++)
			update_indicator(ld, l->kids[i], unit, year);
}

static int
intcmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/*
 * The folder updates/ beside the input files: one folder per reporting
 * year up to this one, oldest first, and in each the units' files in
 * name order.  An overlay stands in for the file of its name (import
 * checks forms so before writing them).
 */
static void
load_updates(struct loader *ld, const char *dir,
             const struct inputs_overlay *ov, size_t nov)
{
	int years[256];
	size_t ny = 0, i, k;
	struct buf path;
	struct dirent *e;
	DIR *d;

	buf_init(&path);
	buf_printf(&path, "%s/updates", dir);
	if ((d = opendir(path.data)) != NULL) {
		while ((e = readdir(d)) != NULL && ny < 256) {
			int y;

			if (parse_year(e->d_name, &y) &&
			    y <= ld->m->settings.year)
				years[ny++] = y;
		}
		closedir(d);
	}
	for (i = 0; i < nov; i++) {
		for (k = 0; k < ny && years[k] != ov[i].year; k++)
			;
		if (k == ny && ny < 256)
			years[ny++] = ov[i].year;
	}
	if (ny > 1)
		qsort(years, ny, sizeof(*years), intcmp);
	for (i = 0; i < ny; i++) {
		char **names;
		bool *done;
		size_t j;

		buf_reset(&path);
		buf_printf(&path, "%s/updates/%d", dir, years[i]);
		names = list_dir_quiet(path.data);
		done = xcalloc(nov + 1, sizeof(*done));
		for (j = 0; names[j] != NULL; j++) {
			struct pool tmp;
			struct ynode *root;
			const char *p;

			if (!has_suffix(names[j], ".yaml"))
				continue;
			for (k = 0; k < nov; k++)
				if (ov[k].year == years[i] &&
				    strcmp(ov[k].name, names[j]) == 0)
					break;
			if (k < nov) {
				done[k] = true;
				apply_update(ld, ov[k].root, years[i]);
				continue;
			}
			buf_reset(&path);
			buf_printf(&path, "%s/updates/%d/%s", dir, years[i],
			           names[j]);
			p = pool_strdup(&ld->m->pool, path.data);
			ld->m->files =
			    grow(ld->m->files, ld->m->nfiles, sizeof(char *));
			ld->m->files[ld->m->nfiles++] = p;
			pool_init(&tmp);
			if ((root = yaml_read_file(p, &input_file, &tmp)) !=
			    NULL)
				apply_update(ld, root, years[i]);
			pool_free(&tmp);
		}
		for (k = 0; k < nov; k++)
			if (ov[k].year == years[i] && !done[k])
				apply_update(ld, ov[k].root, years[i]);
		free(done);
		for (j = 0; names[j] != NULL; j++)
			free(names[j]);
		free(names);
	}
	buf_free(&path);
}

static int
last_completed_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900 - 1;
}

/* The reporting year, the cut-off and what depends on them. */
static void
settle_year(struct loader *ld, const char *dir)
{
	struct settings *s = &ld->m->settings;
	struct src_pos dpos = {dir, 0, 0};
	struct buf b;
	const char *p;

	if (!ld->have_settings)
		diag_error(&dpos, "no settings: one input file must hold a "
		                  "\"settings\" mapping (see docs/inputs.md)");
	if (ld->year_arg != 0) {
		/* A cut-off in the settings belongs to their year. */
		if (ld->have_year && s->year != ld->year_arg)
			ld->have_cutoff = false;
		s->year = ld->year_arg;
	} else if (!ld->have_year) {
		s->year = last_completed_year();
		ld->year_guessed = !ld->have_settings || ld->settings_failed;
	}
	if (!ld->have_cutoff)
		s->cutoff = (struct pr_date){s->year, 12, 31};
	else if (!ld->year_guessed &&
	         (s->cutoff.y < s->year || s->cutoff.y > s->year + 1))
		diag_error(&ld->cutoff_pos,
		           "the data cut-off %04d-%02d-%02d does not belong "
		           "to the reporting year %d; a cut-off lies from "
		           "%d-01-01 to %d-12-31",
		           s->cutoff.y, s->cutoff.m, s->cutoff.d, s->year,
		           s->year, s->year + 1);
	if (s->output_basename == NULL)
		s->output_basename = "progress-report-%Y";
	buf_init(&b);
	for (p = s->output_basename; *p; p++)
		if (p[0] == '%' && p[1] == 'Y') {
			buf_printf(&b, "%d", s->year);
			p++;
		} else
			buf_putc(&b, *p);
	s->output_basename = pool_strdup(&ld->m->pool, b.data);
	buf_free(&b);
	if (s->lang == NULL)
		s->lang = "de";
}

static int
year_value_cmp(const void *a, const void *b)
{
	const struct year_value *x = a, *y = b;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	/* Equal years: keep the first given first (file, line). */
	int c = strcmp(x->pos.file, y->pos.file);
	if (c != 0)
		return c;
	return x->pos.line < y->pos.line ? -1 : x->pos.line > y->pos.line;
}

/* Sorts each indicator's values by year; a year given twice is an
 * error naming the first place, and the later value is dropped. */
static void
settle_values(struct loader *ld)
{
	size_t i, j, k;

	for (i = 0; i < ld->m->nindicators; i++) {
		struct indicator *ind = ld->m->indicators[i];

		if (ind->nvalues > 1)
			qsort(ind->values, ind->nvalues, sizeof(*ind->values),
			      year_value_cmp);
		for (j = k = 0; j < ind->nvalues; j++) {
			if (k > 0 &&
			    ind->values[k - 1].year == ind->values[j].year) {
				const struct src_pos *f =
				    &ind->values[k - 1].pos;

				diag_error(&ind->values[j].pos,
				           "the indicator \"%s\" has a second "
				           "value for %d; the first is given "
				           "at %s:%u:%u",
				           ind->id, ind->values[j].year,
				           f->file, f->line, f->col);
				continue;
			}
			ind->values[k++] = ind->values[j];
		}
		ind->nvalues = k;
	}
}

bool
inputs_load(struct model *m, const char *dir, int year)
{
	return inputs_load_with(m, dir, year, NULL, 0);
}

bool
inputs_load_with(struct model *m, const char *dir, int year,
                 const struct inputs_overlay *ov, size_t nov)
{
	unsigned errors = diag_count(DIAG_ERROR) + diag_count(DIAG_SYSTEM);
	struct loader ld;
	char **names;
	size_t i, pass;

	memset(&ld, 0, sizeof(ld));
	ld.m = m;
	ld.year_arg = year;
	strmap_init(&ld.ids);
	strmap_init(&ld.glossary);
	strmap_init(&ld.sources);
	strmap_init(&ld.units);
	strmap_init(&ld.topics);
	if ((names = list_dir(dir)) == NULL)
		goto out;
	if (names[0] == NULL) {
		struct src_pos pos = {dir, 0, 0};

		diag_error(&pos, "no input files (*.yaml, *.yml, *.csv) in "
		                 "this folder");
	}
	/* YAML first: the CSV files refer to indicators. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; names[i] != NULL; i++) {
			bool csv = has_suffix(names[i], ".csv");
			struct buf path;
			const char *p;

			if (csv != (pass == 1))
				continue;
			buf_init(&path);
			buf_printf(&path, "%s%s%s", dir,
			           has_suffix(dir, "/") ? "" : "/", names[i]);
			p = pool_strdup(&m->pool, path.data);
			buf_free(&path);
			m->files = grow(m->files, m->nfiles, sizeof(*m->files));
			m->files[m->nfiles++] = p;
			if (csv)
				csv_read_values(&ld, p);
			else
				load_yaml(&ld, p);
		}
		model_index(m);
	}
	csv_check_maps(&ld);
	settle_year(&ld, dir);
	load_updates(&ld, dir, ov, nov);
	settle_values(&ld);
	model_index(m);
	inputs_check(&ld);
out:
	for (i = 0; names != NULL && names[i] != NULL; i++)
		free(names[i]);
	free(names);
	strmap_free(&ld.ids);
	strmap_free(&ld.glossary);
	strmap_free(&ld.sources);
	strmap_free(&ld.units);
	strmap_free(&ld.topics);
	free(ld.maps);
	return diag_count(DIAG_ERROR) + diag_count(DIAG_SYSTEM) == errors;
}
