/*
 * test_output.c - the output set: lock, temporary files, commit with
 * OParl metadata, abort, recovery of an interrupted commit, and the
 * refusals (busy folder, bad base name, truncated PDF); files synced on
 * threads of their own and checksums of files larger than a read.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "unit.h"
#include "util.h"

static char root[] = "/tmp/pr-test-output.XXXXXX";

static char *
path(const char *rel)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s/%s", root, rel);
	return buf_detach(&b);
}

static void
put(const char *p, const char *data)
{
	FILE *f = fopen(p, "w");

	if (f == NULL) {
		perror(p);
		exit(1);
	}
	fputs(data, f);
	fclose(f);
}

static bool
exists(const char *p)
{
	return access(p, F_OK) == 0;
}

/* Number of entries in dir whose name contains `part`. */
static int
count_names(const char *dir, const char *part)
{
	char cmd[512];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | grep -c -F -- '%s'", dir,
	         part);
	if ((p = popen(cmd, "r")) != NULL) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

static const char pdf_data[] = "%PDF-1.4\n%%EOF\n";
static const char pdf_sha1[] = "4cabfc449c42e4e20888a0cd1cb4d4fd652baf88";
static const char pdf_sha512[] =
    "f3421bd7e1e56f3b58b75a81e42f65a9130f72dcaf6b143751069649b6729b973e614f"
    "d8168933adea455b4357243dc41d7dac9192a78fb117ae4cdea891fbf6";
static const char html_sha1[] = "a9993e364706816aba3e25717850c26c9cd0d89d";

/* OParl settings as main.c passes them, with fixed dates. */
static struct oparl_info
info_for(const char *title, time_t date)
{
	struct oparl_info in = {
	    "https://www.example.org/r", NULL, NULL, title, date, {{0}}, 2};

	in.dates[0].suffix = ".pdf";
	in.dates[1].suffix = ".html";
	snprintf(in.dates[0].created, 32, "2026-02-01T00:00:00+00:00");
	snprintf(in.dates[0].modified, 32, "2027-01-01T00:00:00+00:00");
	snprintf(in.dates[1].created, 32, "2026-02-01T00:00:00+00:00");
	snprintf(in.dates[1].modified, 32, "2026-02-01T00:00:00+00:00");
	return in;
}

static void
test_commit(void)
{
	char *dir = path("out/nested");
	struct outset *o = outset_begin(dir, "report-2026");
	char *lock = path("out/nested/.progress-report.lock");
	char *pdf = path("out/nested/report-2026.pdf");
	char *html = path("out/nested/report-2026.html");
	char *meta = path("out/nested/report-2026.oparl.json");
	char *obj = path("out/nested/report-2026.pdf.oparl.json");
	struct oparl_info in = info_for("Bericht \"2026\"", 1798761600);
	char *json;

	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(exists(lock));
	CHECK(strstr(outset_temp(o, ".pdf"), "/.report-2026.pdf.tmp-") != NULL);
	CHECK_STR(outset_final(o, ".pdf"), pdf);
	put(outset_temp(o, ".pdf"), pdf_data);
	put(outset_temp(o, ".html"), "abc");
	CHECK(outset_sync(o));
	CHECK(!exists(pdf));
	/* 2027-01-01T00:00:00Z */
	CHECK(outset_commit(o, &in));
	CHECK(exists(pdf) && exists(html) && exists(meta) && exists(obj));
	CHECK(count_names(dir, ".tmp-") == 0);
	CHECK(!exists("out/nested/.progress-report.commit"));
	json = unit_slurp(meta, NULL);
	CHECK(json != NULL);
	if (json != NULL) {
		CHECK(strstr(json, pdf_sha1) != NULL);
		CHECK(strstr(json, pdf_sha512) != NULL);
		CHECK(strstr(json, html_sha1) != NULL);
		CHECK(strstr(json, "\"size\": 15,") != NULL);
		CHECK(strstr(json, "\"size\": 3,") != NULL);
		CHECK(strstr(json, "\"date\": \"2027-01-01\"") != NULL);
		CHECK(
		    strstr(json, "\"name\": \"Bericht \\\"2026\\\" (PDF)\"") !=
		    NULL);
		CHECK(strstr(json, "\"mimeType\": \"text/html\"") != NULL);
		CHECK(strstr(json, "\"derivativeFile\": [\"https://"
		                   "www.example.org/r/report-2026.html.oparl."
		                   "json\"]") != NULL);
		CHECK(strstr(json, "\"masterFile\": \"https://www.example.org/"
		                   "r/report-2026.pdf.oparl.json\"") != NULL);
		CHECK(strstr(json, "\"accessUrl\": \"https://www.example.org/"
		                   "r/report-2026.pdf\"") != NULL);
		CHECK(strstr(json, "\"self\": \"https://www.example.org/r/"
		                   "report-2026.oparl.json\"") != NULL);
		CHECK(strstr(json, "\"totalElements\": 2,") != NULL);
		CHECK(strstr(json,
		             "\"created\": \"2026-02-01T00:00:00+00:00"
		             "\",\n      \"modified\": \"2027-01-01") != NULL);
		CHECK(strstr(json,
		             "\"type\": "
		             "\"https://schema.oparl.org/1.1/File\"") != NULL);
		/* The metadata files are not reports themselves. */
		CHECK(strstr(json, "\"fileName\": \"report-2026.pdf.oparl") ==
		      NULL);
	}
	free(json);
	json = unit_slurp(obj, NULL);
	{
		static const char head[] =
		    "{\n  \"id\": \"https://www.example"
		    ".org/r/report-2026.pdf.oparl.json\",";

		CHECK(json != NULL &&
		      strncmp(json, head, sizeof(head) - 1) == 0);
	}
	free(json);

	/* The lock was released: a second set on the folder works. */
	o = outset_begin(dir, "report-2026");
	CHECK(o != NULL);
	outset_abort(o);
	free(dir);
	free(lock);
	free(pdf);
	free(html);
	free(meta);
	free(obj);
}

