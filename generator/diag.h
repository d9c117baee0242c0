/*
 * diag.h - the one message routine.
 *
 * Every message a user sees goes through here and has the form
 *
 *	file:line:col: error: text
 *
 * (or "progress-report: error: text" when it is about no file).
 * Messages are collected during a run and printed sorted by file, line
 * and column by diag_flush(), so that a person fixing inputs works down
 * each file from the top.  The exit status is derived from the worst
 * level seen.
 */
#ifndef PR_DIAG_H
#define PR_DIAG_H

#include <stdbool.h>

/* Exit statuses; documented in --help, README.md and progress-report.1. */
enum exit_status {
	EXIT_OK = 0,      /* success; warnings may have been printed */
	EXIT_INVALID = 1, /* inputs, templates or history contents invalid */
	EXIT_USAGE = 2,   /* wrong command line */
	EXIT_SYSTEM = 3,  /* I/O or system failure: disk, permissions, memory */
	EXIT_BUSY = 4,    /* another run holds the lock; try again later */
	EXIT_INTERRUPTED = 5, /* SIGTERM or SIGINT; cleaned up, nothing lost */
	EXIT_PARTIAL = 6      /* history committed, reports not all in place */
};

/* Ordered: a larger level is worse.  A note tells what the tool
 * assumed (an encoding, say) and changes nothing: exit status 0. */
enum diag_level {
	DIAG_NOTE = 0,
	DIAG_WARNING = 1,
	DIAG_ERROR = 2,  /* invalid input: exit 1 */
	DIAG_SYSTEM = 3, /* I/O or system failure: exit 3 */
	DIAG_BUSY = 4    /* lock held by another run: exit 4 */
};

/*
 * A place in a source file.  Lines and columns are 1-based; 0 means
 * "unknown" and is left out when printed.  `file` is not owned.
 */
struct src_pos {
	const char *file;
	unsigned line;
	unsigned col;
};

/* A spreadsheet cell (a form that import.c reads): `file` is
 * "FORM:SHEET!", line the row and col the column (1-based) with this
 * bit set; printed as FORM:SHEET!B7, sorted by row and column. */
#define SRC_CELL 0x80000000u

void diag_init(const char *progname);
void diag_set_quiet(bool);
/* Collects one message; printed at the next diag_flush(). */
void diag(enum diag_level, const struct src_pos *, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Shorthands. */
void diag_error(const struct src_pos *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void diag_warning(const struct src_pos *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A system failure about a file: appends strerror(errno). */
void diag_syserr(const char *file, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints and forgets collected messages, sorted by file, line, column. */
void diag_flush(void);
/* Messages of a level (not yet flushed or flushed) since diag_init(),
 * counting merged lanes and the calling thread's own lane. */
unsigned diag_count(enum diag_level);
enum diag_level diag_worst(void);
int diag_exit_status(void);

/*
 * Lanes, for work on another thread.  Every function here but
 * diag_init() and diag_set_quiet() (called before any thread starts)
 * may be called from any thread, but the order of messages at the same
 * place (and whether a failed step's follow-up messages appear at all)
 * would then depend on timing.  A thread that has entered a lane keeps
 * its messages there instead; the thread that started the work merges
 * the lane at the point where a run on one thread would have emitted
 * them, or drops it where such a run would not have got that far.  So
 * the printed messages and the exit status are those of the sequential
 * pipeline.  A lane is used by one thread at a time.
 */
struct diag_lane;
struct diag_lane *diag_lane_new(void);
/* The calling thread's messages go to `lane` from now on; with NULL,
 * to the shared list again. */
void diag_lane_enter(struct diag_lane *);
/* Adds the lane's messages, in their order, as if emitted now by the
 * calling thread (into its own lane, if it is in one), and frees it. */
void diag_lane_merge(struct diag_lane *);
/* Drops the lane's messages and frees it; NULL is allowed. */
void diag_lane_free(struct diag_lane *);

/*
 * Text from the inputs or the file system, made safe for a terminal
 * or a log: appends s to b with every control character written as an
 * escape (\t, \n, \r, else \xNN; C1 controls as \uNNNN), the
 * direction controls and line separators that can make a line read
 * differently (U+200E/F, U+202A-202E, U+2066-2069, U+2028/9) and the
 * invisible characters (U+00AD, U+200B-200D, U+2060-2064, U+FEFF) as
 * \uNNNN,
 * and bytes that are not UTF-8 as \xNN.  Every message and the
 * `check --missing` list pass through it, so that a value cannot forge
 * a log line or send the terminal a control sequence.
 */
struct buf;
void diag_escape(struct buf *b, const char *s);
/* True if diag_escape() would change s. */
bool diag_needs_escape(const char *s);

/* A timestamped progress line on stderr, silenced by --quiet. */
void diag_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
