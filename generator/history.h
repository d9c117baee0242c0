/*
 * history.h - the yearly snapshots in an embedded SQLite file.
 *
 * The snapshot of the reporting year is written inside a transaction
 * that the caller commits only once the outputs are complete, so a
 * failed build leaves the previous snapshot in place.
 */
#ifndef PR_HISTORY_H
#define PR_HISTORY_H

#include <stdbool.h>
#include <time.h>

#include "model.h"

struct history;

/* Opens (creating if needed, unless readonly) and migrates the schema.
 * A file that is corrupt, locked, read-only or not ours is reported
 * through diag() and left as it was; returns NULL then. */
/* Why `path` cannot name a history file (empty, or a name SQLite
 * treats specially), or NULL; history_open() refuses such names too. */
const char *history_name_problem(const char *path);
struct history *history_open(const char *path, bool readonly);
void history_close(struct history *);

/* Fills m->prev and each milestone's and indicator's previous values
 * from the snapshot of year m->settings.year - 1, if there is one. */
bool history_load_previous(struct history *, struct model *m);

/* Begins a transaction and replaces the reporting year's snapshot,
 * made at `when` (the build date, main.c's SOURCE_DATE_EPOCH rule). */
bool history_stage(struct history *, const struct model *m, time_t when);
bool history_commit(struct history *);

/* When a report file (by its ending, ".pdf") of a year was first
 * published and last changed, as OParl date-times, and its SHA-512. */
struct pub_record {
	char created[32], modified[32];
	char sha512[2 * 64 + 1];
};
/* The last final build's record; *found false if there is none. */
bool history_publication(struct history *, int year, const char *file,
                         struct pub_record *, bool *found);
/* Stores a record in the transaction history_stage() began. */
bool history_stage_publication(struct history *, int year, const char *file,
                               const struct pub_record *);
void history_rollback(struct history *);

#endif
