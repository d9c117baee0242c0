/*
 * history.c - the yearly snapshots in an embedded SQLite file.
 *
 * One file holds one snapshot per reporting year: the milestones and
 * indicators as the report of that year stated them.  The next year's
 * report reads the latest snapshot before its own year to say what
 * changed; building a year again replaces that year's snapshot only.
 *
 * The file is the administration's memory of earlier reports, so it is
 * treated with suspicion before anything is written to it:
 *
 *  - its first 100 bytes are read with plain read(2), so a file that is
 *    not an SQLite database, or one of another program (another
 *    application id), or one in WAL mode (which ours never are) is
 *    refused before SQLite touches it;
 *  - SQLite then confirms the application id and the schema version
 *    (PRAGMA application_id, user_version), runs PRAGMA quick_check,
 *    and the tables must be exactly those that the migrations below
 *    produce for that version (compared against an in-memory database
 *    built by the same migrations);
 *  - no trigger, view or index may be there that the migrations do not
 *    make: a trigger would run with the build's own writes, and the
 *    connection is opened with SQLite's defences (no triggers, views or
 *    untrusted schema functions, no writes to the schema table) anyway;
 *  - only then, and only when opened for writing, are migrations run.
 *
 * The file is never followed through a link.  A build that finds none
 * creates it (O_EXCL, so that of two first builds only one is its
 * creator), and only that build removes it again if it stays empty;
 * before committing, a build checks that the name still leads to the
 * file it opened, so a snapshot is never committed into a file that
 * another program removed or replaced.
 *
 * A writing connection takes SQLite's write lock (BEGIN IMMEDIATE) in
 * history_open() and keeps that one transaction until history_commit()
 * or history_rollback(): the checks, any migration, the reading of the
 * previous snapshot and the writing of the new one are all one
 * transaction, so a build that fails at any point, or is killed, leaves
 * the file as it was, and a second build on the same file is refused
 * (DIAG_BUSY) instead of interleaved.  Readers (progress-report check)
 * are not blocked by this lock; they open the file read-only and never
 * create, migrate or change it.
 *
 * The rollback journal (not WAL) keeps the history one file that can be
 * copied and backed up like any other.
 */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "diag.h"
#include "i18n.h"
#include "util.h"

#ifndef PR_VERSION
#define PR_VERSION "0"
#endif

/* PRAGMA application_id of our files: "PRhs" (progress-report history). */
#define HISTORY_APP_ID 0x50526873

/* How long to wait for another connection's lock before giving up. */
#define HISTORY_BUSY_MS 1500

/*
 * The migrations: migrations[v] takes a file from schema version v to
 * v + 1.  Version 0 is an empty file.  A new layout is one more entry
 * here (and the statements below that read or write the changed
 * tables); never edit an entry once released, since files in the field
 * were made by it.
 */
static const char *const migrations[] = {
    /* 0 -> 1: the first layout. */
    "CREATE TABLE snapshot (\n"
    "	year INTEGER PRIMARY KEY,\n"
    "	created_at TEXT NOT NULL,\n"
    "	cutoff TEXT,\n"
    "	tool_version TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE milestone (\n"
    "	year INTEGER NOT NULL,\n"
    "	id TEXT NOT NULL,\n"
    "	aspect TEXT,\n"
    "	title TEXT,\n"
    "	status TEXT NOT NULL,\n"
    "	planned TEXT,\n"
    "	forecast TEXT,\n"
    "	completed TEXT,\n"
    "	progress INTEGER NOT NULL,\n"
    "	explanation TEXT,\n"
    "	updated TEXT,\n"
    "	PRIMARY KEY (year, id)\n"
    ");\n"
    "CREATE TABLE indicator (\n"
    "	year INTEGER NOT NULL,\n"
    "	id TEXT NOT NULL,\n"
    "	aspect TEXT,\n"
    "	title TEXT,\n"
    "	unit TEXT,\n"
    "	direction INTEGER NOT NULL,\n"
    "	decimals INTEGER NOT NULL,\n"
    "	baseline_year INTEGER,\n"
    "	baseline REAL,\n"
    "	target_year INTEGER,\n"
    "	target REAL,\n"
    "	value REAL,\n"
    "	PRIMARY KEY (year, id)\n"
    ");\n"
    "CREATE TABLE indicator_value (\n"
    "	year INTEGER NOT NULL,\n"
    "	id TEXT NOT NULL,\n"
    "	value_year INTEGER NOT NULL,\n"
    "	value REAL NOT NULL,\n"
    "	PRIMARY KEY (year, id, value_year)\n"
    ");\n",
    /* 1 -> 2: when each report file was first published and last
     * changed, for the OParl metadata's created and modified; kept
     * across rebuilds of the year, unlike the snapshot. */
    "CREATE TABLE publication (\n"
    "	year INTEGER NOT NULL,\n"
    "	file TEXT NOT NULL,\n"
    "	created TEXT NOT NULL,\n"
    "	modified TEXT NOT NULL,\n"
    "	sha512 TEXT NOT NULL,\n"
    "	PRIMARY KEY (year, file)\n"
    ");\n",
    /* 2 -> 3: a milestone's cause and countermeasure, the two parts
     * of what explanation held; older rows keep theirs there.  (One
     * migration of two statements: the parentheses tell clang's
     * -Wstring-concatenation that no comma is missing.) */
    ("ALTER TABLE milestone ADD COLUMN cause TEXT;\n"
     "ALTER TABLE milestone ADD COLUMN countermeasure TEXT;\n"),
};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

