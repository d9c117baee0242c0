/*
 * floor.c - the physical floor of a build, for `make bench`.
 *
 *     floor PAGES OUTDIR BYTES
 *
 * Does only the work that no way of writing the report can avoid: it
 * deflates the report's page content streams (PAGES, as bench/pages.py
 * extracts them from the built PDF) with the compressor and level the
 * PDF's pages use (libdeflate, level 1: pdf_tag.c's PAGE_LEVEL), split
 * over two threads as the build's packers split them, writes BYTES
 * bytes (the size of all the build's output files) to one new file in
 * OUTDIR, syncs its data once and the folder once, and puts the file in
 * place with one rename.  Process start and reading PAGES count, as
 * reading the inputs counts for the build.
 *
 * PAGES holds one record per page: its length as 4 bytes, little
 * endian, then its bytes.  bench/run.sh times this program and the
 * build in alternation (bench/measure.py --pair).
 */
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LEVEL 1

struct page {
	const unsigned char *in;
	size_t len;
	unsigned char *out;
	size_t outlen;
};

struct half {
	struct page *pages;
	size_t from, n, step;
	int failed;
};

static void
die(const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Deflates every step-th page from `from` on: pages alternate between
 * the two threads, so that both get long and short ones alike. */
static void *
deflate_half(void *arg)
{
	struct half *h = arg;
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(LEVEL);
	size_t i;

	if (c == NULL) {
		h->failed = 1;
		return NULL;
	}
	for (i = h->from; i < h->n; i += h->step) {
		struct page *p = &h->pages[i];
		size_t cap = libdeflate_zlib_compress_bound(c, p->len);

		p->out = malloc(cap);
		if (p->out == NULL) {
			h->failed = 1;
			break;
		}
		p->outlen = libdeflate_zlib_compress(c, p->in, p->len, p->out,
		                                     cap);
		if (p->outlen == 0) {
			h->failed = 1;
			break;
		}
	}
	libdeflate_free_compressor(c);
	return NULL;
}

static unsigned char *
read_file(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *data;
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0)
		die(path);
	data = malloc((size_t)st.st_size + 1);
	if (data == NULL)
		die("malloc");
	while (got < (size_t)st.st_size &&
	       (n = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	if (got != (size_t)st.st_size)
		die(path);
	close(fd);
	*len = got;
	return data;
}

static void
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("write");
		c += w;
		n -= (size_t)w;
	}
}

int
main(int argc, char *argv[])
{
	static unsigned char zeros[1 << 16];
	struct page *pages = NULL;
	size_t len, pos = 0, n = 0, cap = 0, i, written = 0, bytes;
	unsigned char *data;
	struct half h[2];
	pthread_t t;
	char tmp[4096], fin[4096];
	int fd, dfd, threaded;

	if (argc != 4) {
		fprintf(stderr, "usage: floor PAGES OUTDIR BYTES\n");
		return 2;
	}
	bytes = strtoull(argv[3], NULL, 10);
	data = read_file(argv[1], &len);
	while (pos + 4 <= len) {
		size_t l = (size_t)data[pos] | (size_t)data[pos + 1] << 8 |
		           (size_t)data[pos + 2] << 16 |
		           (size_t)data[pos + 3] << 24;
		if (l > len - pos - 4) {
			fprintf(stderr, "floor: %s is damaged\n", argv[1]);
			return 1;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			pages = realloc(pages, cap * sizeof(*pages));
			if (pages == NULL)
				die("malloc");
		}
		memset(&pages[n], 0, sizeof(pages[n]));
		pages[n].in = data + pos + 4;
		pages[n++].len = l;
		pos += 4 + l;
	}

	for (i = 0; i < 2; i++)
		h[i] = (struct half){pages, i, n, 2, 0};
	threaded = pthread_create(&t, NULL, deflate_half, &h[1]) == 0;
	deflate_half(&h[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		deflate_half(&h[1]);
	if (h[0].failed || h[1].failed) {
		fprintf(stderr, "floor: libdeflate failed\n");
		return 1;
	}

	snprintf(tmp, sizeof(tmp), "%s/.floor.tmp", argv[2]);
	snprintf(fin, sizeof(fin), "%s/floor.out", argv[2]);
	dfd = open(argv[2], O_RDONLY | O_DIRECTORY);
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (dfd < 0 || fd < 0)
		die(tmp);
	for (i = 0; i < n && written < bytes; i++) {
		size_t k = pages[i].outlen < bytes - written ? pages[i].outlen
		                                             : bytes - written;
		write_all(fd, pages[i].out, k);
		written += k;
	}
	while (written < bytes) {
		size_t k = bytes - written < sizeof(zeros) ? bytes - written
		                                           : sizeof(zeros);
		write_all(fd, zeros, k);
		written += k;
	}
	if (fdatasync(fd) != 0)
		die("fdatasync");
	close(fd);
	if (rename(tmp, fin) != 0)
		die("rename");
	if (fsync(dfd) != 0)
		die("fsync of the folder");
	close(dfd);
	for (i = 0; i < n; i++)
		free(pages[i].out);
	free(pages);
	free(data);
	return 0;
}
