/*
 * textfile.c - the one reader of the files the program parses; see
 * textfile.h.
 */
#include "textfile.h"

#include <errno.h>
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

int
read_fd_bytes(int fd, const struct stat *st, size_t max, char **data,
              size_t *len)
{
	FILE *f;
	char *p;
	size_t n;
	int r = TF_READ, e;

	*data = NULL;
	*len = 0;
	if ((unsigned long long)st->st_size > max) {
		close(fd);
		return TF_TOO_LARGE;
	}
	if ((f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return TF_READ;
	}
	p = xmalloc((size_t)st->st_size + 1);
	n = fread(p, 1, (size_t)st->st_size + 1, f);
	if (!ferror(f))
		r = n > (size_t)st->st_size ? TF_GREW : TF_OK;
	e = errno; /* the read's, for the caller's message */
	fclose(f);
	errno = e;
	if (r != TF_OK) {
		free(p);
		return r;
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	return TF_OK;
}

bool
read_file_bytes(const char *path, const struct textfile_kind *k, char **data,
                size_t *len)
{
	struct src_pos pos = {path, 0, 0};
	struct stat st;
	int fd = open_regular(AT_FDCWD, path, O_RDONLY, &st);

	*data = NULL;
	*len = 0;
	if (fd == -2) {
		char why[128];
		snprintf(why, sizeof(why), _("%ss must be regular files"),
		         _(k->what));
		diag_not_regular(DIAG_ERROR, path, &st, why);
		return false;
	}
	if (fd < 0) {
		diag_syserr(path, "cannot open the file");
		return false;
	}
	switch (read_fd_bytes(fd, &st, k->max, data, len)) {
	case TF_OK:
		return true;
	case TF_TOO_LARGE:
		diag_error(&pos,
		           "the file has %lld bytes; %s %s may have at most "
		           "%zu MiB",
		           (long long)st.st_size, textfile_article(k->what),
		           _(k->what), k->max >> 20);
		return false;
	case TF_GREW:
		diag_error(&pos, "the file grew while it was read");
		return false;
	default:
		diag_syserr(path, "cannot read the file");
		return false;
	}
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