struct history {
	sqlite3 *db;
	char *path;
	struct src_pos pos; /* {path, 0, 0} for messages */
	bool readonly;
	bool created;   /* the file did not exist before history_open() */
	bool committed; /* something was committed by this connection */
	bool in_txn;    /* our write transaction is open */
	bool locked;    /* it was, at some point: nobody else wrote since */
	dev_t dev;      /* the file opened, for history_commit() */
	ino_t ino;
	int version; /* schema version of the file as we see it */
};

/* Says what went wrong with an SQLite call, at the level its cause
 * deserves: a lock is "try again later", damage is invalid history
 * contents, anything else is a system failure. */
static void
report_sqlite(struct history *h, int rc, const char *doing)
{
	const char *msg =
	    h->db != NULL ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc);

	doing = _(doing);
	if (rc == SQLITE_READONLY_ROLLBACK) {
		diag(DIAG_SYSTEM, &h->pos,
		     "the history holds an unfinished transaction of an "
		     "interrupted build (the journal file beside it), which "
		     "only a build may roll back; it was left unchanged; run "
		     "build, or check again after the next build");
		return;
	}
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		diag(DIAG_BUSY, &h->pos,
		     "the history is locked by another program (another "
		     "progress-report build, or an open sqlite3 session); it "
		     "was left unchanged; try again later");
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		diag(DIAG_ERROR, &h->pos,
		     "the history is damaged (SQLite: %s); it was left "
		     "unchanged; restore it from a backup",
		     msg);
		break;
	case SQLITE_READONLY:
		diag(DIAG_SYSTEM, &h->pos,
		     "the history cannot be written (SQLite: %s) while %s; it "
		     "was left unchanged; make the file and its folder "
		     "writable",
		     msg, doing);
		break;
	case SQLITE_FULL:
		diag(DIAG_SYSTEM, &h->pos,
		     "the disk is full while %s; the history was left "
		     "unchanged",
		     doing);
		break;
	default:
		diag(DIAG_SYSTEM, &h->pos,
		     "the history could not be used: SQLite failed while %s: "
		     "%s",
		     doing, msg);
		break;
	}
}

static bool
exec(struct history *h, const char *sql, const char *doing)
{
	int rc = sqlite3_exec(h->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		report_sqlite(h, rc, doing);
		return false;
	}
	return true;
}

/* Runs a statement returning one integer; false (reported) on error. */
static bool
query_int(struct history *h, const char *sql, int *out, const char *doing)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			*out = 0;
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		report_sqlite(h, rc, doing);
		return false;
	}
	return true;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/*
 * Looks at the database header with plain read(2), before SQLite opens
 * the file: SQLite would roll back a hot journal or checkpoint a WAL on
 * opening, and that must never happen to a file that is not ours.
 * A file of 0 bytes is an empty database to SQLite; we take it as a new
 * history.  Returns false (reported) if the file must be refused.
 */
static bool
check_header(struct history *h, int fd, off_t size)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char hdr[100];
	ssize_t n;
	uint32_t appid, cookie;

	if (size == 0)
		return true;
	n = pread(fd, hdr, sizeof(hdr), 0);
	if (n < 0) {
		diag_syserr(h->path, "cannot read the history");
		return false;
	}
	if ((size_t)n < sizeof(hdr) || memcmp(hdr, magic, 16) != 0) {
		diag(DIAG_ERROR, &h->pos,
		     "this file is not a progress-report history: it is not "
		     "an SQLite 3 database (or its first bytes are damaged); "
		     "it was left unchanged; name the history file with --db");
		return false;
	}
	appid = be32(hdr + 68);
	cookie = be32(hdr + 40);
	if (appid != HISTORY_APP_ID && (appid != 0 || cookie != 0)) {
		diag(DIAG_ERROR, &h->pos,
		     "this file is not a progress-report history: it is an "
		     "SQLite database of another program (application id "
		     "0x%08x, ours is 0x%08x); it was left unchanged; name "
		     "the history file with --db",
		     (unsigned)appid, HISTORY_APP_ID);
		return false;
	}
	/* Bytes 18 and 19: file format write/read version, 2 for WAL. */
	if (hdr[18] != 1 || hdr[19] != 1) {
		diag(DIAG_ERROR, &h->pos,
		     "this file is not a progress-report history as this "
		     "version writes it: it is in SQLite's WAL journal mode; "
		     "it was left unchanged");
		return false;
	}
	return true;
}

