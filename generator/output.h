/*
 * output.h - writing a report's files so that nothing is ever half
 * written: a lock on the output folder, temporary files beside the
 * final ones, fsync, and renames only once every file is complete;
 * then the OParl metadata describing the files.
 */
#ifndef PR_OUTPUT_H
#define PR_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

struct outset;

/* Creates `dir` if needed and takes its lock.  A lock held by another
 * run is reported as DIAG_BUSY; NULL on any failure. */
struct outset *outset_begin(const char *dir, const char *basename);
/* The temporary file for the file with this suffix (".pdf"): created
 * on the first call (under a random name, never following a link), its
 * path owned by the set; NULL (reported) if it cannot be created. */
const char *outset_temp(struct outset *, const char *suffix);
/* The temporary file's descriptor, for writing (owned by the set; a
 * writer that wants a FILE fdopen()s a dup()); -1 as outset_temp(). */
int outset_fd(struct outset *, const char *suffix);
/*
 * The temporary file for this suffix as a FILE that computes the file's
 * size, SHA-1 and SHA-512 from the bytes as they are written, so that
 * outset_sync() need not read them back; on a thread of their own if
 * `hash_thread` (for a file written on the critical path).  Write
 * everything through it and fclose() it before outset_sync_file() or
 * outset_sync(); a failed write sets errno for the caller's message.
 * NULL (reported) if it cannot be made.  Thread-safe as
 * outset_sync_file().
 */
FILE *outset_open(struct outset *, const char *suffix, bool hash_thread);
/*
 * Syncs the temporary file with this suffix and checks that it is
 * complete; false (and a message) on failure.  The suffix must have
 * been given to outset_temp() before.  Thread-safe for different
 * suffixes: once every suffix of the set is known, threads may sync
 * different files at once, while no other call on the set runs.
 */
bool outset_sync_file(struct outset *, const char *suffix);
/* Syncs every temporary file not yet synced and, while the disk works,
 * computes the files' checksums for the metadata; false (and a message)
 * on failure. */
bool outset_sync(struct outset *);
/* Computes the checksums of every report file that outset_open() did
 * not (reading it back); false (and a message) on failure.  Syncs
 * nothing: outset_prepare() syncs every file at once. */
bool outset_checksums(struct outset *);
/* The SHA-512 (hex) of the file with this suffix, after outset_sync()
 * or outset_checksums(). */
const char *outset_sha512(struct outset *, const char *suffix);

/* When a report file was first published and last changed, as OParl
 * date-times ("2027-01-15T00:00:00+00:00"). */
struct oparl_dates {
	const char *suffix; /* ".pdf" */
	char created[32], modified[32];
};

/* What the OParl metadata says beyond the files themselves. */
struct oparl_info {
	const char *files_url; /* absolute base URL of the published files */
	const char
	    *oparl_url; /* base URL of the OParl objects; NULL: files_url */
	const char *license; /* URL, or NULL */
	const char *title;
	time_t date; /* the build date */
	struct oparl_dates dates[4];
	size_t ndates;
};

/* Writes the OParl metadata (none if `info` is NULL) and the commit
 * journal, still under temporary names, then syncs them and every file
 * not yet synced, all at once, so that everything needing disk space
 * is done before the history is committed (test point "synced").
 * Optional: outset_commit() does it if it was not done. */
bool outset_prepare(struct outset *, const struct oparl_info *info);
/* Writes the OParl metadata (unless prepared), puts the journal in
 * place, renames every file into place, syncs the folder and releases
 * the lock.  Frees the set on success; on failure the caller still
 * calls outset_abort(). */
bool outset_commit(struct outset *, const struct oparl_info *info);
/* Removes the temporary files and releases the lock. */
void outset_abort(struct outset *);
/* Whether the commit was decided: then a failed outset_commit() left
 * the new snapshot in the history and a journal that the next build
 * completes, not the previous state. */
bool outset_decided(const struct outset *);
/* The final path of the file with this suffix. */
const char *outset_final(struct outset *, const char *suffix);

/*
 * Test hook: when the environment variable PROGRESS_REPORT_TEST_KILL
 * equals `point`, the process kills itself with SIGKILL there, as a
 * power cut would.  Points: "locked", "synced", "history-staged" (in
 * main.c), "commit", "decided", "renamed-first"; see
 * docs/operations.md.  PROGRESS_REPORT_TEST_STOP stops the process
 * (SIGSTOP) at the point instead, so that a test can hold a run there.
 * Does nothing otherwise.
 */
void output_test_point(const char *point);

#endif
