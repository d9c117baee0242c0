/*
 * test_fuzz_inputs.c - replays the inputs fuzzer's seed corpus
 * (tests/fuzz/corpus/inputs/) and every input it ever crashed on
 * (tests/fuzz/regressions/inputs/) through the harness, so that each
 * ordinary and sanitizer run of `make check` repeats them.
 */
#define FUZZ_ENTRY fuzz_inputs_one
#include "../fuzz/fuzz_inputs.c"

#include "unit.h"

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
		char *data;

		if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
			continue;
		char *path = fuzz_path(dir, e->d_name, "");

		data = fuzz_read(path, &len);
		if (data == NULL) {
			free(path);
			continue;
		}
		fprintf(stderr, "replaying %s\n", path);
		CHECK(FUZZ_ENTRY((const uint8_t *)data, len) == 0);
		free(data);
		free(path);
		n++;
	}
	closedir(d);
	return n;
}

int
main(void)
{
	unsigned n = replay("tests/fuzz/corpus/inputs");

	n += replay("tests/fuzz/regressions/inputs");
	CHECK(n > 0);
	/* The seeds made from the sample files are valid: some runs must
	 * get all the way through. */
	CHECK(inputs_loaded > 0);
	return unit_done("test_fuzz_inputs");
}