static void
test_abort_keeps_old(void)
{
	char *dir = path("keep");
	char *pdf = path("keep/r.pdf");
	struct outset *o = outset_begin(dir, "r");
	char *old;

	CHECK(o != NULL);
	if (o == NULL)
		return;
	put(outset_temp(o, ".pdf"), pdf_data);
	CHECK(outset_commit(o, NULL));
	o = outset_begin(dir, "r");
	CHECK(o != NULL);
	if (o == NULL)
		return;
	put(outset_temp(o, ".pdf"), "%PDF-1.4\nnew\n%%EOF\n");
	CHECK(outset_sync(o));
	/* Prepared (metadata and journal written), then given up: as if
	 * the history could not be committed. */
	struct oparl_info in = info_for("T", 0);
	CHECK(outset_prepare(o, &in));
	/* The PDF, its object, the list and the journal. */
	CHECK(count_names(dir, ".tmp-") == 4);
	outset_abort(o);
	old = unit_slurp(pdf, NULL);
	CHECK_STR(old, pdf_data);
	CHECK(count_names(dir, ".tmp-") == 0);
	free(old);
	free(dir);
	free(pdf);
}

static void
test_busy(void)
{
	char *dir = path("busy");
	struct outset *a = outset_begin(dir, "r");
	struct outset *b;
	unsigned before = diag_count(DIAG_BUSY);

	CHECK(a != NULL);
	b = outset_begin(dir, "r");
	CHECK(b == NULL);
	CHECK(diag_count(DIAG_BUSY) == before + 1);
	CHECK(diag_exit_status() == EXIT_BUSY);
	outset_abort(b);
	outset_abort(a);
	free(dir);
}

