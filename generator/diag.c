/*
 * diag.c - collecting, sorting and printing messages.
 *
 * The collected messages and the counts are shared by every thread and
 * guarded by one mutex; messages are rare, so it is never contended in
 * practice.  A thread in a lane (diag.h) writes only to that lane,
 * which needs no lock because one thread at a time uses it.
 */
#include "diag.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "util.h"

struct msg {
	char *file;
	unsigned line, col;
	enum diag_level level;
	size_t seq; /* keeps messages at the same place in emission order */
	char *text;
};

/* A list of messages and what they add up to: the shared one, or a
 * lane's. */
struct diag_lane {
	struct msg *msgs;
	size_t nmsgs, capmsgs, seq;
	unsigned counts[DIAG_BUSY + 1];
	enum diag_level worst;
};

/* Set before any thread starts, read-only afterwards. */
static const char *progname = "progress-report";
static bool quiet;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct diag_lane shared; /* under lock */
static _Thread_local struct diag_lane *cur_lane;

void
diag_init(const char *name)
{
	const char *slash = strrchr(name, '/');

	progname = slash ? slash + 1 : name;
	pthread_mutex_lock(&lock);
	memset(shared.counts, 0, sizeof(shared.counts));
	shared.worst = 0;
	pthread_mutex_unlock(&lock);
}

void
diag_set_quiet(bool q)
{
	quiet = q;
}

/* Takes over m's strings. */
static void
lane_add(struct diag_lane *l, const struct msg *m)
{
	if (l->nmsgs == l->capmsgs) {
		l->capmsgs = l->capmsgs ? l->capmsgs * 2 : 32;
		l->msgs = xrealloc(l->msgs, l->capmsgs * sizeof(*l->msgs));
	}
	l->msgs[l->nmsgs] = *m;
	l->msgs[l->nmsgs].seq = l->seq++;
	l->nmsgs++;
	l->counts[m->level]++;
	if (m->level > l->worst)
		l->worst = m->level;
}

/* Into the calling thread's lane, or the shared list. */
static void
add(const struct msg *m)
{
	if (cur_lane != NULL) {
		lane_add(cur_lane, m);
		return;
	}
	pthread_mutex_lock(&lock);
	lane_add(&shared, m);
	pthread_mutex_unlock(&lock);
}

static void vdiag(enum diag_level, const struct src_pos *, const char *fmt,
                  va_list, const char *suffix)
    __attribute__((format(printf, 3, 0)));

static void
vdiag(enum diag_level lvl, const struct src_pos *pos, const char *fmt,
      va_list ap, const char *suffix)
{
	struct buf b;
	struct msg m;

	buf_init(&b);
	buf_vprintf(&b, _(fmt), ap);
	if (suffix != NULL)
		buf_printf(&b, ": %s", suffix);
	m.file = pos && pos->file ? xstrdup(pos->file) : NULL;
	m.line = pos ? pos->line : 0;
	m.col = pos ? pos->col : 0;
	m.level = lvl;
	m.seq = 0;
	m.text = buf_detach(&b);
	add(&m);
}

void
diag(enum diag_level lvl, const struct src_pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(lvl, pos, fmt, ap, NULL);
	va_end(ap);
}

void
diag_error(const struct src_pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_ERROR, pos, fmt, ap, NULL);
	va_end(ap);
}

void
diag_warning(const struct src_pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_WARNING, pos, fmt, ap, NULL);
	va_end(ap);
}

void
diag_syserr(const char *file, const char *fmt, ...)
{
	struct src_pos pos = {file, 0, 0};
	const char *err = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_SYSTEM, &pos, fmt, ap, err);
	va_end(ap);
}

struct diag_lane *
diag_lane_new(void)
{
	return xcalloc(1, sizeof(struct diag_lane));
}

void
diag_lane_enter(struct diag_lane *l)
{
	cur_lane = l;
}

