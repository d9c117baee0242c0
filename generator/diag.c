/*
 * diag.c - collecting, sorting and printing messages.
 */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

struct msg {
	char *file;
	unsigned line, col;
	enum diag_level level;
	size_t seq; /* keeps messages at the same place in emission order */
	char *text;
};

static const char *progname = "progress-report";
static bool quiet;
static struct msg *msgs;
static size_t nmsgs, capmsgs, seq;
static unsigned counts[DIAG_BUSY + 1];
static enum diag_level worst;

void
diag_init(const char *name)
{
	const char *slash = strrchr(name, '/');

	progname = slash ? slash + 1 : name;
	memset(counts, 0, sizeof(counts));
	worst = 0;
}

void
diag_set_quiet(bool q)
{
	quiet = q;
}

static void
vdiag(enum diag_level lvl, const struct src_pos *pos, const char *fmt,
      va_list ap, const char *suffix)
{
	struct buf b;
	struct msg *m;

	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	if (suffix != NULL)
		buf_printf(&b, ": %s", suffix);
	if (nmsgs == capmsgs) {
		capmsgs = capmsgs ? capmsgs * 2 : 32;
		msgs = xrealloc(msgs, capmsgs * sizeof(*msgs));
	}
	m = &msgs[nmsgs++];
	m->file = pos && pos->file ? xstrdup(pos->file) : NULL;
	m->line = pos ? pos->line : 0;
	m->col = pos ? pos->col : 0;
	m->level = lvl;
	m->seq = seq++;
	m->text = buf_detach(&b);
	counts[lvl]++;
	if (lvl > worst)
		worst = lvl;
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

static const char *
level_name(enum diag_level l)
{
	return l == DIAG_WARNING ? "warning" : "error";
}

void
diag_flush(void)
{
	size_t i;

	if (nmsgs == 0)
		return;
	qsort(msgs, nmsgs, sizeof(*msgs), msgcmp);
	for (i = 0; i < nmsgs; i++) {
		struct msg *m = &msgs[i];

		if (m->file == NULL)
			fprintf(stderr, "%s: ", progname);
		else if (m->line == 0)
			fprintf(stderr, "%s: ", m->file);
		else if (m->col == 0)
			fprintf(stderr, "%s:%u: ", m->file, m->line);
		else
			fprintf(stderr, "%s:%u:%u: ", m->file, m->line, m->col);
		fprintf(stderr, "%s: %s\n", level_name(m->level), m->text);
		free(m->file);
		free(m->text);
	}
	nmsgs = 0;
	fflush(stderr);
}

unsigned
diag_count(enum diag_level l)
{
	return l <= DIAG_BUSY ? counts[l] : 0;
}

enum diag_level
diag_worst(void)
{
	return worst;
}

int
diag_exit_status(void)
{
	switch (worst) {
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
	struct tm tm;
	time_t now;
	va_list ap;

	if (quiet)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s: ", stamp, progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}