static void
test_refusals(void)
{
	char *dir = path("ref");
	char *file = path("afile");
	unsigned sys = diag_count(DIAG_SYSTEM);
	unsigned err = diag_count(DIAG_ERROR);
	struct outset *o;

	CHECK(outset_begin(dir, "../escape") == NULL);
	CHECK(outset_begin(dir, ".hidden") == NULL);
	CHECK(outset_begin(dir, "") == NULL);
	CHECK(outset_begin(dir, NULL) == NULL);
	CHECK(diag_count(DIAG_ERROR) == err + 4);

	put(file, "x");
	CHECK(outset_begin(file, "r") == NULL);
	CHECK(diag_count(DIAG_SYSTEM) == sys + 1);

	/* A PDF cut short (no %%EOF) is never committed. */
	o = outset_begin(dir, "r");
	CHECK(o != NULL);
	if (o != NULL) {
		put(outset_temp(o, ".pdf"), "%PDF-1.4\n1 0 obj\n");
		CHECK(!outset_sync(o));
		CHECK(diag_count(DIAG_SYSTEM) == sys + 2);
		outset_abort(o);
	}
	/* A file that was never written: one message, though neither
	 * its sync nor its checksums can read it. */
	o = outset_begin(dir, "r");
	CHECK(o != NULL);
	if (o != NULL) {
		outset_temp(o, ".html");
		CHECK(!outset_sync(o));
		CHECK(diag_count(DIAG_SYSTEM) == sys + 3);
		outset_abort(o);
	}
	free(dir);
	free(file);
}

/* Checksums of BIG_SIZE bytes i % 251, a file of several reads. */
#define BIG_SIZE 200000
static const char big_sha1[] = "4fa3b414b52f18a8b007acc492540659f310282d";
static const char big_sha512[] =
    "251276bec7ec8a9792e3c5c581f15a8c82453b37941a26617fe2fed4e757a11f8ecd"
    "7667fc391298c2792e14f19231d2efe31410b898ea43e494bf83f7092dfa";

struct sync_arg {
	struct outset *o;
	const char *suffix;
	bool ok;
};

static void *
sync_one(void *arg)
{
	struct sync_arg *a = arg;

	a->ok = outset_sync_file(a->o, a->suffix);
	return NULL;
}

/* As main.c does: each file synced on a thread of its own, then the
 * checksums of all at once. */
static void
test_threads(void)
{
	char *dir = path("thr");
	char *meta = path("thr/r.oparl.json");
	struct outset *o = outset_begin(dir, "r");
	struct sync_arg a[2];
	pthread_t t[2];
	unsigned sys = diag_count(DIAG_SYSTEM);
	char *json;
	FILE *f;
	long i;

	CHECK(o != NULL);
	if (o == NULL)
		return;
	f = fopen(outset_temp(o, ".pdf"), "w");
	for (i = 0; f != NULL && i < BIG_SIZE; i++)
		putc(i % 251, f);
	CHECK(f != NULL && fclose(f) == 0);
	put(outset_temp(o, ".html"), "abc");
	a[0] = (struct sync_arg){o, ".pdf", true};
	a[1] = (struct sync_arg){o, ".html", false};
	/* The "PDF" has no %%EOF: its thread fails, the other does not. */
	for (i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, sync_one, &a[i]) == 0);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(!a[0].ok);
	CHECK(a[1].ok);
	CHECK(diag_count(DIAG_SYSTEM) == sys + 1);
	outset_abort(o);

	o = outset_begin(dir, "r");
	CHECK(o != NULL);
	if (o == NULL)
		return;
	/* Named .bin: only a .pdf must end with %%EOF. */
	f = fopen(outset_temp(o, ".bin"), "w");
	for (i = 0; f != NULL && i < BIG_SIZE; i++)
		putc(i % 251, f);
	CHECK(f != NULL && fclose(f) == 0);
	put(outset_temp(o, ".html"), "abc");
	a[0] = (struct sync_arg){o, ".bin", false};
	a[1] = (struct sync_arg){o, ".html", false};
	for (i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, sync_one, &a[i]) == 0);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(a[0].ok && a[1].ok);
	CHECK(outset_sync(o));
	struct oparl_info in = info_for("T", 0);
	CHECK(outset_commit(o, &in));
	json = unit_slurp(meta, NULL);
	CHECK(json != NULL);
	if (json != NULL) {
		CHECK(strstr(json, big_sha1) != NULL);
		CHECK(strstr(json, big_sha512) != NULL);
		CHECK(strstr(json, "\"size\": 200000,") != NULL);
		CHECK(strstr(json, html_sha1) != NULL);
	}
	free(json);
	CHECK(diag_count(DIAG_SYSTEM) == sys + 1);
	free(dir);
	free(meta);
}

/*
 * Files written through outset_open() get their checksums from the
 * bytes as they pass, hashed on a thread of their own or not: the same
 * as read back from the disk (big_sha1, big_sha512), for writes of
 * every size, including blocks larger than the stream's buffer and
 * more than its ring holds.
 */
