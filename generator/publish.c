/*
 * publish.c - the dates of the OParl metadata.
 *
 * OParl's "created" and "modified" describe the published file, not the
 * run that wrote it: a rebuild of the same report must not move
 * "created", and "modified" must move exactly when a reader would get
 * different bytes.  Both therefore come from the history (table
 * publication, docs/history.md), which outlives the output folder.
 */
#include "publish.h"

#include <stdio.h>
#include <string.h>

/* An OParl date-time of the build date. */
static void
stamp(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

/* The dates of one file; stages its record. */
static bool
publish_file(struct history *h, int year, struct outset *o, const char *suffix,
             time_t date, struct oparl_dates *d)
{
	const char *sha = outset_sha512(o, suffix);
	struct pub_record rec;
	bool found;

	if (sha == NULL || !history_publication(h, year, suffix, &rec, &found))
		return false;
	d->suffix = suffix;
	if (!found) {
		stamp(date, rec.created);
		stamp(date, rec.modified);
	} else if (strcmp(rec.sha512, sha) != 0)
		stamp(date, rec.modified);
	snprintf(rec.sha512, sizeof(rec.sha512), "%s", sha);
	memcpy(d->created, rec.created, sizeof(d->created));
	memcpy(d->modified, rec.modified, sizeof(d->modified));
	return history_stage_publication(h, year, suffix, &rec);
}

bool
publish_dates(struct history *h, int year, struct outset *o,
              const char *const *suffixes, struct oparl_info *info)
{
	size_t i;

	info->ndates = 0;
	for (i = 0; suffixes[i] != NULL; i++) {
		if (info->ndates ==
		    sizeof(info->dates) / sizeof(info->dates[0]))
			return false;
		if (!publish_file(h, year, o, suffixes[i], info->date,
		                  &info->dates[info->ndates++]))
			return false;
	}
	return true;
}
