/*
 * fail_io.c - an LD_PRELOAD library for tests/t-ops-threads.sh that
 * makes chosen calls fail, as a broken disk would:
 *
 *   FAIL_FOPEN=S    fopen() for writing, or openat() creating, of a path
 *                   containing S: EACCES
 *   FAIL_FSYNC=S    fsync() of a file opened by a path containing S: EIO
 *   FAIL_THREADS=1  pthread_create(): EAGAIN (no second thread)
 *   FAIL_RENAME=S   renameat() to a name containing S: EIO
 *   HOLD_OPEN=S     the first open() of a path containing S (by us or by
 *                   SQLite) waits, once FILE.waiting exists, until
 *   HOLD_UNTIL=FILE exists, so that a test can let another process act
 *                   between a check of the path and its open
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FD 4096

/* Set by open() before the file's fsync(), possibly on another thread;
 * the build's own thread start and join order the two. */
static unsigned char bad_fd[MAX_FD];

static bool
matches(const char *var, const char *path)
{
	const char *s = getenv(var);

	return s != NULL && *s != '\0' && strstr(path, s) != NULL;
}

FILE *
fopen(const char *path, const char *mode)
{
	static FILE *(*real)(const char *, const char *);

	if (real == NULL)
		real = (FILE * (*)(const char *, const char *))
		    dlsym(RTLD_NEXT, "fopen");
	if (strchr(mode, 'w') != NULL && matches("FAIL_FOPEN", path)) {
		errno = EACCES;
		return NULL;
	}
	return real(path, mode);
}

static void
hold(const char *path)
{
	static bool held;
	const char *until = getenv("HOLD_UNTIL");
	char mark[4096];
	int i;

	if (held || until == NULL || !matches("HOLD_OPEN", path))
		return;
	held = true;
	snprintf(mark, sizeof(mark), "%s.waiting", until);
	fclose(fopen(mark, "w"));
	for (i = 0; i < 600 && access(until, F_OK) != 0; i++)
		usleep(100000);
}

static int
open_as(const char *name, const char *path, int flags, mode_t mode)
{
	int (*real)(const char *, int, ...) =
	    (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, name);
	int fd;

	hold(path);
	fd = real(path, flags, mode);
	if (fd >= 0 && fd < MAX_FD)
		bad_fd[fd] = matches("FAIL_FSYNC", path);
	return fd;
}

/* open(), and open64() that SQLite calls: the same but for the name. */
#define OPEN_WRAPPER(fn)                                                       \
	int fn(const char *path, int flags, ...)                               \
	{                                                                      \
		mode_t mode = 0;                                               \
		va_list ap;                                                    \
                                                                               \
		if (flags & O_CREAT) {                                         \
			va_start(ap, flags);                                   \
			mode = va_arg(ap, mode_t);                             \
			va_end(ap);                                            \
		}                                                              \
		return open_as(#fn, path, flags, mode);                        \
	}

OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)

/* output.c creates its files relative to the folder's descriptor. */
int
openat(int dirfd, const char *path, int flags, ...)
{
	static int (*real)(int, const char *, int, ...);
	mode_t mode = 0;
	va_list ap;
	int fd;

	if (real == NULL)
		real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT,
		                                                   "openat");
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
		if (matches("FAIL_FOPEN", path)) {
			errno = EACCES;
			return -1;
		}
	}
	fd = real(dirfd, path, flags, mode);
	if (fd >= 0 && fd < MAX_FD)
		bad_fd[fd] = matches("FAIL_FSYNC", path);
	return fd;
}

int
renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	static int (*real)(int, const char *, int, const char *);

	if (real == NULL)
		real = (int (*)(int, const char *, int, const char *))dlsym(
		    RTLD_NEXT, "renameat");
	if (matches("FAIL_RENAME", newpath)) {
		errno = EIO;
		return -1;
	}
	return real(olddirfd, oldpath, newdirfd, newpath);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (fd >= 0 && fd < MAX_FD && bad_fd[fd]) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int
pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *),
               void *arg)
{
	static int (*real)(pthread_t *, const pthread_attr_t *,
	                   void *(*)(void *), void *);
	const char *s = getenv("FAIL_THREADS");

	if (s != NULL && *s == '1')
		return EAGAIN;
	if (real == NULL)
		real = (int (*)(pthread_t *, const pthread_attr_t *,
		                void *(*)(void *),
		                void *))dlsym(RTLD_NEXT, "pthread_create");
	return real(t, a, fn, arg);
}
