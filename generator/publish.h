/*
 * publish.h - when a year's report files were first published and last
 * changed, for the OParl metadata, kept in the history.
 */
#ifndef PR_PUBLISH_H
#define PR_PUBLISH_H

#include <stdbool.h>
#include <time.h>

#include "history.h"
#include "output.h"

/*
 * Fills info->dates for the report files with these suffixes (NULL-
 * terminated) from the history's records of the year and the files'
 * SHA-512 (outset_checksums() first), and stages the new records in the
 * history's transaction.  "created" is the first final build's date and
 * stays; "modified" is the build date when a file's bytes differ from
 * the last published ones, else it stays too.  False (reported) if the
 * history cannot be read or written.
 */
bool publish_dates(struct history *, int year, struct outset *,
                   const char *const *suffixes, struct oparl_info *info);

#endif
