/*
 * test_diag.c - messages: sorted by file, line and column with ties in
 * emission order; counts and exit status; lanes, which keep a worker
 * thread's messages in the order a one-thread run would give; and many
 * threads reporting at once (run under ASan and helgrind, this is the
 * test that shows a missing lock).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "unit.h"
#include "util.h"

static char errpath[] = "/tmp/pr-test-diag.XXXXXX";

/* What diag_flush() prints; the caller frees. */
static char *
flushed(void)
{
	int saved = dup(2), fd = open(errpath, O_WRONLY | O_TRUNC);

	if (saved < 0 || fd < 0) {
		perror(errpath);
		exit(1);
	}
	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	diag_flush();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return unit_slurp(errpath, NULL);
}

static void
test_order(void)
{
	char *s;

	diag_warning(&(struct src_pos){"b.yaml", 3, 1}, "b3");
	diag_error(&(struct src_pos){"a.yaml", 10, 2}, "a10");
	diag_warning(&(struct src_pos){"a.yaml", 2, 0}, "a2 first");
	diag_error(NULL, "no file");
	diag_warning(&(struct src_pos){"a.yaml", 2, 0}, "a2 second");
	diag_warning(&(struct src_pos){"a.yaml", 0, 0}, "a whole");
	s = flushed();
	CHECK_STR(s, "test_diag: error: no file\n"
	             "a.yaml: warning: a whole\n"
	             "a.yaml:2: warning: a2 first\n"
	             "a.yaml:2: warning: a2 second\n"
	             "a.yaml:10:2: error: a10\n"
	             "b.yaml:3:1: warning: b3\n");
	free(s);
	/* Flushed messages are forgotten but still counted. */
	s = flushed();
	CHECK_STR(s, "");
	free(s);
	CHECK(diag_count(DIAG_WARNING) == 4);
	CHECK(diag_count(DIAG_ERROR) == 2);
	CHECK(diag_worst() == DIAG_ERROR);
	CHECK(diag_exit_status() == EXIT_INVALID);
}

struct worker {
	struct diag_lane *lane;
	enum diag_level seen; /* diag_worst() inside the lane */
	unsigned warnings;    /* diag_count() inside the lane */
};

static void *
lane_worker(void *arg)
{
	struct worker *w = arg;

	diag_lane_enter(w->lane);
	diag_warning(&(struct src_pos){"x.tmpl", 1, 1}, "worker 1");
	diag(DIAG_SYSTEM, &(struct src_pos){"x.tmpl", 1, 1}, "worker 2");
	w->seen = diag_worst();
	w->warnings = diag_count(DIAG_WARNING);
	diag_lane_enter(NULL);
	return NULL;
}

static void
test_lanes(void)
{
	struct worker w = {diag_lane_new(), 0, 0};
	unsigned warnings;
	pthread_t t;
	char *s;

	diag_init("test_diag");
	CHECK(pthread_create(&t, NULL, lane_worker, &w) == 0);
	/* Whatever the timing, these come first: the lane is merged
	 * after them. */
	diag_warning(&(struct src_pos){"x.tmpl", 1, 1}, "main 1");
	pthread_join(t, NULL);
	diag_warning(&(struct src_pos){"x.tmpl", 1, 1}, "main 2");
	/* The worker saw its own messages; nobody else does before the
	 * merge. */
	CHECK(w.seen == DIAG_SYSTEM);
	CHECK(w.warnings >= 1);
	CHECK(diag_worst() == DIAG_WARNING);
	CHECK(diag_count(DIAG_SYSTEM) == 0);
	diag_lane_merge(w.lane);
	CHECK(diag_worst() == DIAG_SYSTEM);
	CHECK(diag_count(DIAG_WARNING) == 3);
	CHECK(diag_exit_status() == EXIT_SYSTEM);
	s = flushed();
	CHECK_STR(s, "x.tmpl:1:1: warning: main 1\n"
	             "x.tmpl:1:1: warning: main 2\n"
	             "x.tmpl:1:1: warning: worker 1\n"
	             "x.tmpl:1:1: error: worker 2\n");
	free(s);

	/* A dropped lane leaves no trace. */
	diag_init("test_diag");
	w.lane = diag_lane_new();
	CHECK(pthread_create(&t, NULL, lane_worker, &w) == 0);
	pthread_join(t, NULL);
	diag_lane_free(w.lane);
	diag_lane_free(NULL);
	CHECK(diag_worst() == 0);
	CHECK(diag_exit_status() == EXIT_OK);
	s = flushed();
	CHECK_STR(s, "");
	free(s);

	/* A lane merged by a thread in a lane goes into that lane. */
	struct diag_lane *outer = diag_lane_new(), *inner = diag_lane_new();
	diag_lane_enter(inner);
	diag_warning(NULL, "inner");
	diag_lane_enter(outer);
	diag_warning(NULL, "outer");
	diag_lane_merge(inner);
	warnings = diag_count(DIAG_WARNING);
	diag_lane_enter(NULL);
	CHECK(warnings == 2);
	CHECK(diag_count(DIAG_WARNING) == 0);
	diag_lane_merge(outer);
	s = flushed();
	CHECK_STR(s, "test_diag: warning: outer\n"
	             "test_diag: warning: inner\n");
	free(s);
}

