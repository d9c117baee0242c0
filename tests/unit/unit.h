/*
 * unit.h - the smallest test harness that can fail: CHECK records a
 * failure with file and line and goes on; main returns unit_done().
 */
#ifndef PR_UNIT_H
#define PR_UNIT_H

#include <stdio.h>
#include <string.h>

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
