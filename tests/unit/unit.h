/*
 * unit.h - the smallest test harness that can fail: CHECK records a
 * failure with file and line and goes on; main returns unit_done().
 */
#ifndef PR_UNIT_H
#define PR_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

static int unit_failures, unit_checks;

#define CHECK(cond)                                                       \
	do {                                                              \
		unit_checks++;                                            \
		if (!(cond)) {                                            \
			unit_failures++;                                  \
			fprintf(stderr, "%s:%d: check failed: %s\n",      \
				__FILE__, __LINE__, #cond);               \
		}                                                         \
	} while (0)

#define CHECK_STR(a, b)                                                   \
	do {                                                              \
		const char *a_ = (a), *b_ = (b);                          \
		unit_checks++;                                            \
		if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {    \
			unit_failures++;                                  \
			fprintf(stderr,                                   \
				"%s:%d: \"%s\" != \"%s\"\n", __FILE__,    \
				__LINE__, a_ ? a_ : "(null)",             \
				b_ ? b_ : "(null)");                      \
		}                                                         \
	} while (0)

/* Reads a whole file (binary-safe; *len may be NULL); NULL if it cannot
 * be read.  The caller frees. */
static __attribute__((unused)) char *
unit_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_init(&b);
	buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	return buf_detach(&b);
}

/* Runs diag_flush() with stderr going to a temporary file and returns
 * what it printed, for comparison with expected messages.  The caller
 * frees. */
static __attribute__((unused)) char *
unit_flush_messages(void)
{
	FILE *f = tmpfile();
	struct buf b;
	char chunk[4096];
	size_t n;
	int saved;

	buf_init(&b);
	buf_puts(&b, "");
	if (f == NULL)
		return buf_detach(&b);
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(f), 2);
	diag_flush();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_detach(&b);
}

static int
unit_done(const char *name)
{
	if (unit_checks == 0) {
		fprintf(stderr, "%s: no checks ran\n", name);
		return 1;
	}
	fprintf(stderr, "%s: %d checks, %d failed\n", name, unit_checks,
		unit_failures);
	return unit_failures != 0;
}

#endif
