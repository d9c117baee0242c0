/*
 * util.h - small building blocks shared by every stage: a growable
 * byte buffer, an arena for strings that live as long as the model or
 * the document tree, and allocation that never returns NULL.
 *
 * Out of memory is not a recoverable condition for a batch tool: the
 * x* allocators print one line and exit with status 3 (EXIT_SYSTEM).
 */
#ifndef PR_UTIL_H
#define PR_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* A parameter a callback's signature requires and this callback does
 * not use. */
#define UNUSED __attribute__((unused))

/*
 * xmalloc() and its kin never return NULL: when memory runs out they
 * print "out of memory" and exit with status 3, after calling the hook
 * set here (once, from whichever thread failed), so that the run can
 * remove its temporary files and roll back the history first.
 */
void xalloc_on_failure(void (*hook)(void));
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);

/*
 * A stop signal (SIGTERM, SIGINT): main.c's handler records its number
 * (async-signal-safe: a lock-free atomic); the long loops of every stage
 * (template loops, layout, drawing, writing the PDF and the HTML, the
 * history's rows) look at it and give up early, without a message of
 * their own: main.c reports the stop once and cleans up.
 */
void pr_stop_set(int sig);
int pr_stop_signal(void);

/* Growable byte buffer, always NUL-terminated after any append. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *);
void buf_free(struct buf *);
void buf_reset(struct buf *);
void buf_grow(struct buf *, size_t extra);
void buf_append(struct buf *, const void *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, int);
void buf_printf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));
/* Hands the data to the caller (who frees it) and empties the buffer. */
char *buf_detach(struct buf *);

/*
 * Arena: many small allocations freed together.  Strings of the model
 * and of the document tree are allocated here so that freeing a tree of
 * thousands of nodes is one walk over a few large blocks.
 */
struct pool_block;
struct pool_owned;
struct pool {
	struct pool_block *head;
	struct pool_owned *owned;
	size_t used; /* pool_size() */
};

void pool_init(struct pool *);
void pool_free(struct pool *);
void *pool_alloc(struct pool *, size_t);
/* A malloc()'d block that pool_free() frees: it reads *slot then, so
 * the block may be reallocated meanwhile (*slot may be NULL).  For an
 * array that grows, which the pool would leave behind at each step. */
void pool_own(struct pool *, void **slot);
char *pool_strdup(struct pool *, const char *);
char *pool_strndup(struct pool *, const char *, size_t);
/* Bytes handed out so far. */
size_t pool_size(const struct pool *);

/* UTF-8 helpers.  utf8_decode returns the byte length (0 at NUL, -1 on
 * an invalid sequence) and stores the code point. */
int utf8_decode(const char *s, unsigned *cp);
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* A text given and not empty (an optional field of the inputs). */
static inline bool
has_text(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* What the report can do with a code point in a text. */
enum cp_class {
	CP_SHOWN,   /* drawn as it is */
	CP_CONTROL, /* a control character: C0 but line feed, DEL, C1 */
	CP_BIDI,    /* a direction control (U+200E/F, U+202A-202E,
	               U+2066-2069): the PDF would ignore what the HTML
	               obeys */
	CP_RTL,     /* a letter of a right-to-left script, which the PDF
	               cannot set yet (no bidi reordering) */
	CP_FORMAT,  /* U+FEFF, which the PDF may not map (PDF/UA), and the
	               soft hyphen U+00AD, which DejaVu draws as a hyphen
	               where the HTML shows none */
	CP_ASTRAL   /* outside the Basic Multilingual Plane: no font */
};
enum cp_class cp_classify(unsigned cp);
/* Name of the script of a CP_RTL code point, such as "Hebrew". */
const char *cp_rtl_script(unsigned cp);
/* Appends why the code point cp (not CP_SHOWN) is refused, and what to
 * do: "the tab character U+0009 in \"<where>\", which ...; write a
 * space instead".  `where` (the text, or a part of it) may be NULL. */
void cp_describe(struct buf *, unsigned cp, const char *where);

/*
 * Work for another thread: task_start() runs fn(arg) on a thread of its
 * own or, if none can be started, at once on the caller's (the same
 * result, later); task_wait() returns when it is done, and may be
 * called again.
 */
struct task {
	pthread_t tid;
	bool threaded;
};

void task_start(struct task *, void *(*fn)(void *), void *arg);
void task_wait(struct task *);

/* Writes all `n` bytes (again after EINTR or a short write); false
 * with errno set on failure. */
bool write_all(int fd, const void *p, size_t n);

/*
 * Opens an existing file `name` (relative to `dirfd`, or AT_FDCWD) with
 * `flags` (O_RDONLY, O_RDWR; O_NOFOLLOW where a link must not be
 * followed) and keeps it only if it is a regular file.  The open does
 * not block, so a FIFO planted among the files cannot hang the run.
 * Returns the descriptor (close-on-exec, blocking again); -1 with
 * errno set if the open failed; -2 if it is not a regular file, when
 * *st (if not NULL) says what it is.
 */
int open_regular(int dirfd, const char *name, int flags, struct stat *st);
/* Reports `path` as not a regular file, at `level` (diag.h): "this is
 * not a regular file (it is a FIFO); ALLOWED". */
void diag_not_regular(int level, const char *path, const struct stat *st,
                      const char *allowed);

/*
 * Writes v / 10^decimals (decimals 1 to 9) so that it ends just before
 * `end`, without trailing zeros in the fraction ("12.5", "-3", "0.078"),
 * and returns where it starts; at most 32 bytes.  For the numbers of
 * the PDF's content streams and the HTML's drawings: independent of the
 * locale, exact (v is already scaled and rounded), and much faster than
 * printf.
 */
char *fmt_scaled(char *end, long long v, int decimals);

/*
 * A memo of values computed from byte strings (a word's hyphenation
 * points): memo_get() finds the value stored for the bytes key[0 ..
 * len) and the tag (which patterns), valid until the next memo_put(),
 * which stores one.  It is emptied when its text would grow beyond
 * `max` bytes or its entries beyond max / 64, which bounds its memory
 * (under three times max) however long the report.  A memo is one
 * thread's.
 */
struct memo {
	struct memo_slot *slot;
	size_t cap, n, max; /* cap: a power of two */
	struct buf text;    /* each key, then its value */
};

void memo_init(struct memo *, size_t max);
void memo_free(struct memo *);
const void *memo_get(const struct memo *, const void *tag, const char *key,
                     size_t len);
void memo_put(struct memo *, const void *tag, const char *key, size_t len,
              const void *val, size_t vlen);

/*
 * String-keyed hash map (open addressing).  Keys are not copied: they
 * must outlive the map.  Used wherever a lookup by id would otherwise
 * make a stage quadratic in the number of milestones.
 */
struct strmap {
	const char **keys;
	void **vals;
	size_t cap, len;
};

void strmap_init(struct strmap *);
void strmap_free(struct strmap *);
/* Returns the previous value for key, or NULL if the key is new. */
void *strmap_put(struct strmap *, const char *key, void *val);
void *strmap_get(const struct strmap *, const char *key);

#endif