/*
 * The layout of a database as text: every table (ordered by name) with
 * its columns' names, types, NOT NULL and primary-key positions.  Two
 * files have the same layout exactly when these texts are equal.
 */
static bool
layout_signature(sqlite3 *db, struct buf *out, int *rcp)
{
	sqlite3_stmt *tables = NULL, *cols = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db,
	                        "SELECT name FROM sqlite_master WHERE type = "
	                        "'table' AND name NOT LIKE 'sqlite\\_%' "
	                        "ESCAPE '\\' ORDER BY name",
	                        -1, &tables, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db,
		                        "SELECT name, type, \"notnull\", pk "
		                        "FROM pragma_table_info(?1) ORDER BY "
		                        "cid",
		                        -1, &cols, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(tables)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);

		buf_printf(out, "%s(", t ? t : "");
		sqlite3_reset(cols);
		sqlite3_bind_text(cols, 1, t, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(cols)) == SQLITE_ROW) {
			const char *c =
			    (const char *)sqlite3_column_text(cols, 0);
			const char *ty =
			    (const char *)sqlite3_column_text(cols, 1);

			buf_printf(out, "%s %s %d %d,", c ? c : "",
			           ty ? ty : "", sqlite3_column_int(cols, 2),
			           sqlite3_column_int(cols, 3));
		}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		buf_puts(out, ");");
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(tables);
	sqlite3_finalize(cols);
	*rcp = rc;
	return rc == SQLITE_OK;
}

/* Runs migrations[from..to-1]; inside the caller's transaction. */
static int
migrate(sqlite3 *db, int from, int to)
{
	char sql[64];
	int rc = SQLITE_OK, v;

	for (v = from; v < to && rc == SQLITE_OK; v++)
		rc = sqlite3_exec(db, migrations[v], NULL, NULL, NULL);
	if (rc == SQLITE_OK && from == 0) {
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
		         (int)HISTORY_APP_ID);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", to);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	return rc;
}

/* The file's tables must be those the migrations make for its version. */
static bool
check_layout(struct history *h)
{
	struct buf want, have;
	sqlite3 *ref = NULL;
	int rc;
	bool ok = false;

	buf_init(&want);
	buf_init(&have);
	rc = sqlite3_open_v2(":memory:", &ref,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
	if (rc == SQLITE_OK)
		rc = migrate(ref, 0, h->version);
	if (rc != SQLITE_OK || !layout_signature(ref, &want, &rc)) {
		diag(DIAG_SYSTEM, &h->pos,
		     "cannot build the reference layout of schema version %d "
		     "(SQLite: %s)",
		     h->version, sqlite3_errstr(rc));
		goto out;
	}
	if (!layout_signature(h->db, &have, &rc)) {
		report_sqlite(h, rc, "reading its tables");
		goto out;
	}
	if (strcmp(want.data ? want.data : "", have.data ? have.data : "")) {
		diag(DIAG_ERROR, &h->pos,
		     "this file is not a progress-report history: its tables "
		     "are not those of history schema version %d (changed by "
		     "another program?); it was left unchanged",
		     h->version);
		goto out;
	}
	ok = true;
out:
	sqlite3_close(ref);
	buf_free(&want);
	buf_free(&have);
	return ok;
}

/* SQLite's report as one line of a message, without its heading. */
static const char *
one_line(const char *s, char *out, size_t size)
{
	static const char head[] = "*** in database main ***";
	size_t i;

	if (strncmp(s, head, sizeof(head) - 1) == 0)
		s += sizeof(head) - 1;
	while (*s == '\n' || *s == ' ')
		s++;
	snprintf(out, size, "%s", s);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '\n' || out[i] == '\r')
			out[i] = ' ';
	return out;
}

static bool
quick_check(struct history *h)
{
	char what[256];
	sqlite3_stmt *st = NULL;
	int rc;
	bool ok = false;

	rc = sqlite3_prepare_v2(h->db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r != NULL && strcmp(r, "ok") == 0)
			ok = true;
		else
			diag(DIAG_ERROR, &h->pos,
			     "the history is damaged (SQLite's quick_check: "
			     "%s); it was left unchanged; restore it from a "
			     "backup",
			     one_line(r ? r : "no answer", what, sizeof(what)));
	} else
		report_sqlite(h, rc, "checking it");
	sqlite3_finalize(st);
	return ok;
}

/* Whether a folder or file may be written: by permission, and by its
 * mode bits even for root, since a history made read-only by chmod was
 * made so on purpose. */
