/*
 * textfile.c - the one reader of the files the program parses; see
 * textfile.h.
 */
#include "textfile.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "i18n.h"

const char *
textfile_article(const char *what)
{
	return strchr("aeiou", what[0]) != NULL ? "an" : "a";
}

void
text_pos(const char *data, size_t off, const char *file, struct src_pos *out)
{
	unsigned line = 1, col = 1;
	size_t i;

	for (i = 0; i < off; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xC0) != 0x80)
			col++; /* count characters, not continuation bytes */
	}
	out->file = file;
	out->line = line;
	out->col = col;
}

bool
read_file_bytes(const char *path, const struct textfile_kind *k, char **data,
                size_t *len)
{
	struct src_pos pos = {path, 0, 0};
	struct stat st;
	size_t n = 0;
	char *p = NULL;
	FILE *f;

	*data = NULL;
	*len = 0;
	int fd = open_regular(AT_FDCWD, path, O_RDONLY, &st);

	if (fd == -2) {
		char why[128];
		snprintf(why, sizeof(why), _("%ss must be regular files"),
		         _(k->what));
		diag_not_regular(DIAG_ERROR, path, &st, why);
		return false;
	}
	if (fd < 0 || (f = fdopen(fd, "rb")) == NULL) {
		diag_syserr(path, "cannot open the file");
		if (fd >= 0)
			close(fd);
		return false;
	}
	if ((unsigned long long)st.st_size > k->max) {
		diag_error(&pos,
		           "the file has %lld bytes; %s %s may have at most "
		           "%zu MiB",
		           (long long)st.st_size, textfile_article(k->what),
		           _(k->what), k->max >> 20);
		goto fail;
	}
	p = xmalloc((size_t)st.st_size + 1);
	n = fread(p, 1, (size_t)st.st_size + 1, f);
	if (ferror(f)) {
		diag_syserr(path, "cannot read the file");
		goto fail;
	}
	if (n > (size_t)st.st_size) {
		diag_error(&pos, "the file grew while it was read");
		goto fail;
	}
	fclose(f);
	p[n] = '\0';
	*data = p;
	*len = n;
	return true;
fail:
	free(p);
	fclose(f);
	return false;
}

bool
read_text_file(const char *path, const struct textfile_kind *k, char **data,
               size_t *len)
{
	struct src_pos pos;
	size_t bad, n;
	char *p;

	if (!read_file_bytes(path, k, &p, &n))
		return false;
	if (!utf8_valid(p, n, &bad)) {
		text_pos(p, bad, path, &pos);
		if (p[bad] == '\0')
			diag_error(&pos, "a NUL byte; %ss are text in UTF-8",
			           _(k->what));
		else
			diag_error(&pos,
			           "the byte 0x%02X is not valid UTF-8; save "
			           "the file as UTF-8 (not Latin-1 or "
			           "Windows-1252)",
			           (unsigned char)p[bad]);
		free(p);
		return false;
	}
	*data = p;
	*len = n;
	return true;
}
