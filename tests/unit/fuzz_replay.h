/*
 * fuzz_replay.h - runs every file of a corpus folder through a fuzz
 * harness's entry point (FUZZ_ENTRY, defined by the including test
 * before it includes the harness), for the replay tests
 * test_fuzz_*.c.
 */
#ifndef PR_FUZZ_REPLAY_H
#define PR_FUZZ_REPLAY_H

#include <dirent.h>

#include "unit.h"

/* Returns how many files were replayed; each must return 0. */
static unsigned
replay(const char *dir)
{
	struct dirent *e;
	unsigned n = 0;
	DIR *d = opendir(dir);

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len;
		char *data, *path;

		if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
			continue;
		path = fuzz_path(dir, e->d_name, "");
		data = fuzz_read(path, &len);
		if (data != NULL) {
			fprintf(stderr, "replaying %s\n", path);
			CHECK(FUZZ_ENTRY((const uint8_t *)data, len) == 0);
			n++;
		}
		free(data);
		free(path);
	}
	closedir(d);
	return n;
}

#endif