static bool
writable(const char *path, const struct stat *st)
{
	return access(path, W_OK) == 0 &&
	       (st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
}

static bool
folder_writable(struct history *h)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(h->path, '/');
	struct stat st;

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == h->path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - h->path),
		         h->path);
	if (stat(dir, &st) != 0) {
		diag_syserr(h->path, "cannot use the history's folder");
		return false;
	}
	if (!writable(dir, &st)) {
		diag(DIAG_SYSTEM, &h->pos,
		     "the history's folder %s is not writable, and SQLite "
		     "needs to create its journal file beside the history; "
		     "the history was left unchanged",
		     dir);
		return false;
	}
	return true;
}

/* Triggers, views and indexes of our own making: none but the indexes
 * SQLite makes for primary keys (which have no SQL text). */
static bool
check_objects(struct history *h)
{
	sqlite3_stmt *st = NULL;
	int rc;
	bool ok = false;

	rc = sqlite3_prepare_v2(h->db,
	                        "SELECT type, name FROM sqlite_master WHERE "
	                        "type IN ('trigger', 'view') OR (type = "
	                        "'index' AND sql IS NOT NULL) ORDER BY type, "
	                        "name LIMIT 1",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		diag(DIAG_ERROR, &h->pos,
		     "this file is not a progress-report history as this "
		     "version writes it: it holds the %s \"%s\", and "
		     "progress-report makes no triggers, views or indexes "
		     "(changed by another program?); it was left unchanged; "
		     "restore the history from a backup",
		     (const char *)sqlite3_column_text(st, 0),
		     (const char *)sqlite3_column_text(st, 1));
	else if (rc == SQLITE_DONE)
		ok = true;
	else
		report_sqlite(h, rc, "reading its schema");
	sqlite3_finalize(st);
	return ok;
}

/* Application id, schema version, foreign objects, quick_check and
 * layout, in that order; decides h->version.  Writes nothing. */
static bool
check_contents(struct history *h)
{
	int appid, version, nobjects;

	if (!query_int(h, "PRAGMA application_id", &appid, "reading it") ||
	    !query_int(h, "PRAGMA user_version", &version, "reading it") ||
	    !query_int(h, "SELECT count(*) FROM sqlite_master", &nobjects,
	               "reading it"))
		return false;
	if ((uint32_t)appid != HISTORY_APP_ID) {
		if (appid == 0 && version == 0 && nobjects == 0) {
			h->version = 0; /* empty: a new history */
			return true;
		}
		diag(DIAG_ERROR, &h->pos,
		     "this file is not a progress-report history: it is an "
		     "SQLite database of another program (application id "
		     "0x%08x, ours is 0x%08x); it was left unchanged; name "
		     "the history file with --db",
		     (unsigned)appid, HISTORY_APP_ID);
		return false;
	}
	if (version > SCHEMA_VERSION) {
		diag(DIAG_ERROR, &h->pos,
		     "the history was written by a newer progress-report "
		     "(history schema version %d; this version knows versions "
		     "up to %d); it was left unchanged; use the newer "
		     "progress-report",
		     version, SCHEMA_VERSION);
		return false;
	}
	if (version < 1) {
		diag(DIAG_ERROR, &h->pos,
		     "this file is not a progress-report history: it carries "
		     "our application id but no schema version; it was left "
		     "unchanged");
		return false;
	}
	h->version = version;
	return check_objects(h) && quick_check(h) && check_layout(h);
}

/* Creates the history, if there is none, exclusively: of two builds
 * that find none, only one becomes its creator.  False (reported) on
 * failure; true, and h->created unset, if the file exists. */
static bool
create_file(struct history *h)
{
	struct stat st;
	int fd;

	if (lstat(h->path, &st) == 0 || errno != ENOENT)
		return true;
	if (!folder_writable(h))
		return false;
	fd = open(h->path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	          0666);
	if (fd < 0) {
		if (errno == EEXIST)
			return true;
		diag_syserr(h->path, "cannot create the history");
		return false;
	}
	if (fstat(fd, &st) == 0) {
		h->dev = st.st_dev;
		h->ino = st.st_ino;
		h->created = true;
	}
	close(fd);
	return h->created;
}

/* An existing history: a regular file, not a link, ours by its header,
 * writable if need be.  False (reported) if it must be refused. */
static bool
check_file(struct history *h)
{
	struct stat st;
	int fd = open_regular(AT_FDCWD, h->path, O_RDONLY | O_NOFOLLOW, &st);
	bool ok;

	if (fd == -2) {
		diag_not_regular(DIAG_ERROR, h->path, &st,
		                 "the history is a regular file: name it with "
		                 "--db");
		return false;
	}
	if (fd < 0 && errno == ELOOP) {
		diag(DIAG_ERROR, &h->pos,
		     "this is a symbolic link, not the history; name the "
		     "history file itself with --db");
		return false;
	}
	if (fd < 0) {
		diag_syserr(h->path, "cannot open the history");
		return false;
	}
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	ok = check_header(h, fd, st.st_size);
	close(fd);
	if (!ok || h->readonly)
		return ok;
	if (!writable(h->path, &st)) {
		diag(DIAG_SYSTEM, &h->pos,
		     "the history is read-only, and build stores the year's "
		     "snapshot in it; it was left unchanged; make it writable "
		     "(chmod u+w) or name another file with --db");
		return false;
	}
	return folder_writable(h);
}

/* SQLite's defences against a file made to attack its reader: no
 * triggers or views run, no schema functions of doubtful origin, no
 * writes to the schema table. */
static void
harden(sqlite3 *db)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
}