static void
test_streamed(void)
{
	char *dir = path("str");
	char *meta = path("str/s.oparl.json");
	static unsigned char block[300000];
	struct outset *o = outset_begin(dir, "s");
	struct oparl_info in = info_for("S", 0);
	const char *sfx[2] = {".pdf", ".bin"};
	char *json;
	size_t i, k, step;

	CHECK(o != NULL);
	if (o == NULL)
		return;
	for (i = 0; i < BIG_SIZE; i++)
		block[i] = (unsigned char)(i % 251);
	for (k = 0; k < 2; k++) {
		FILE *f = outset_open(o, sfx[k], k == 0);

		CHECK(f != NULL);
		if (f == NULL)
			return;
		/* 1, 2, 4 ... bytes, then the rest in one write. */
		for (i = 0, step = 1; i + step < BIG_SIZE; i += step, step *= 2)
			CHECK(fwrite(block + i, 1, step, f) == step);
		CHECK(fwrite(block + i, 1, BIG_SIZE - i, f) == BIG_SIZE - i);
		CHECK(fclose(f) == 0);
	}
	CHECK_STR(outset_sha512(o, ".bin"), big_sha512);
	CHECK_STR(outset_sha512(o, ".pdf"), big_sha512);
	/* No %%EOF: the "PDF" is refused as incomplete, as one written
	 * any other way. */
	CHECK(!outset_sync_file(o, ".pdf"));
	CHECK(outset_sync_file(o, ".bin"));
	outset_abort(o);

	o = outset_begin(dir, "s");
	CHECK(o != NULL);
	if (o == NULL)
		return;
	FILE *f = outset_open(o, ".bin", true);
	CHECK(f != NULL);
	if (f == NULL)
		return;
	for (i = 0; i < BIG_SIZE; i += 1000)
		CHECK(fwrite(block + i, 1, 1000, f) == 1000);
	CHECK(fclose(f) == 0);
	CHECK(outset_sync(o));
	CHECK(outset_commit(o, &in));
	json = unit_slurp(meta, NULL);
	CHECK(json != NULL);
	if (json != NULL) {
		CHECK(strstr(json, big_sha1) != NULL);
		CHECK(strstr(json, big_sha512) != NULL);
		CHECK(strstr(json, "\"size\": 200000,") != NULL);
	}
	free(json);
	free(dir);
	free(meta);
}

/* What a run killed after deciding its commit leaves behind is
 * completed by the next one; stale temporaries of a run killed earlier
 * are removed. */
static void
test_recovery(void)
{
	char *dir = path("rec");
	char *t1 = path("rec/.r.pdf.tmp-99999");
	char *t2 = path("rec/.r.html.tmp-99999");
	char *stale = path("rec/.r.pdf.tmp-12345");
	char *other = path("rec/.notes.txt");
	char *journal = path("rec/.progress-report.commit");
	char *pdf = path("rec/r.pdf");
	char *html = path("rec/r.html");
	char *s;
	struct outset *o;

	mkdir(dir, 0777);
	put(pdf, "old pdf");
	put(html, "new html"); /* renamed before the kill */
	put(t1, "new pdf");
	put(stale, "garbage");
	put(other, "a user's file");
	put(journal, ".r.pdf.tmp-99999\tr.pdf\n.r.html.tmp-99999\tr.html\n");
	o = outset_begin(dir, "r");
	CHECK(o != NULL);
	s = unit_slurp(pdf, NULL);
	CHECK_STR(s, "new pdf");
	free(s);
	s = unit_slurp(html, NULL);
	CHECK_STR(s, "new html");
	free(s);
	CHECK(!exists(journal) && !exists(t1) && !exists(t2));
	CHECK(!exists(stale));
	CHECK(exists(other));
	outset_abort(o);
	free(dir);
	free(t1);
	free(t2);
	free(stale);
	free(other);
	free(journal);
	free(pdf);
	free(html);
}

int
main(void)
{
	char cmd[600];

	diag_init("test_output");
	diag_set_quiet(true);
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_commit();
	test_abort_keeps_old();
	test_busy();
	test_refusals();
	test_recovery();
	test_threads();
	test_streamed();
	diag_flush();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	return unit_done("test_output");
}
