/*
 * output.c - writing a report's files so that nothing is ever half
 * written.
 *
 * A build writes every file (PDF, HTML, then the OParl metadata) to a
 * temporary name in the output folder itself, so that the final
 * rename(2) stays on one file system and is atomic per file.  A set of
 * files is made to look atomic by a small journal: once every
 * temporary file is synced, the list of renames is written to
 * DIR/.progress-report.commit and synced; from then on the commit is
 * decided, and a run that is killed half-way through the renames is
 * completed by the next run (roll forward).  Before the journal exists
 * a killed run leaves only temporary files, which the next run removes.
 *
 * Runs on the same folder are serialised by an flock(2) on
 * DIR/.progress-report.lock; the lock file is never removed, because
 * removing a lock file that another process has just opened would let
 * two runs hold "the" lock at once.
 *
 * The folder may be public and writable by others, so every name in it
 * is untrusted: files are reached through a descriptor of the folder
 * (openat, renameat, unlinkat), every file the run makes is created
 * with O_EXCL | O_NOFOLLOW under a random name, and the files it opens
 * (lock, journal) must be regular files of their own.  A link or FIFO
 * planted at one of our names is refused, never followed.
 */
/* fopencookie(3) and sync_file_range(2) */
#define _GNU_SOURCE
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "diag.h"
#include "i18n.h"
#include "util.h"

#define LOCK_NAME    ".progress-report.lock"
#define JOURNAL_NAME ".progress-report.commit"
#define META_SUFFIX  ".oparl.json"
#define MAX_FILES    8

/* Size and checksums of a written file, for the metadata. */
struct digest {
	long long size;
	char sha1[2 * 20 + 1];
	char sha512[2 * 64 + 1];
};

struct hasher;

struct outfile {
	char *suffix; /* ".pdf" */
	char *temp;   /* DIR/.BASE.pdf.tmp-RANDOM, once created */
	char *final;  /* DIR/BASE.pdf */
	int fd;       /* the temporary file, -1 before it is created */
	/* Set once done, by the thread that did it (outset_sync_file()) or
	 * by outset_sync(). */
	bool synced;                 /* on disk and complete */
	bool sha1_done, sha512_done; /* dg holds them (and the size) */
	struct digest dg;
	struct hasher *h; /* outset_open(): the checksums as it writes */
};

struct outset {
	char *dir;
	char *base;
	int dirfd; /* every file is reached through it */
	int lockfd;
	bool prepared;      /* metadata and journal written (temporary) */
	char *journal_temp; /* the journal before it is put in place */
	int journal_fd;
	bool journal_synced;
	bool decided; /* the journal is on disk: roll forward, never back */
	struct outfile files[MAX_FILES];
	size_t nfiles;
};

/* Suffixes whose temporary files a later run may remove as stale. */
static const char *const known_suffixes[] = {".pdf", ".html", META_SUFFIX,
                                             ".commit", NULL};

void
output_test_point(const char *point)
{
	const char *kill_at = getenv("PROGRESS_REPORT_TEST_KILL");
	const char *stop_at = getenv("PROGRESS_REPORT_TEST_STOP");

	if (kill_at != NULL && strcmp(kill_at, point) == 0) {
		/* Say where we stopped for the test's log, then die as a
		 * power cut or the OOM killer would. */
		fprintf(stderr, "progress-report: test hook: killed at %s\n",
		        point);
		raise(SIGKILL);
	}
	if (stop_at != NULL && strcmp(stop_at, point) == 0)
		raise(SIGSTOP); /* a test holds this run here (SIGCONT) */
}

/* What an operator can do about a failed system call. */
static const char *
errno_hint(int e)
{
	switch (e) {
	case EACCES:
	case EPERM:
		return _("; check the folder's permissions and the user the "
		         "job runs as");
	case EROFS:
		return _("; the file system is mounted read-only");
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
		return _("; the disk is full or the quota used up: free space "
		         "and run again");
	case EFBIG:
		return _("; the file exceeds the size limit set for this job "
		         "(ulimit -f, LimitFSIZE=)");
	case EIO:
		return _("; the storage reported a hardware error");
	default:
		return "";
	}
}

/* A system failure about `file`, with errno's text and a hint. */
static void
sysfail(const char *file, const char *what)
{
	int e = errno;

	diag(DIAG_SYSTEM, &(struct src_pos){file, 0, 0}, "%s: %s%s", _(what),
	     strerror(e), errno_hint(e));
}

static char *
path_join(const char *dir, const char *name)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

/* mkdir -p; true if `dir` exists as a folder afterwards. */
static bool
make_dirs(const char *dir)
{
	struct stat st;
	char *p = xstrdup(dir), *s;
	bool ok = false;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			sysfail(p, "cannot create the output folder");
			goto out;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (stat(dir, &st) != 0) {
		sysfail(dir, "cannot use the output folder");
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag(DIAG_SYSTEM, &(struct src_pos){dir, 0, 0},
		     "the output folder exists but is not a folder");
		goto out;
	}
	ok = true;
out:
	free(p);
	return ok;
}

/* Makes renames and unlinks in the folder durable.  File systems that
 * cannot sync a folder (EINVAL) give no stronger guarantee anyway. */
static bool
sync_dir(int dirfd, const char *dir)
{
	if (fsync(dirfd) != 0 && errno != EINVAL) {
		sysfail(dir, "cannot sync the output folder");
		return false;
	}
	return true;
}

/* The name of a file in the folder, from its path. */
static const char *
leaf(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * Creates a new file STEM.tmp-RANDOM in the folder, like mkstemp(3) but
 * relative to the folder's descriptor: the name is not guessable (a
 * pid is, from the lock file), and O_EXCL | O_NOFOLLOW never open what
 * someone else put there.  Returns the descriptor and the path, or -1
 * (reported).
 */