/* ":memory:" and "file:" URIs would keep the snapshot nowhere or open
 * something other than the file checked here. */
const char *
history_name_problem(const char *path)
{
	if (*path == '\0')
		return "--db needs the name of the history file";
	if (strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
		return "--db takes a file name; SQLite's special names "
		       "(:memory:, file: URIs) would keep the history nowhere "
		       "or elsewhere";
	return NULL;
}

struct history *
history_open(const char *path, bool readonly)
{
	struct history *h = xcalloc(1, sizeof(*h));
	const char *why = history_name_problem(path);
	int flags, rc;

	h->path = xstrdup(path);
	h->pos.file = h->path;
	h->readonly = readonly;
	if (why != NULL) {
		diag_error(&h->pos, "%s", why);
		goto fail;
	}

	if (!readonly && !create_file(h))
		goto fail;
	if (!h->created && !check_file(h))
		goto fail;

	flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	flags |= SQLITE_OPEN_NOFOLLOW;
	rc = sqlite3_open_v2(path, &h->db, flags, NULL);
	if (rc != SQLITE_OK) {
		diag(DIAG_SYSTEM, &h->pos,
		     "cannot open the history (SQLite: %s)",
		     h->db ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc));
		goto fail;
	}
	harden(h->db);
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, HISTORY_BUSY_MS);

	if (!readonly) {
		if (!exec(h, "BEGIN IMMEDIATE", "starting a transaction"))
			goto fail;
		h->in_txn = h->locked = true;
	}
	if (!check_contents(h))
		goto fail;
	if (!readonly && h->version < SCHEMA_VERSION) {
		rc = migrate(h->db, h->version, SCHEMA_VERSION);
		if (rc != SQLITE_OK) {
			report_sqlite(h, rc, "upgrading its schema");
			goto fail;
		}
		h->version = SCHEMA_VERSION;
	}
	return h;
fail:
	history_close(h);
	return NULL;
}