/* Control characters and direction controls in a message come out as
 * escapes, in the text and in the file name; other text is unchanged. */
static void
test_escape(void)
{
	char *s;

	diag_init("test_diag");
	diag_error(&(struct src_pos){"a\033[2Jb.yaml", 1, 2}, "\"%s\" ok: ä €",
	           "x\ty\r\n\033]0;t\a\xc2\x9b\xe2\x80\xae\xff");
	s = flushed();
	CHECK(s != NULL &&
	      strcmp(s, "a\\x1b[2Jb.yaml:1:2: error: \"x\\ty\\r\\n\\x1b]0;t"
	                "\\x07\\u009B\\u202E\\xff\" ok: ä €\n") == 0);
	free(s);
	/* the Hangul fillers and U+180E, invisible in a terminal */
	diag_error(
	    NULL, "\"%s\"",
	    "a\xe1\x85\x9f\xe1\x85\xa0\xe1\xa0\x8e\xe3\x85\xa4\xef\xbe\xa0"
	    "b");
	s = flushed();
	CHECK_STR(s, "test_diag: error: \"a\\u115F\\u1160\\u180E\\u3164"
	             "\\uFFA0b\"\n");
	free(s);
}

/* One file per thread, at most the 100 messages diag prints per file. */
#define NTHREADS 4
#define NMSGS    100

static void *
busy_worker(void *arg)
{
	static const char *const files[NTHREADS] = {"busy1.yaml", "busy2.yaml",
	                                            "busy3.yaml", "busy4.yaml"};
	unsigned i, id = (unsigned)(size_t)arg;

	for (i = 0; i < NMSGS; i++) {
		diag_warning(&(struct src_pos){files[id], id + 1, i + 1},
		             "message %u", i);
		if (diag_worst() < DIAG_WARNING)
			abort(); /* its own message is counted */
	}
	return NULL;
}

static void
test_threads(void)
{
	pthread_t t[NTHREADS];
	size_t i;
	char *s, *p;
	unsigned lines = 0;

	diag_init("test_diag");
	for (i = 0; i < NTHREADS; i++)
		CHECK(pthread_create(&t[i], NULL, busy_worker, (void *)i) == 0);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	CHECK(diag_count(DIAG_WARNING) == NTHREADS * NMSGS);
	s = flushed();
	CHECK(s != NULL);
	for (p = s; p != NULL && *p; p++)
		lines += *p == '\n';
	CHECK(lines == NTHREADS * NMSGS);
	/* Sorted: thread 1's first message leads, thread 4's last ends. */
	CHECK(s != NULL &&
	      strncmp(s, "busy1.yaml:1:1: warning: message 0\n", 35) == 0);
	{
		static const char last[] =
		    "busy4.yaml:4:100: warning: message 99\n";
		size_t n = s ? strlen(s) : 0, m = strlen(last);
		CHECK(n > m && strcmp(s + n - m, last) == 0);
	}
	free(s);
}

int
main(void)
{
	int fd;

	diag_init("test_diag");
	if ((fd = mkstemp(errpath)) < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	test_order();
	test_lanes();
	test_escape();
	test_threads();
	unlink(errpath);
	return unit_done("test_diag");
}
