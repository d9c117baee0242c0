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

#include "model.h"

struct history;

/* Opens (creating if needed, unless readonly) and migrates the schema.
 * A file that is corrupt, locked, read-only or not ours is reported
 * through diag() and left as it was; returns NULL then. */
struct history *history_open(const char *path, bool readonly);
void history_close(struct history *);

/* Fills m->prev and each milestone's and indicator's previous values
 * from the snapshot of year m->settings.year - 1, if there is one. */
bool history_load_previous(struct history *, struct model *m);

/* Begins a transaction and replaces the reporting year's snapshot. */
bool history_stage(struct history *, const struct model *m);
bool history_commit(struct history *);
void history_rollback(struct history *);

#endif