void
history_close(struct history *h)
{
	if (h == NULL)
		return;
	history_rollback(h);
	if (h->db != NULL)
		sqlite3_close(h->db);
	/* A file this run created and never committed to holds nothing:
	 * a failed first build leaves no history behind.  Only while no
	 * other build wrote to it (we held the write lock first), and only
	 * the very file we created. */
	if (h->created && h->locked && !h->committed) {
		struct stat st;

		if (lstat(h->path, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size == 0 && st.st_dev == h->dev &&
		    st.st_ino == h->ino)
			unlink(h->path);
	}
	free(h->path);
	free(h);
}

/* "YYYY-MM-DD"; the model holds only valid dates. */
static void
date_text(struct pr_date d, char out[24])
{
	snprintf(out, 24, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static void
bind_date(sqlite3_stmt *st, int col, struct pr_date d)
{
	char s[24];

	if (d.y == 0) {
		sqlite3_bind_null(st, col);
		return;
	}
	date_text(d, s);
	sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
}

static void
bind_str(sqlite3_stmt *st, int col, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
}

/* The time a snapshot was made, as SQLite's text dates. */
static void
created_at(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

struct stage_stmts {
	sqlite3_stmt *del[4], *snap, *ms, *ind, *val;
};

static const char *const stage_delete_sql[4] = {
    "DELETE FROM indicator_value WHERE year = ?1",
    "DELETE FROM indicator WHERE year = ?1",
    "DELETE FROM milestone WHERE year = ?1",
    "DELETE FROM snapshot WHERE year = ?1",
};

static int
stage_prepare(sqlite3 *db, struct stage_stmts *s)
{
	int rc = SQLITE_OK, i;

	for (i = 0; i < 4 && rc == SQLITE_OK; i++)
		rc = sqlite3_prepare_v2(db, stage_delete_sql[i], -1, &s->del[i],
		                        NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db,
		    "INSERT INTO snapshot (year, created_at, cutoff, "
		    "tool_version) VALUES (?1, ?2, ?3, ?4)",
		    -1, &s->snap, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db,
		    "INSERT INTO milestone (year, id, aspect, title, status, "
		    "planned, forecast, completed, progress, explanation, "
		    "updated, cause, countermeasure) VALUES (?1, ?2, ?3, ?4, "
		    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		    -1, &s->ms, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db,
		    "INSERT INTO indicator (year, id, aspect, title, unit, "
		    "direction, decimals, baseline_year, baseline, "
		    "target_year, target, value) VALUES (?1, ?2, ?3, ?4, ?5, "
		    "?6, ?7, ?8, ?9, ?10, ?11, ?12)",
		    -1, &s->ind, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db,
		    "INSERT INTO indicator_value (year, id, value_year, "
		    "value) VALUES (?1, ?2, ?3, ?4)",
		    -1, &s->val, NULL);
	return rc;
}

static void
stage_finalize(struct stage_stmts *s)
{
	int i;

	for (i = 0; i < 4; i++)
		sqlite3_finalize(s->del[i]);
	sqlite3_finalize(s->snap);
	sqlite3_finalize(s->ms);
	sqlite3_finalize(s->ind);
	sqlite3_finalize(s->val);
}

/* Steps a statement that returns no rows, then resets it for reuse. */
static int
step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
stage_milestone(struct stage_stmts *s, int year, const struct milestone *ms)
{
	sqlite3_bind_int(s->ms, 1, year);
	bind_str(s->ms, 2, ms->id);
	bind_str(s->ms, 3, ms->aspect_id);
	bind_str(s->ms, 4, ms->title);
	bind_str(s->ms, 5, ms_status_key(ms->status));
	bind_date(s->ms, 6, ms->planned);
	bind_date(s->ms, 7, ms->forecast);
	bind_date(s->ms, 8, ms->completed);
	sqlite3_bind_int(s->ms, 9, ms->progress);
	bind_str(s->ms, 10, ms->explanation);
	bind_date(s->ms, 11, ms->updated);
	bind_str(s->ms, 12, ms->cause);
	bind_str(s->ms, 13, ms->countermeasure);
	return step_done(s->ms);
}

static int
stage_indicator(struct stage_stmts *s, int year, const struct indicator *ind)
{
	size_t i;
	int rc;

	sqlite3_bind_int(s->ind, 1, year);
	bind_str(s->ind, 2, ind->id);
	bind_str(s->ind, 3, ind->aspect_id);
	bind_str(s->ind, 4, ind->title);
	bind_str(s->ind, 5, ind->unit);
	sqlite3_bind_int(s->ind, 6, ind->direction);
	sqlite3_bind_int(s->ind, 7, ind->decimals);
	sqlite3_bind_int(s->ind, 8, ind->baseline_year);
	sqlite3_bind_double(s->ind, 9, ind->baseline);
	sqlite3_bind_int(s->ind, 10, ind->target_year);
	sqlite3_bind_double(s->ind, 11, ind->target);
	sqlite3_bind_null(s->ind, 12);
	for (i = 0; i < ind->nvalues; i++)
		if (ind->values[i].year == year)
			sqlite3_bind_double(s->ind, 12, ind->values[i].value);
	if ((rc = step_done(s->ind)) != SQLITE_OK)
		return rc;
	for (i = 0; i < ind->nvalues; i++) {
		sqlite3_bind_int(s->val, 1, year);
		bind_str(s->val, 2, ind->id);
		sqlite3_bind_int(s->val, 3, ind->values[i].year);
		sqlite3_bind_double(s->val, 4, ind->values[i].value);
		if ((rc = step_done(s->val)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

bool
history_stage(struct history *h, const struct model *m, time_t when_made)
{
	struct stage_stmts s;
	char when[32];
	size_t i;
	int year = m->settings.year, rc;
	bool ok = false;

	memset(&s, 0, sizeof(s));
	if (h->readonly) {
		diag(DIAG_SYSTEM, &h->pos,
		     "the history was opened read-only; the snapshot was not "
		     "stored");
		return false;
	}
	if (!h->in_txn) {
		if (!exec(h, "BEGIN IMMEDIATE", "starting a transaction"))
			return false;
		h->in_txn = true;
	}
	if ((rc = stage_prepare(h->db, &s)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < 4 && rc == SQLITE_OK; i++) {
		sqlite3_bind_int(s.del[i], 1, year);
		rc = step_done(s.del[i]);
	}
	if (rc != SQLITE_OK)
		goto fail;

	created_at(when_made, when);
	sqlite3_bind_int(s.snap, 1, year);
	sqlite3_bind_text(s.snap, 2, when, -1, SQLITE_TRANSIENT);
	bind_date(s.snap, 3, m->settings.cutoff);
	sqlite3_bind_text(s.snap, 4, PR_VERSION, -1, SQLITE_STATIC);
	if ((rc = step_done(s.snap)) != SQLITE_OK)
		goto fail;
	/* Thousands of rows take a while: a stop signal rolls back
	 * (main.c says so). */
	for (i = 0; i < m->nmilestones && rc == SQLITE_OK && !pr_stop_signal();
	     i++)
		rc = stage_milestone(&s, year, m->milestones[i]);
	for (i = 0; i < m->nindicators && rc == SQLITE_OK && !pr_stop_signal();
	     i++)
		rc = stage_indicator(&s, year, m->indicators[i]);
	if (rc != SQLITE_OK)
		goto fail;
	ok = pr_stop_signal() == 0;
	goto out;
fail:
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		diag(DIAG_ERROR, &h->pos,
		     "cannot store the %d snapshot: %s (are the ids of the "
		     "milestones and indicators unique?); the history was "
		     "left unchanged",
		     year, sqlite3_errmsg(h->db));
	else {
		char doing[64];

		snprintf(doing, sizeof(doing), _("storing the %d snapshot"),
		         year);
		report_sqlite(h, rc, doing);
	}
out:
	stage_finalize(&s);
	if (!ok)
		history_rollback(h);
	return ok;
}

/* Whether the history's name still leads to the file we opened. */
static bool
still_there(struct history *h)
{
	struct stat st;

	if (lstat(h->path, &st) == 0 && st.st_dev == h->dev &&
	    st.st_ino == h->ino)
		return true;
	diag(DIAG_SYSTEM, &h->pos,
	     "the history was removed or replaced by another program while "
	     "this build ran; the snapshot was not stored; run the build "
	     "again");
	return false;
}

bool
history_commit(struct history *h)
{
	if (h->readonly || !h->in_txn)
		return true;
	if (!still_there(h)) {
		history_rollback(h);
		return false;
	}
	if (!exec(h, "COMMIT", "committing the snapshot"))
		return false;
	h->in_txn = false;
	h->committed = true;
	return true;
}

void
history_rollback(struct history *h)
{
	if (h == NULL || !h->in_txn)
		return;
	/* The one error ROLLBACK can give is "no transaction is active",
	 * after SQLite rolled back by itself (disk full, I/O error). */
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	h->in_txn = false;
}

/* Parses "YYYY-MM-DD" or NULL (absent); false for anything else. */
static bool
parse_date(const unsigned char *s, struct pr_date *d)
{
	int y, mo, da, n = 0;

	memset(d, 0, sizeof(*d));
	if (s == NULL)
		return true;
	if (sscanf((const char *)s, "%4d-%2d-%2d%n", &y, &mo, &da, &n) != 3 ||
	    n != 10 || s[10] != '\0' || !date_valid(y, mo, da))
		return false;
	d->y = y;
	d->m = mo;
	d->d = da;
	return true;
}

static void
bad_row(struct history *h, int year, const char *what, const char *id,
        const char *field, const unsigned char *value)
{
	diag(DIAG_ERROR, &h->pos,
	     "the %d snapshot in the history holds %s \"%s\" with an invalid "
	     "%s \"%s\" (changed by another program?); it was left unchanged",
	     year, _(what), id ? id : "", field,
	     value ? (const char *)value : "");
}

static void
add_removed(struct model *m, const char *id, const char *title, size_t *cap)
{
	if (m->prev.nremoved == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		m->prev.removed_ids =
		    xrealloc(m->prev.removed_ids, *cap * sizeof(char *));
		m->prev.removed_titles =
		    xrealloc(m->prev.removed_titles, *cap * sizeof(char *));
	}
	m->prev.removed_ids[m->prev.nremoved] = pool_strdup(&m->pool, id);
	m->prev.removed_titles[m->prev.nremoved] =
	    title ? pool_strdup(&m->pool, title) : NULL;
	m->prev.nremoved++;
}

/* Columns 2.. of a milestone row (status, planned, forecast,
 * completed, progress) into *p; false (reported) if a value is not one
 * this program writes. */
static bool
read_ms_row(struct history *h, sqlite3_stmt *st, int year, const char *id,
            struct ms_prev *p)
{
	static const char *const fields[3] = {"planned date", "forecast date",
	                                      "completion date"};
	struct pr_date *dates[3] = {&p->planned, &p->forecast, &p->completed};
	const unsigned char *status = sqlite3_column_text(st, 2);
	int k;

	if (id == NULL) {
		bad_row(h, year, "a milestone", "", "id", NULL);
		return false;
	}
	if (status == NULL ||
	    !ms_status_from_key((const char *)status, &p->status)) {
		bad_row(h, year, "milestone", id, "status", status);
		return false;
	}
	for (k = 0; k < 3; k++)
		if (!parse_date(sqlite3_column_text(st, 3 + k), dates[k])) {
			bad_row(h, year, "milestone", id, fields[k],
			        sqlite3_column_text(st, 3 + k));
			return false;
		}
	p->progress = sqlite3_column_int(st, 6);
	return true;
}

static bool
load_milestones(struct history *h, struct model *m, int year)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;
	bool ok = true;

	rc = sqlite3_prepare_v2(h->db,
	                        "SELECT id, title, status, planned, forecast, "
	                        "completed, progress FROM milestone WHERE "
	                        "year = ?1 ORDER BY rowid",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_int(st, 1, year);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *title = (const char *)sqlite3_column_text(st, 1);
		struct ms_prev p, *copy;
		struct milestone *ms;

		rc = SQLITE_OK;
		if (!read_ms_row(h, st, year, id, &p)) {
			ok = false;
			continue;
		}
		if ((ms = model_find_milestone(m, id)) == NULL) {
			add_removed(m, id, title, &cap);
			continue;
		}
		copy = pool_alloc(&m->pool, sizeof(*copy));
		*copy = p;
		ms->prev = copy;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		report_sqlite(h, rc, "reading the previous snapshot");
		return false;
	}
	return ok;
}

static bool
load_indicators(struct history *h, struct model *m, int year)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	for (i = 0; i < m->nindicators; i++)
		m->indicators[i]->new_since = true;
	rc = sqlite3_prepare_v2(
	    h->db, "SELECT id, value FROM indicator WHERE year = ?1", -1, &st,
	    NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_int(st, 1, year);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		struct indicator *ind;

		rc = SQLITE_OK;
		if (id == NULL || (ind = model_find_indicator(m, id)) == NULL)
			continue;
		ind->new_since = false;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			ind->has_prev = true;
			ind->prev = sqlite3_column_double(st, 1);
		}
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		report_sqlite(h, rc, "reading the previous snapshot");
		return false;
	}
	return true;
}

bool
history_load_previous(struct history *h, struct model *m)
{
	size_t i;
	int year = 0;
	char sql[96];

	/* What an earlier call may have filled. */
	free(m->prev.removed_ids);
	free(m->prev.removed_titles);
	memset(&m->prev, 0, sizeof(m->prev));
	for (i = 0; i < m->nmilestones; i++)
		m->milestones[i]->prev = NULL;
	for (i = 0; i < m->nindicators; i++) {
		m->indicators[i]->has_prev = false;
		m->indicators[i]->prev = 0;
		m->indicators[i]->new_since = false;
	}

	if (h->version == 0)
		return true; /* a new, empty history */
	if (h->version < SCHEMA_VERSION) {
		/* Only a read-only check gets here: build migrates first. */
		diag_warning(
		    &h->pos,
		    "the history has schema version %d; the next build "
		    "upgrades it to version %d; until then the changes since "
		    "the last report are not shown",
		    h->version, SCHEMA_VERSION);
		return true;
	}
	snprintf(sql, sizeof(sql),
	         "SELECT max(year) FROM snapshot WHERE year < %d",
	         m->settings.year);
	if (!query_int(h, sql, &year, "reading its snapshots"))
		return false;
	if (year == 0)
		return true;
	m->prev.present = true;
	m->prev.year = year;
	return load_milestones(h, m, year) && load_indicators(h, m, year);
}

/* Copies column `col` into out[size]; false if NULL or too long. */
static bool
column_copy(sqlite3_stmt *st, int col, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(st, col);

	if (v == NULL || strlen((const char *)v) >= size)
		return false;
	memcpy(out, v, strlen((const char *)v) + 1);
	return true;
}

bool
history_publication(struct history *h, int year, const char *file,
                    struct pub_record *rec, bool *found)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*found = false;
	memset(rec, 0, sizeof(*rec));
	rc = sqlite3_prepare_v2(h->db,
	                        "SELECT created, modified, sha512 FROM "
	                        "publication WHERE year = ?1 AND file = ?2",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(st, 1, year);
		sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	if (rc == SQLITE_ROW) {
		rc = SQLITE_OK;
		if (!column_copy(st, 0, rec->created, sizeof(rec->created)) ||
		    !column_copy(st, 1, rec->modified, sizeof(rec->modified)) ||
		    !column_copy(st, 2, rec->sha512, sizeof(rec->sha512))) {
			bad_row(h, year, "the publication of", file, "date",
			        sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
			return false;
		}
		*found = true;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		report_sqlite(h, rc, "reading the publication dates");
		return false;
	}
	return true;
}

bool
history_stage_publication(struct history *h, int year, const char *file,
                          const struct pub_record *rec)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(h->db,
	                        "INSERT OR REPLACE INTO publication (year, "
	                        "file, created, modified, sha512) VALUES (?1, "
	                        "?2, ?3, ?4, ?5)",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(st, 1, year);
		sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, rec->created, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, rec->modified, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, rec->sha512, -1, SQLITE_STATIC);
		rc = step_done(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		report_sqlite(h, rc, "storing the publication dates");
		history_rollback(h);
		return false;
	}
	return true;
}