static int
create_temp(struct outset *o, const char *stem, char **path)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[8];
	struct buf b;
	int tries, fd = -1;
	size_t i;

	buf_init(&b);
	for (tries = 0; tries < 100; tries++) {
		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
			for (i = 0; i < sizeof(r); i++) /* not secret, unique */
				r[i] =
				    (unsigned char)(rand() ^ getpid() ^ tries);
		buf_reset(&b);
		buf_printf(&b, "%s/%s.tmp-", o->dir, stem);
		for (i = 0; i < sizeof(r); i++)
			buf_putc(&b, chars[r[i] % (sizeof(chars) - 1)]);
		fd = openat(o->dirfd, leaf(b.data),
		            O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		            0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0)
		sysfail(b.data, "cannot create");
	*path = buf_detach(&b);
	return fd;
}

/* The base name becomes part of file names: one path component, not
 * hidden, printable, short enough for our suffixes. */
static bool
basename_ok(const char *b)
{
	const unsigned char *p;

	if (b == NULL || *b == '\0' || *b == '.' || strlen(b) > 200)
		return false;
	for (p = (const unsigned char *)b; *p; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static bool
is_stale_temp(const char *name)
{
	const char *t = strstr(name, ".tmp-");
	const char *d;
	size_t i, n;

	if (name[0] != '.' || t == NULL)
		return false;
	for (d = t + 5; *d; d++)
		if (!(*d >= '0' && *d <= '9') && !(*d >= 'a' && *d <= 'z') &&
		    !(*d >= 'A' && *d <= 'Z'))
			return false;
	if (d == t + 5)
		return false;
	for (i = 0; known_suffixes[i] != NULL; i++) {
		n = strlen(known_suffixes[i]);
		if ((size_t)(t - name) > n &&
		    memcmp(t - n, known_suffixes[i], n) == 0)
			return true;
	}
	return false;
}

/* Under the lock, every temporary file of ours is left over from a run
 * that died before its commit was decided.  Only files and links are
 * removed, and only names in the folder itself. */
static void
remove_stale_temps(int dirfd, const char *dir)
{
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	struct stat st;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d); /* the duplicate shares the folder's offset */
	while ((e = readdir(d)) != NULL) {
		if (!is_stale_temp(e->d_name) ||
		    fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
			continue;
		if (unlinkat(dirfd, e->d_name, 0) == 0)
			diag_log("removed %s/%s, left by an interrupted run",
			         dir, e->d_name);
	}
	closedir(d);
}

/* Opens a file of ours that must exist as a regular file of its own
 * (the journal, the lock); -1 with errno ENOENT if there is none, -1
 * (reported) if something else is there. */
static int
open_own(int dirfd, const char *path, int flags, const char *what)
{
	struct stat st;
	int fd = open_regular(dirfd, leaf(path), flags | O_NOFOLLOW, &st);

	if (fd == -1 && errno == ENOENT)
		return -1;
	if (fd == -2 || (fd == -1 && errno == ELOOP)) {
		if (fd == -1)
			st.st_mode = S_IFLNK;
		diag_not_regular(DIAG_SYSTEM, path, &st, what);
		errno = EINVAL;
		return -1;
	}
	if (fd == -1) {
		sysfail(path, "cannot open");
		errno = EINVAL;
		return -1;
	}
	if (st.st_nlink != 1) {
		diag(DIAG_SYSTEM, &(struct src_pos){path, 0, 0},
		     "this file has %lu names (hard links) and may be another "
		     "file; %s",
		     (unsigned long)st.st_nlink, what);
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

/* Completes the renames of a run that died after deciding its commit.
 * The journal holds lines "TEMPNAME\tFINALNAME\n", names relative to
 * the folder. */
static bool
roll_forward(int dirfd, const char *dir)
{
	char *jpath = path_join(dir, JOURNAL_NAME);
	int fd = open_own(dirfd, jpath, O_RDONLY,
	                  "the commit journal must be a regular file written "
	                  "by progress-report; remove it");
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char line[2 * NAME_MAX + 4];
	bool ok = true;
	unsigned done = 0;

	if (f == NULL) {
		ok = fd < 0 && errno == ENOENT;
		if (fd >= 0) {
			sysfail(jpath, "cannot read the commit journal");
			close(fd);
		}
		free(jpath);
		return ok;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');

		if (tab == NULL || nl == NULL || strchr(line, '/') != NULL) {
			diag(DIAG_SYSTEM, &(struct src_pos){jpath, 0, 0},
			     "the commit journal is damaged; check the "
			     "reports in %s by hand, then remove it",
			     dir);
			ok = false;
			break;
		}
		*tab = *nl = '\0';
		if (renameat(dirfd, line, dirfd, tab + 1) == 0)
			done++;
		else if (errno != ENOENT) { /* ENOENT: renamed before */
			char *to = path_join(dir, tab + 1);
			sysfail(to, "cannot complete an interrupted commit");
			free(to);
			ok = false;
			break;
		}
	}
	fclose(f);
	if (ok &&
	    (!sync_dir(dirfd, dir) || unlinkat(dirfd, JOURNAL_NAME, 0) != 0 ||
	     !sync_dir(dirfd, dir)))
		ok = false;
	if (ok)
		diag_log("completed the interrupted commit in %s "
		         "(%u files renamed)",
		         dir, done);
	free(jpath);
	return ok;
}

static void
report_busy(const char *dir, int fd)
{
	char pidbuf[32];
	ssize_t n = pread(fd, pidbuf, sizeof(pidbuf) - 1, 0);
	long pid = 0;

	if (n > 0) {
		pidbuf[n] = '\0';
		pid = strtol(pidbuf, NULL, 10);
	}
	/* The file may name a run that was killed: then the holder is
	 * some other program, and its pid is unknown. */
	if (pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH)
		pid = 0;
	if (pid > 0)
		diag(DIAG_BUSY, NULL,
		     "another progress-report run is writing to %s (pid %ld); "
		     "try again later",
		     dir, pid);
	else
		diag(DIAG_BUSY, NULL,
		     "another progress-report run is writing to %s; try "
		     "again later",
		     dir);
}

/* Opens the lock file, creating it (exclusively) if there is none. */
static int
open_lock(int dirfd, const char *lpath)
{
	int fd = -1, tries;

	for (tries = 0; tries < 10; tries++) {
		fd =
		    open_own(dirfd, lpath, O_RDWR,
		             "the lock file must be a regular file of its own: "
		             "remove it");
		if (fd >= 0 || errno != ENOENT)
			break;
		fd = openat(dirfd, LOCK_NAME,
		            O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		            0666);
		if (fd >= 0 || errno != EEXIST) /* EEXIST: another run's */
			break;
	}
	if (fd < 0 && errno != EINVAL)
		sysfail(lpath, "cannot create the lock file in the output "
		               "folder");
	return fd;
}

/* Takes the folder's lock; false (reported) if it cannot. */
static bool
lock_dir(struct outset *o)
{
	char *lpath = path_join(o->dir, LOCK_NAME);
	char pidbuf[32];
	int n;
	bool ok = false;

	if ((o->lockfd = open_lock(o->dirfd, lpath)) < 0)
		goto out;
	if (flock(o->lockfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			report_busy(o->dir, o->lockfd);
		else
			sysfail(lpath, "cannot lock the output folder");
		goto out;
	}
	/* The lock file may be writable in a folder that is not (it was
	 * made before the folder became read-only): say so now rather
	 * than after rendering. */
	if (faccessat(o->dirfd, ".", W_OK, 0) != 0) {
		sysfail(o->dir, "cannot write to the output folder");
		goto out;
	}
	/* For the message of a run that finds the folder busy; failing to
	 * write it (a full disk) is found again when writing reports. */
	n = snprintf(pidbuf, sizeof(pidbuf), "%ld\n", (long)getpid());
	if (ftruncate(o->lockfd, 0) != 0 ||
	    pwrite(o->lockfd, pidbuf, (size_t)n, 0) != n)
		errno = 0;
	ok = true;
out:
	free(lpath);
	return ok;
}

static void outset_free(struct outset *);

static struct outset *
outset_new(const char *dir, const char *basename)
{
	struct outset *o = xcalloc(1, sizeof(*o));

	o->dir = xstrdup(dir);
	o->base = xstrdup(basename);
	o->lockfd = o->journal_fd = -1;
	o->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->dirfd < 0)
		sysfail(dir, "cannot use the output folder");
	return o;
}

struct outset *
outset_begin(const char *dir, const char *basename)
{
	struct outset *o;

	/* A file-size limit (ulimit -f, systemd LimitFSIZE=) would
	 * otherwise kill the process silently: let write() fail with
	 * EFBIG so that it is reported and the temporaries removed. */
	signal(SIGXFSZ, SIG_IGN);

	if (!basename_ok(basename)) {
		diag_error(NULL,
		           "the output base name \"%s\" cannot be a file "
		           "name; allowed is one name without '/', not "
		           "starting with '.', such as progress-report-2026",
		           basename ? basename : "");
		return NULL;
	}
	if (!make_dirs(dir))
		return NULL;
	o = outset_new(dir, basename);
	if (o->dirfd < 0 || !lock_dir(o) || !roll_forward(o->dirfd, dir)) {
		outset_free(o);
		return NULL;
	}
	remove_stale_temps(o->dirfd, dir);
	output_test_point("locked");
	return o;
}

static struct outfile *
find_file(struct outset *o, const char *suffix)
{
	struct outfile *f;
	struct buf b;
	size_t i;

	for (i = 0; i < o->nfiles; i++)
		if (strcmp(o->files[i].suffix, suffix) == 0)
			return &o->files[i];
	if (o->nfiles == MAX_FILES) {
		/* A programming error, not a user's. */
		fprintf(stderr, "progress-report: too many output files\n");
		abort();
	}
	f = &o->files[o->nfiles++];
	f->suffix = xstrdup(suffix);
	f->fd = -1;
	buf_init(&b);
	buf_printf(&b, "%s/%s%s", o->dir, o->base, suffix);
	f->final = buf_detach(&b);
	return f;
}

const char *
outset_temp(struct outset *o, const char *suffix)
{
	struct outfile *f = find_file(o, suffix);
	struct buf stem;

	if (f->fd >= 0)
		return f->temp;
	buf_init(&stem);
	buf_printf(&stem, ".%s%s", o->base, suffix);
	free(f->temp);
	f->fd = create_temp(o, stem.data, &f->temp);
	buf_free(&stem);
	return f->fd >= 0 ? f->temp : NULL;
}

int
outset_fd(struct outset *o, const char *suffix)
{
	return outset_temp(o, suffix) != NULL ? find_file(o, suffix)->fd : -1;
}

const char *
outset_final(struct outset *o, const char *suffix)
{
	return find_file(o, suffix)->final;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The metadata files: one oparl:File object per report file
 * (BASE.pdf.oparl.json) and an object list of them (BASE.oparl.json). */
static bool
is_meta(const struct outfile *f)
{
	return ends_with(f->suffix, META_SUFFIX);
}

/* A last guard before a PDF is published: a complete PDF ends with
 * %%EOF and an optional end of line, whatever went wrong on the way
 * (pdf.c checks each write; a file cut short must still never be
 * renamed into place). */
static bool
pdf_complete(int fd, off_t size)
{
	char tail[16];
	off_t from =
	    size > (off_t)sizeof(tail) ? size - (off_t)sizeof(tail) : 0;
	ssize_t n = pread(fd, tail, (size_t)(size - from), from);

	if (n <= 0)
		return false;
	while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r'))
		n--;
	return n >= 5 && memcmp(tail + n - 5, "%%EOF", 5) == 0;
}

/*
 * Finishing a written file: fsync(2) it, check that it is complete,
 * and compute its size, SHA-1 and SHA-512 for the metadata.  The three
 * are independent jobs: while one waits for the disk, the two
 * checksums are computed on both cores at once.  A job only records
 * what went wrong; the calling thread reports it after all have ended,
 * in a fixed order, so that the messages never depend on timing.
 */
enum job_kind { JOB_SYNC, JOB_SHA1, JOB_SHA512, JOB__MAX };

struct job {
	enum job_kind kind;
	struct outfile *f; /* NULL: the journal, fd and path */
	int fd;
	const char *path;
	bool done;        /* no failure */
	const char *what; /* what failed, for the message */
	int err;          /* its errno */
	long long size;   /* bytes read, or the size of an incomplete file */
	bool incomplete;
	char hex[2 * SHA512_DIGEST_SIZE + 1];
	pthread_t tid;
	bool threaded;
};

static void
job_fail(struct job *j, const char *what)
{
	j->what = what;
	j->err = errno;
}

static void
sync_job(struct job *j)
{
	const struct outfile *f = j->f;
	struct stat st;
	int fd = f != NULL ? f->fd : j->fd;

	if (f == NULL || is_meta(f)) {
		if (fsync(fd) != 0)
			job_fail(j, "cannot write to disk");
		else
			j->done = true;
	} else if (fsync(fd) != 0)
		job_fail(j, "cannot write the report to disk");
	else if (fstat(fd, &st) != 0)
		job_fail(j, "cannot read the written report");
	else if (st.st_size == 0 || (ends_with(f->suffix, ".pdf") &&
	                             !pdf_complete(fd, st.st_size))) {
		j->incomplete = true;
		j->size = (long long)st.st_size;
	} else
		j->done = true;
}

static void
hex(char *out, const unsigned char *md, unsigned n)
{
	static const char digits[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Size and one checksum of a file. */
static void
hash_job(struct job *j)
{
	unsigned char buf[65536], md[SHA512_DIGEST_SIZE];
	struct sha1_ctx sha1;
	struct sha512_ctx sha512;
	ssize_t n;

	if (j->kind == JOB_SHA1)
		sha1_init(&sha1);
	else
		sha512_init(&sha512);
	/* pread: the other checksum reads the same descriptor at once. */
	j->size = 0;
	while ((n = pread(j->f->fd, buf, sizeof(buf), (off_t)j->size)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			job_fail(j, "cannot read the written report");
			return;
		}
		if (j->kind == JOB_SHA1)
			sha1_update(&sha1, (size_t)n, buf);
		else
			sha512_update(&sha512, (size_t)n, buf);
		j->size += n;
	}
	if (j->kind == JOB_SHA1) {
		sha1_digest(&sha1, SHA1_DIGEST_SIZE, md);
		hex(j->hex, md, SHA1_DIGEST_SIZE);
	} else {
		sha512_digest(&sha512, SHA512_DIGEST_SIZE, md);
		hex(j->hex, md, SHA512_DIGEST_SIZE);
	}
	j->done = true;
}

static void *
run_job(void *arg)
{
	struct job *j = arg;

	if (j->kind == JOB_SYNC)
		sync_job(j);
	else
		hash_job(j);
	return NULL;
}

/* Reports a job's failure; false if it failed. */
static bool
job_report(const struct job *j)
{
	if (j->done)
		return true;
	if (j->incomplete)
		diag(DIAG_SYSTEM, &(struct src_pos){j->f->temp, 0, 0},
		     "the written report is incomplete (%lld bytes); the disk "
		     "may be full or a file-size limit reached",
		     j->size);
	else {
		errno = j->err;
		sysfail(j->f != NULL ? j->f->temp : j->path, j->what);
	}
	return false;
}

/* Runs the jobs at once: all but the last on threads of their own,
 * the last (and any whose thread cannot be started) on this one. */
static void
run_jobs(struct job *jobs, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		jobs[i].threaded =
		    pthread_create(&jobs[i].tid, NULL, run_job, &jobs[i]) == 0;
	for (i = 0; i < n; i++)
		if (!jobs[i].threaded)
			run_job(&jobs[i]);
	for (i = 0; i < n; i++)
		if (jobs[i].threaded)
			pthread_join(jobs[i].tid, NULL);
}

/* Keeps what the jobs found out. */
static void
jobs_record(const struct job *jobs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct outfile *f = jobs[i].f;

		if (!jobs[i].done || f == NULL)
			continue;
		if (jobs[i].kind == JOB_SYNC)
			f->synced = true;
		else if (jobs[i].kind == JOB_SHA1) {
			memcpy(f->dg.sha1, jobs[i].hex, sizeof(f->dg.sha1));
			f->sha1_done = true;
		} else {
			memcpy(f->dg.sha512, jobs[i].hex, sizeof(f->dg.sha512));
			f->dg.size = jobs[i].size;
			f->sha512_done = true;
		}
	}
}

/*
 * Syncs (`sync`) and checksums (`digest`) every file not done yet, all
 * at once.  On failure one message, the one a sequential run would
 * give: the first file's sync failure, else the first checksum's.
 */
static bool
finish_files(struct outset *o, bool sync, bool digest)
{
	struct job jobs[MAX_FILES * JOB__MAX];
	size_t i, n = 0;
	bool ok = true;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < o->nfiles && sync; i++)
		if (!o->files[i].synced) {
			jobs[n].kind = JOB_SYNC;
			jobs[n++].f = &o->files[i];
		}
	for (i = 0; i < o->nfiles && digest; i++) {
		if (is_meta(&o->files[i]))
			continue;
		if (!o->files[i].sha1_done) {
			jobs[n].kind = JOB_SHA1;
			jobs[n++].f = &o->files[i];
		}
		if (!o->files[i].sha512_done) {
			jobs[n].kind = JOB_SHA512;
			jobs[n++].f = &o->files[i];
		}
	}
	run_jobs(jobs, n);
	for (i = 0; i < n && ok; i++)
		ok = job_report(&jobs[i]);
	jobs_record(jobs, n);
	return ok;
}

/*
 * Writing through outset_open(): the checksums are computed from the
 * bytes as they are written, not read back from the disk afterwards.
 * A file written on the critical path (the PDF, as libharu saves it)
 * has its bytes hashed on a thread of its own, fed with copies of the
 * FILE's buffer through a short ring; the others are hashed on the
 * writing thread.  Every MiB written is handed to the disk at once
 * (sync_file_range), so that the fsync before the commit finds little
 * left to do; it still syncs everything, as before.
 */
#define HASH_RING  8
#define HASH_BATCH 4 /* blocks a sleeping hasher is woken for */
#define STREAM_BUF 65536
#define WRITEBACK  (1 << 20)

struct hasher {
	struct outfile *f;
	struct sha1_ctx sha1;
	struct sha512_ctx sha512;
	long long size;    /* written */
	long long flushed; /* handed to the disk */
	bool threaded;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	unsigned char *slot[HASH_RING];
	size_t len[HASH_RING], cap[HASH_RING];
	size_t head, n;
	bool closing;
};

static void
hash_bytes(struct hasher *h, const unsigned char *p, size_t n)
{
	sha1_update(&h->sha1, n, p);
	sha512_update(&h->sha512, n, p);
}

static void *
hasher_main(void *arg)
{
	struct hasher *h = arg;
	size_t i;

	pthread_mutex_lock(&h->mu);
	for (;;) {
		while (h->n == 0 && !h->closing)
			pthread_cond_wait(&h->more, &h->mu);
		if (h->n == 0)
			break;
		i = h->head;
		pthread_mutex_unlock(&h->mu);
		hash_bytes(h, h->slot[i], h->len[i]);
		pthread_mutex_lock(&h->mu);
		h->head = (h->head + 1) % HASH_RING;
		h->n--;
		pthread_cond_signal(&h->room);
	}
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

static ssize_t
stream_write(void *cookie, const char *p, size_t n)
{
	struct hasher *h = cookie;
	size_t i;

	if (!write_all(h->f->fd, p, n))
		return -1; /* errno set: the caller reports it */
	h->size += (long long)n;
	if (h->size - h->flushed >= WRITEBACK) {
		/* Only a hint to start writing back: a failure shows in
		 * the fsync. */
		(void)sync_file_range(h->f->fd, h->flushed,
		                      h->size - h->flushed,
		                      SYNC_FILE_RANGE_WRITE);
		h->flushed = h->size;
	}
	if (!h->threaded) {
		hash_bytes(h, (const unsigned char *)p, n);
		return (ssize_t)n;
	}
	pthread_mutex_lock(&h->mu);
	while (h->n == HASH_RING) {
		pthread_cond_signal(&h->more);
		pthread_cond_wait(&h->room, &h->mu);
	}
	i = (h->head + h->n) % HASH_RING;
	pthread_mutex_unlock(&h->mu);
	/* The slot is free: only this thread fills slots. */
	if (h->cap[i] < n) {
		free(h->slot[i]);
		h->cap[i] = n > STREAM_BUF ? n : STREAM_BUF;
		h->slot[i] = xmalloc(h->cap[i]);
	}
	memcpy(h->slot[i], p, n);
	pthread_mutex_lock(&h->mu);
	h->len[i] = n;
	/* Waking a thread costs about as much as hashing a block. */
	if (++h->n >= HASH_BATCH)
		pthread_cond_signal(&h->more);
	pthread_mutex_unlock(&h->mu);
	return (ssize_t)n;
}

/* Ends the hashing, and records the checksums if `done`: every byte of
 * the file went through the stream. */
static void
hasher_end(struct hasher *h, bool done)
{
	unsigned char md[SHA512_DIGEST_SIZE];
	size_t i;

	if (h->threaded) {
		pthread_mutex_lock(&h->mu);
		h->closing = true;
		pthread_cond_signal(&h->more);
		pthread_mutex_unlock(&h->mu);
		pthread_join(h->tid, NULL);
		pthread_cond_destroy(&h->more);
		pthread_cond_destroy(&h->room);
		pthread_mutex_destroy(&h->mu);
	}
	for (i = 0; i < HASH_RING; i++)
		free(h->slot[i]);
	if (done) {
		sha1_digest(&h->sha1, SHA1_DIGEST_SIZE, md);
		hex(h->f->dg.sha1, md, SHA1_DIGEST_SIZE);
		sha512_digest(&h->sha512, SHA512_DIGEST_SIZE, md);
		hex(h->f->dg.sha512, md, SHA512_DIGEST_SIZE);
		h->f->dg.size = h->size;
		h->f->sha1_done = h->f->sha512_done = true;
	}
	h->f->h = NULL;
	free(h);
}

static int
stream_close(void *cookie)
{
	hasher_end(cookie, true);
	return 0;
}

FILE *
outset_open(struct outset *o, const char *suffix, bool hash_thread)
{
	static const cookie_io_functions_t io = {NULL, stream_write, NULL,
	                                         stream_close};
	struct hasher *h;
	FILE *fp;

	if (outset_temp(o, suffix) == NULL)
		return NULL;
	h = xcalloc(1, sizeof(*h));
	h->f = find_file(o, suffix);
	sha1_init(&h->sha1);
	sha512_init(&h->sha512);
	if (hash_thread && pthread_mutex_init(&h->mu, NULL) == 0) {
		if (pthread_cond_init(&h->more, NULL) == 0) {
			if (pthread_cond_init(&h->room, NULL) == 0) {
				h->threaded =
				    pthread_create(&h->tid, NULL, hasher_main,
				                   h) == 0;
				if (!h->threaded)
					pthread_cond_destroy(&h->room);
			}
			if (!h->threaded)
				pthread_cond_destroy(&h->more);
		}
		if (!h->threaded)
			pthread_mutex_destroy(&h->mu);
	}
	fp = fopencookie(h, "w", io);
	if (fp == NULL) {
		sysfail(h->f->temp, "cannot write");
		hasher_end(h, false);
		return NULL;
	}
	h->f->h = h;
	setvbuf(fp, NULL, _IOFBF, STREAM_BUF);
	return fp;
}

bool
outset_sync_file(struct outset *o, const char *suffix)
{
	struct job j;
	size_t i;

	for (i = 0; i < o->nfiles; i++)
		if (strcmp(o->files[i].suffix, suffix) == 0)
			break;
	if (i == o->nfiles) {
		/* A programming error, not a user's: see output.h. */
		fprintf(stderr, "progress-report: no output file %s\n", suffix);
		abort();
	}
	if (o->files[i].synced)
		return true;
	memset(&j, 0, sizeof(j));
	j.kind = JOB_SYNC;
	j.f = &o->files[i];
	run_job(&j);
	jobs_record(&j, 1);
	return job_report(&j);
}

bool
outset_sync(struct outset *o)
{
	if (!finish_files(o, true, true))
		return false;
	output_test_point("synced");
	return true;
}

static void
json_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static const char *
mime_type(const char *suffix)
{
	if (strcmp(suffix, ".pdf") == 0)
		return "application/pdf";
	if (strcmp(suffix, ".html") == 0)
		return "text/html";
	return "application/octet-stream";
}

/* Shown after the title in "name", so that a list of a paper's files
 * tells the two apart. */
static const char *
format_label(const char *suffix)
{
	if (strcmp(suffix, ".pdf") == 0)
		return "PDF";
	if (strcmp(suffix, ".html") == 0)
		return "HTML";
	return suffix[0] == '.' ? suffix + 1 : suffix;
}

static const char *
file_name(const struct outfile *f)
{
	return leaf(f->final);
}

/* base + "/" + name, the name's bytes outside RFC 3986's unreserved
 * set percent-encoded (the base was checked with the settings). */
static void
url_join(struct buf *b, const char *base, const char *name, const char *more)
{
	const char *parts[2] = {name, more};
	const unsigned char *p;
	int i;

	buf_puts(b, base);
	if (!ends_with(base, "/"))
		buf_putc(b, '/');
	for (i = 0; i < 2; i++)
		for (p = (const unsigned char *)parts[i]; p && *p; p++)
			if ((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
				buf_putc(b, *p);
			else
				buf_printf(b, "%%%02X", *p);
}

/* The URL of a report file's OParl object: the id other objects use. */
static void
object_url(struct buf *b, const struct oparl_info *in, const struct outfile *f)
{
	url_join(b, in->oparl_url ? in->oparl_url : in->files_url, file_name(f),
	         META_SUFFIX);
}

/* "key": url-of-f's-object */
static void
json_object_url(struct buf *b, const struct oparl_info *in,
                const struct outfile *f)
{
	struct buf u;

	buf_init(&u);
	object_url(&u, in, f);
	json_string(b, u.data);
	buf_free(&u);
}

static void
json_file_url(struct buf *b, const struct oparl_info *in,
              const struct outfile *f)
{
	struct buf u;

	buf_init(&u);
	url_join(&u, in->files_url, file_name(f), NULL);
	json_string(b, u.data);
	buf_free(&u);
}

static const struct oparl_dates *
dates_of(const struct oparl_info *in, const struct outfile *f)
{
	size_t i;

	for (i = 0; i < in->ndates; i++)
		if (strcmp(in->dates[i].suffix, f->suffix) == 0)
			return &in->dates[i];
	return NULL;
}

/*
 * One oparl:File object (OParl 1.1), indented by `ind`.  "id" is the
 * URL of the object's own file beside the report, "accessUrl" and
 * "downloadUrl" that of the report file; the PDF is the master file,
 * the other files its derivatives, named by their objects' URLs.  Only
 * the build date and the history's dates enter, never the clock, so
 * equal inputs and history give equal bytes.
 */
static void
oparl_file(struct buf *b, const struct outset *o, const struct oparl_info *in,
           const struct outfile *f, const struct outfile *pdf, const char *ind)
{
	const struct digest *d = &f->dg; /* finish_files() */
	const struct oparl_dates *dt = dates_of(in, f);
	struct tm tm;
	char day[16];
	struct buf name;
	size_t j;
	bool any = false;

	gmtime_r(&in->date, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	buf_printf(b, "%s{\n%s  \"id\": ", ind, ind);
	json_object_url(b, in, f);
	buf_printf(b,
	           ",\n%s  \"type\": \"https://schema.oparl.org/1.1/File\",\n"
	           "%s  \"name\": ",
	           ind, ind);
	buf_init(&name);
	buf_printf(&name, "%s (%s)", in->title ? in->title : o->base,
	           format_label(f->suffix));
	json_string(b, name.data);
	buf_free(&name);
	buf_printf(b, ",\n%s  \"fileName\": ", ind);
	json_string(b, file_name(f));
	buf_printf(b,
	           ",\n%s  \"mimeType\": \"%s\",\n"
	           "%s  \"size\": %lld,\n"
	           "%s  \"date\": \"%s\",\n"
	           "%s  \"sha1Checksum\": \"%s\",\n"
	           "%s  \"sha512Checksum\": \"%s\",\n"
	           "%s  \"accessUrl\": ",
	           ind, mime_type(f->suffix), ind, d->size, ind, day, ind,
	           d->sha1, ind, d->sha512, ind);
	json_file_url(b, in, f);
	buf_printf(b, ",\n%s  \"downloadUrl\": ", ind);
	json_file_url(b, in, f);
	if (pdf != NULL && f == pdf) {
		buf_printf(b, ",\n%s  \"derivativeFile\": [", ind);
		for (j = 0; j < o->nfiles; j++) {
			const struct outfile *g = &o->files[j];
			if (g == pdf || is_meta(g))
				continue;
			buf_puts(b, any ? ", " : "");
			json_object_url(b, in, g);
			any = true;
		}
		buf_puts(b, "]");
	} else if (pdf != NULL) {
		buf_printf(b, ",\n%s  \"masterFile\": ", ind);
		json_object_url(b, in, pdf);
	}
	if (in->license != NULL) {
		buf_printf(b, ",\n%s  \"license\": ", ind);
		json_string(b, in->license);
	}
	buf_printf(b,
	           ",\n%s  \"created\": \"%s\",\n"
	           "%s  \"modified\": \"%s\"\n%s}",
	           ind, dt ? dt->created : "", ind, dt ? dt->modified : "",
	           ind);
}

static const struct outfile *
pdf_file(const struct outset *o)
{
	size_t i;

	for (i = 0; i < o->nfiles; i++)
		if (strcmp(o->files[i].suffix, ".pdf") == 0)
			return &o->files[i];
	return NULL;
}

/*
 * The object list of all report files (OParl 1.1 requires "pagination"
 * and "links" of a list): one page holding every object, "self" the
 * URL of the list file itself.
 */
static void
oparl_list(struct buf *b, const struct outset *o, const struct oparl_info *in)
{
	struct buf self;
	size_t i, n = 0;

	buf_puts(b, "{\n  \"data\": [");
	for (i = 0; i < o->nfiles; i++) {
		if (is_meta(&o->files[i]))
			continue;
		buf_puts(b, n++ ? ",\n" : "\n");
		oparl_file(b, o, in, &o->files[i], pdf_file(o), "    ");
	}
	buf_init(&self);
	url_join(&self, in->oparl_url ? in->oparl_url : in->files_url, o->base,
	         META_SUFFIX);
	buf_printf(b,
	           "\n  ],\n  \"pagination\": {\n"
	           "    \"totalElements\": %zu,\n"
	           "    \"elementsPerPage\": %zu,\n"
	           "    \"currentPage\": 1,\n"
	           "    \"totalPages\": 1\n  },\n  \"links\": {\n"
	           "    \"first\": ",
	           n, n);
	json_string(b, self.data);
	buf_puts(b, ",\n    \"last\": ");
	json_string(b, self.data);
	buf_puts(b, ",\n    \"self\": ");
	json_string(b, self.data);
	buf_puts(b, "\n  }\n}\n");
	buf_free(&self);
}

/* Writes `data` to the new file `fd`; sync_all() syncs it. */
static bool
write_new(int fd, const char *path, const char *data, size_t len)
{
	if (!write_all(fd, data, len)) {
		sysfail(path, "cannot write");
		return false;
	}
	return true;
}

/*
 * Syncs every file not yet synced and the journal, all at once: the
 * file system commits them together, where one after the other each
 * would wait for a commit of its own.  On failure one message, the one
 * a sequential run would give (files in the order they were made, the
 * journal last).
 */
static bool
sync_all(struct outset *o)
{
	struct job jobs[MAX_FILES + 1];
	size_t i, n = 0;
	bool ok = true;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < o->nfiles; i++)
		if (!o->files[i].synced && o->files[i].fd >= 0) {
			jobs[n].kind = JOB_SYNC;
			jobs[n++].f = &o->files[i];
		}
	if (o->journal_fd >= 0 && !o->journal_synced) {
		jobs[n].kind = JOB_SYNC;
		jobs[n].fd = o->journal_fd;
		jobs[n++].path = o->journal_temp;
	}
	run_jobs(jobs, n);
	for (i = 0; i < n && ok; i++)
		ok = job_report(&jobs[i]);
	jobs_record(jobs, n);
	if (ok && o->journal_fd >= 0)
		o->journal_synced = true;
	return ok;
}

/* Writes and syncs the journal under a temporary name; decide()
 * renames it into place later, which needs no free space. */
static bool
write_journal(struct outset *o)
{
	struct buf b;
	size_t i;
	bool ok;

	o->journal_fd = create_temp(o, JOURNAL_NAME, &o->journal_temp);
	if (o->journal_fd < 0)
		return false;
	buf_init(&b);
	for (i = 0; i < o->nfiles; i++)
		if (o->files[i].fd >= 0)
			buf_printf(&b, "%s\t%s\n", leaf(o->files[i].temp),
			           file_name(&o->files[i]));
	ok = write_new(o->journal_fd, o->journal_temp, b.data, b.len);
	buf_free(&b);
	return ok;
}

/* Puts the journal in place: from here on the commit is decided. */
static bool
decide(struct outset *o)
{
	char *jpath = path_join(o->dir, JOURNAL_NAME);
	bool ok = false;

	if (renameat(o->dirfd, leaf(o->journal_temp), o->dirfd, JOURNAL_NAME) !=
	    0) {
		sysfail(jpath, "cannot write the commit journal");
		goto out;
	}
	if (!sync_dir(o->dirfd, o->dir)) {
		/* Not known to be durable: undo, so that we can still
		 * roll back. */
		unlinkat(o->dirfd, JOURNAL_NAME, 0);
		goto out;
	}
	free(o->journal_temp);
	o->journal_temp = NULL;
	o->decided = true;
	ok = true;
out:
	free(jpath);
	return ok;
}

/*
 * Every final name must be free for a rename: a folder (or anything
 * but a file or link) there would make a rename fail after the history
 * committed, half-way through publishing.  So it is found now, while
 * nothing has changed.
 */
static bool
finals_free(struct outset *o)
{
	struct stat st;
	size_t i;
	char *jpath;
	bool ok = true;

	for (i = 0; i < o->nfiles && ok; i++) {
		if (fstatat(o->dirfd, file_name(&o->files[i]), &st,
		            AT_SYMLINK_NOFOLLOW) != 0 ||
		    S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
			continue;
		diag_not_regular(DIAG_SYSTEM, o->files[i].final, &st,
		                 "the new report cannot take its place; "
		                 "remove or rename it");
		ok = false;
	}
	jpath = path_join(o->dir, JOURNAL_NAME);
	if (ok &&
	    fstatat(o->dirfd, JOURNAL_NAME, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		diag(DIAG_SYSTEM, &(struct src_pos){jpath, 0, 0},
		     "something is in the way of the commit journal; remove "
		     "it");
		ok = false;
	}
	free(jpath);
	return ok;
}

/* Writes one metadata file under its temporary name. */
static bool
write_meta(struct outset *o, const char *suffix, const struct buf *data)
{
	return outset_temp(o, suffix) != NULL &&
	       write_new(outset_fd(o, suffix), outset_temp(o, suffix),
	                 data->data, data->len);
}

/* The metadata: one object per report file, then the list of them. */
static bool
write_oparl(struct outset *o, const struct oparl_info *in)
{
	const struct outfile *reports[MAX_FILES];
	size_t i, n = 0;
	struct buf data, suffix;
	bool ok = true;

	for (i = 0; i < o->nfiles; i++)
		if (!is_meta(&o->files[i]))
			reports[n++] = &o->files[i];
	buf_init(&data);
	buf_init(&suffix);
	for (i = 0; i < n && ok; i++) {
		buf_reset(&data);
		buf_reset(&suffix);
		oparl_file(&data, o, in, reports[i], pdf_file(o), "");
		buf_putc(&data, '\n');
		buf_printf(&suffix, "%s%s", reports[i]->suffix, META_SUFFIX);
		ok = write_meta(o, suffix.data, &data);
	}
	if (ok) {
		buf_reset(&data);
		oparl_list(&data, o, in);
		ok = write_meta(o, META_SUFFIX, &data);
	}
	buf_free(&data);
	buf_free(&suffix);
	return ok;
}

bool
outset_prepare(struct outset *o, const struct oparl_info *info)
{
	bool ok;

	if (o->prepared)
		return true;
	ok = finish_files(o, false, true) &&
	     (info == NULL || write_oparl(o, info)) && finals_free(o) &&
	     write_journal(o) && sync_all(o);
	o->prepared = ok;
	if (ok)
		output_test_point("synced");
	return ok;
}

bool
outset_checksums(struct outset *o)
{
	return finish_files(o, false, true);
}

const char *
outset_sha512(struct outset *o, const char *suffix)
{
	const struct outfile *f = find_file(o, suffix);

	return f->sha512_done ? f->dg.sha512 : NULL;
}

static void
outset_free(struct outset *o)
{
	size_t i;

	if (o->lockfd >= 0) {
		/* No stale pid for a later holder's refusal message.  (A lock
		 * file we do not hold is left alone: it may be another
		 * run's.) */
		if (flock(o->lockfd, LOCK_EX | LOCK_NB) == 0 &&
		    ftruncate(o->lockfd, 0) != 0)
			errno = 0;
		close(o->lockfd); /* releases the flock */
	}
	if (o->dirfd >= 0)
		close(o->dirfd);
	if (o->journal_fd >= 0)
		close(o->journal_fd);
	for (i = 0; i < o->nfiles; i++) {
		if (o->files[i].fd >= 0)
			close(o->files[i].fd);
		free(o->files[i].suffix);
		free(o->files[i].temp);
		free(o->files[i].final);
	}
	free(o->journal_temp);
	free(o->dir);
	free(o->base);
	free(o);
}

bool
outset_commit(struct outset *o, const struct oparl_info *info)
{
	char *jpath;
	size_t i;

	output_test_point("commit");
	if (!outset_prepare(o, info) || !decide(o))
		return false;
	output_test_point("decided");

	for (i = 0; i < o->nfiles; i++) {
		if (renameat(o->dirfd, leaf(o->files[i].temp), o->dirfd,
		             file_name(&o->files[i])) != 0) {
			sysfail(
			    o->files[i].final,
			    "cannot move the new report into place, after the "
			    "history stored the new snapshot; the folder holds "
			    "new and previous files until the next build "
			    "completes the commit from its journal");
			return false;
		}
		if (i == 0)
			output_test_point("renamed-first");
	}
	jpath = path_join(o->dir, JOURNAL_NAME);
	/* The journal's removal is not synced: after a power cut it may
	 * come back, and the next run repeats renames that find nothing
	 * to do. */
	if (sync_dir(o->dirfd, o->dir) &&
	    unlinkat(o->dirfd, JOURNAL_NAME, 0) != 0)
		diag_warning(&(struct src_pos){jpath, 0, 0},
		             "cannot remove the commit journal: %s; the next "
		             "build removes it",
		             strerror(errno));
	free(jpath);
	/* The reports are in place either way; a journal left behind only
	 * makes the next run repeat renames that find nothing to do. */
	outset_free(o);
	return true;
}

void
outset_abort(struct outset *o)
{
	size_t i;

	if (o == NULL)
		return;
	if (!o->decided) {
		for (i = 0; i < o->nfiles; i++)
			if (o->files[i].fd >= 0 &&
			    unlinkat(o->dirfd, leaf(o->files[i].temp), 0) !=
			        0 &&
			    errno != ENOENT)
				sysfail(o->files[i].temp,
				        "cannot remove a temporary file");
		if (o->journal_fd >= 0)
			unlinkat(o->dirfd, leaf(o->journal_temp), 0);
	}
	outset_free(o);
}

bool
outset_decided(const struct outset *o)
{
	return o != NULL && o->decided;
}