void
diag_lane_merge(struct diag_lane *l)
{
	size_t i;

	if (l == NULL)
		return;
	if (cur_lane != NULL) {
		for (i = 0; i < l->nmsgs; i++)
			lane_add(cur_lane, &l->msgs[i]);
	} else {
		pthread_mutex_lock(&lock);
		for (i = 0; i < l->nmsgs; i++)
			lane_add(&shared, &l->msgs[i]);
		pthread_mutex_unlock(&lock);
	}
	l->nmsgs = 0; /* the strings now belong to the list merged into */
	diag_lane_free(l);
}

void
diag_lane_free(struct diag_lane *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nmsgs; i++) {
		free(l->msgs[i].file);
		free(l->msgs[i].text);
	}
	free(l->msgs);
	free(l);
}

/* Code points a message shows as an escape rather than as themselves:
 * those that act on the terminal or the line, and the invisible ones,
 * which would leave the reader of "is not a number" or "unknown aspect"
 * no way to see what is wrong.  The Hangul fillers and the Mongolian
 * vowel separator look like a space, or like nothing, in a terminal:
 * a message about a character the fonts lack quoted them unseen. */
static bool
hidden_cp(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD ||
	       cp == 0x115F || cp == 0x1160 || cp == 0x180E || cp == 0x3164 ||
	       cp == 0xFFA0 || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

void
diag_escape(struct buf *b, const char *s)
{
	unsigned cp;
	int len;

	while (*s != '\0') {
		len = utf8_decode(s, &cp);
		if (len <= 0) { /* not UTF-8: the byte, visibly */
			buf_printf(b, "\\x%02x", (unsigned char)*s);
			s++;
			continue;
		}
		if (!hidden_cp(cp))
			buf_append(b, s, (size_t)len);
		else if (cp == '\t')
			buf_puts(b, "\\t");
		else if (cp == '\n')
			buf_puts(b, "\\n");
		else if (cp == '\r')
			buf_puts(b, "\\r");
		else if (cp < 0x80)
			buf_printf(b, "\\x%02x", cp);
		else
			buf_printf(b, "\\u%04X", cp);
		s += len;
	}
}

bool
diag_needs_escape(const char *s)
{
	unsigned cp;
	int len;

	for (; *s != '\0'; s += len)
		if ((len = utf8_decode(s, &cp)) <= 0 || hidden_cp(cp))
			return true;
	return false;
}

/* s, escaped when it needs to be, on stderr. */
static void
put_escaped(const char *s)
{
	struct buf b;

	if (!diag_needs_escape(s)) {
		fputs(s, stderr);
		return;
	}
	buf_init(&b);
	diag_escape(&b, s);
	fputs(b.data, stderr);
	buf_free(&b);
}

/* Messages about no file first, then by file name, line, column. */
static int
msgcmp(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;
	int c;

	if ((x->file == NULL) != (y->file == NULL))
		return x->file == NULL ? -1 : 1;
	if (x->file && (c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Translated with the text, so that a German line reads as one; a
 * cron job that greps for the words sets LC_ALL=C (docs/operations.md). */
static const char *
level_name(enum diag_level l)
{
	return l == DIAG_NOTE      ? _("note")
	       : l == DIAG_WARNING ? _("warning")
	                           : _("error");
}

/* A file of ten thousand wrong keys would otherwise give a message
 * each, and a cron job mails every line (docs/inputs.md, Limits). */
#define MAX_PER_FILE 100
#define MAX_PER_RUN  1000

static unsigned long printed_in_run; /* under lock */

static void
print_msg(const struct msg *m)
{
	put_escaped(m->file == NULL ? progname : m->file);
	if (m->file != NULL && (m->col & SRC_CELL)) {
		char col[8], *p = col + sizeof(col);
		unsigned c = m->col & ~SRC_CELL;

		*--p = '\0';
		for (; c > 0 && p > col; c = (c - 1) / 26)
			*--p = (char)('A' + (c - 1) % 26);
		fprintf(stderr, "%s%u: %s: ", p, m->line, level_name(m->level));
		put_escaped(m->text);
		fputc('\n', stderr);
		return;
	}
	if (m->file != NULL && m->line != 0)
		fprintf(stderr, ":%u", m->line);
	if (m->file != NULL && m->line != 0 && m->col != 0)
		fprintf(stderr, ":%u", m->col);
	fprintf(stderr, ": %s: ", level_name(m->level));
	put_escaped(m->text);
	fputc('\n', stderr);
}

static bool
same_file(const struct msg *a, const struct msg *b)
{
	if (a->file == NULL || b->file == NULL)
		return a->file == b->file;
	return strcmp(a->file, b->file) == 0;
}

/* Prints msgs[from..to), one file's, up to the limits, then how many
 * were left out. */
static void
print_file(const struct msg *msgs, size_t from, size_t to)
{
	size_t i, left = 0;
	enum diag_level worst = DIAG_WARNING;

	for (i = from; i < to; i++) {
		if (i - from < MAX_PER_FILE && printed_in_run < MAX_PER_RUN) {
			print_msg(&msgs[i]);
			printed_in_run++;
			continue;
		}
		left++;
		if (msgs[i].level > worst)
			worst = msgs[i].level;
	}
	if (left == 0)
		return;
	const char *f = msgs[from].file ? msgs[from].file : progname;
	put_escaped(f);
	fprintf(stderr, ": %s: ", level_name(worst));
	fprintf(stderr, _("… and %zu more in "), left);
	put_escaped(f);
	fputc('\n', stderr);
}

void
diag_flush(void)
{
	size_t i, from;

	pthread_mutex_lock(&lock);
	if (shared.nmsgs == 0)
		goto out;
	qsort(shared.msgs, shared.nmsgs, sizeof(*shared.msgs), msgcmp);
	for (from = 0, i = 1; i <= shared.nmsgs; i++)
		if (i == shared.nmsgs ||
		    !same_file(&shared.msgs[i], &shared.msgs[from])) {
			print_file(shared.msgs, from, i);
			from = i;
		}
	for (i = 0; i < shared.nmsgs; i++) {
		free(shared.msgs[i].file);
		free(shared.msgs[i].text);
	}
	shared.nmsgs = 0;
	fflush(stderr);
out:
	pthread_mutex_unlock(&lock);
}

unsigned
diag_count(enum diag_level l)
{
	unsigned n;

	if (l > DIAG_BUSY)
		return 0;
	pthread_mutex_lock(&lock);
	n = shared.counts[l];
	pthread_mutex_unlock(&lock);
	if (cur_lane != NULL)
		n += cur_lane->counts[l];
	return n;
}

enum diag_level
diag_worst(void)
{
	enum diag_level w;

	pthread_mutex_lock(&lock);
	w = shared.worst;
	pthread_mutex_unlock(&lock);
	if (cur_lane != NULL && cur_lane->worst > w)
		w = cur_lane->worst;
	return w;
}

int
diag_exit_status(void)
{
	switch (diag_worst()) {
	case DIAG_BUSY:
		return EXIT_BUSY;
	case DIAG_SYSTEM:
		return EXIT_SYSTEM;
	case DIAG_ERROR:
		return EXIT_INVALID;
	default:
		return EXIT_OK;
	}
}

void
diag_log(const char *fmt, ...)
{
	char stamp[32];
	struct buf b;
	struct tm tm;
	time_t now;
	va_list ap;

	if (quiet)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, _(fmt), ap);
	va_end(ap);
	/* One line, even if another thread logs at the same time. */
	flockfile(stderr);
	fprintf(stderr, "%s ", stamp);
	put_escaped(progname);
	fputs(": ", stderr);
	put_escaped(b.data ? b.data : "");
	fputc('\n', stderr);
	fflush(stderr);
	funlockfile(stderr);
	buf_free(&b);
}
