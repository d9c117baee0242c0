/*
 * fuzz_common.h - what both libFuzzer harnesses share: a private copy
 * of a folder of real files (the sample inputs, a template language) in
 * a temporary folder, in which one file at a time is replaced by the
 * fuzzer's data, and a way to discard the messages of a run.
 *
 * The loaders read folders, not buffers, so the data has to be a file;
 * starting from the real files keeps most of each run on the realistic
 * path (references resolve, includes exist) while one file is hostile.
 *
 * Included by exactly one harness per program (static functions).
 */
#ifndef PR_FUZZ_COMMON_H
#define PR_FUZZ_COMMON_H

#include <dirent.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

struct fuzz_file {
	char *rel;  /* path relative to the folder */
	char *data; /* the original contents */
	size_t len;
};

struct fuzz_tree {
	char dir[64]; /* the private copy */
	struct fuzz_file *files;
	size_t nfiles;
};

static int fuzz_devnull = -1;

static void
fuzz_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || (len > 0 && fwrite(data, 1, len, f) != len)) {
		perror(path);
		abort();
	}
	fclose(f);
}

static char *
fuzz_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_init(&b);
	buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

static int
fuzz_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fuzz_file *)a)->rel,
	              ((const struct fuzz_file *)b)->rel);
}

/* A path made of parts; the caller frees it. */
static char *
fuzz_path(const char *a, const char *b, const char *c)
{
	struct buf p;

	buf_init(&p);
	buf_printf(&p, "%s%s%s%s%s", a, *b ? "/" : "", b, *c ? "/" : "", c);
	return buf_detach(&p);
}

/* Copies every regular file under src/rel into the private folder. */
static void
fuzz_copy(struct fuzz_tree *t, const char *src, const char *rel)
{
	char *from = fuzz_path(src, rel, ""), *to;
	struct dirent *e;
	struct stat st;
	DIR *d;

	d = opendir(from);
	free(from);
	if (d == NULL)
		return;
	to = fuzz_path(t->dir, rel, "");
	mkdir(to, 0777);
	free(to);
	while ((e = readdir(d)) != NULL) {
		char *sub;

		if (e->d_name[0] == '.')
			continue;
		sub = fuzz_path(rel, e->d_name, "");
		if (*rel == '\0') {
			free(sub);
			sub = xstrdup(e->d_name);
		}
		from = fuzz_path(src, sub, "");
		if (stat(from, &st) != 0) {
			/* vanished: nothing to copy */
		} else if (S_ISDIR(st.st_mode)) {
			fuzz_copy(t, src, sub);
		} else if (S_ISREG(st.st_mode)) {
			struct fuzz_file *f;

			t->files = xrealloc(t->files, (t->nfiles + 1) *
			                                  sizeof(*t->files));
			f = &t->files[t->nfiles++];
			f->rel = xstrdup(sub);
			f->data = fuzz_read(from, &f->len);
			if (f->data == NULL)
				abort();
			to = fuzz_path(t->dir, sub, "");
			fuzz_write(to, f->data, f->len);
			free(to);
		}
		free(from);
		free(sub);
	}
	closedir(d);
}

static void
fuzz_tree_init(struct fuzz_tree *t, const char *src)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/pr-fuzz.XXXXXX");
	if (mkdtemp(t->dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	t->files = NULL;
	t->nfiles = 0;
	if (src != NULL)
		fuzz_copy(t, src, "");
	if (t->nfiles > 1)
		qsort(t->files, t->nfiles, sizeof(*t->files), fuzz_cmp);
	if (fuzz_devnull < 0)
		fuzz_devnull = open("/dev/null", O_WRONLY);
	diag_init("fuzz");
	diag_set_quiet(true);
}

/*
 * Puts data into the private copy.  The data is "NAME\nCONTENTS": when
 * NAME (at most 80 bytes) is the path of one of the copied files, such
 * as "30-it.yaml" or "de/report.tmpl", CONTENTS replace that file;
 * otherwise they go to a new file `extra` (and with no newline at all,
 * the whole data does).  A NAME starting with '+' sets *flag (the
 * template harness then also evaluates).  Names are looked up, never
 * used as paths, so the data cannot write outside the copy.  Returns
 * the index to give to fuzz_tree_restore (nfiles for `extra`).
 */
static size_t
fuzz_tree_put(struct fuzz_tree *t, const uint8_t *data, size_t size,
              const char *extra, bool *flag)
{
	const uint8_t *nl =
	    size > 0 ? memchr(data, '\n', size < 81 ? size : 81) : NULL;
	size_t i = t->nfiles;
	char *path;

	*flag = false;
	if (nl != NULL) {
		const char *name = (const char *)data;
		size_t n = (size_t)(nl - data);

		if (n > 0 && name[0] == '+') {
			*flag = true;
			name++;
			n--;
		}
		for (i = 0; i < t->nfiles; i++)
			if (strlen(t->files[i].rel) == n &&
			    memcmp(t->files[i].rel, name, n) == 0)
				break;
		size -= (size_t)(nl + 1 - data);
		data = nl + 1;
	}
	path = fuzz_path(t->dir, i < t->nfiles ? t->files[i].rel : extra, "");
	fuzz_write(path, data, size);
	free(path);
	return i;
}

static void
fuzz_tree_restore(struct fuzz_tree *t, size_t i, const char *extra)
{
	char *path =
	    fuzz_path(t->dir, i < t->nfiles ? t->files[i].rel : extra, "");

	if (i < t->nfiles)
		fuzz_write(path, t->files[i].data, t->files[i].len);
	else
		unlink(path);
	free(path);
}

static void
fuzz_tree_free(struct fuzz_tree *t)
{
	char cmd[128];
	size_t i;

	for (i = 0; i < t->nfiles; i++) {
		free(t->files[i].rel);
		free(t->files[i].data);
	}
	free(t->files);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", t->dir);
}

/* Prints the run's messages to /dev/null: they are not what is tested,
 * and printing them would slow the fuzzer down tenfold. */
static void
fuzz_discard_messages(void)
{
	int saved;

	fflush(stderr);
	saved = dup(2);
	dup2(fuzz_devnull, 2);
	diag_flush();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
}

#endif
