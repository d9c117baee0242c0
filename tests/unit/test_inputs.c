/*
 * test_inputs.c - the inputs stage: the sample inputs and the other
 * town load without a single message and give the model we expect;
 * every folder in tests/inputs/ gives exactly the messages of its
 * expected.txt and, where it has a values.txt, exactly those yearly
 * values, each with the place it was read from; the reporting year follows
 * --year, the settings or the calendar; the December list matches
 * tests/inputs/missing-2026.txt.
 *
 * Run from the source tree (tests/run.sh does).  With
 * PR_UPDATE_EXPECTED=1 the expected files are rewritten from what the
 * loader says: look at every change before committing it.
 *
 * Two cases are made at test time because they are big: huge-string
 * (a 10 MB value) and too-big-file (a sparse 65 MiB file).  They are
 * built in $T (or /tmp) from the case folder's committed files.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "inputs.h"
#include "unit.h"

static bool
spill(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (f == NULL)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* Runs diag_flush() with stderr going to a file; returns what it wrote. */
static char *
flush_captured(void)
{
	char path[] = "/tmp/pr-test-inputs.XXXXXX";
	int fd = mkstemp(path), saved;
	char *text;

	if (fd < 0)
		return NULL;
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	diag_flush();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	text = unit_slurp(path, NULL);
	unlink(path);
	return text;
}

/* Loads `dir` and returns the messages, with check's warnings about
 * the indicators' values when it loads (as `check` prints them); *ok
 * gets inputs_load()'s answer. */
static char *
load_messages(const char *dir, int year, bool *ok, struct model *keep)
{
	unsigned before = diag_count(DIAG_NOTE) + diag_count(DIAG_WARNING) +
	                  diag_count(DIAG_ERROR) + diag_count(DIAG_SYSTEM);
	struct model m;

	model_init(&m);
	*ok = inputs_load(&m, dir, year);
	if (*ok) {
		analysis_run(&m);
		inputs_warn_values(&m);
	}
	if (keep != NULL)
		*keep = m;
	else
		model_free(&m);
	/* diag_flush() with nothing ever collected hands qsort() a NULL
	 * array (UBSan objects); nothing new means nothing to print. */
	if (diag_count(DIAG_NOTE) + diag_count(DIAG_WARNING) +
	        diag_count(DIAG_ERROR) + diag_count(DIAG_SYSTEM) ==
	    before)
		return xstrdup("");
	return flush_captured();
}

static bool
has_error_line(const char *text)
{
	return strstr(text, ": error: ") != NULL;
}

/* Generated cases: the big file is written next to copies of the
 * committed ones, in a scratch folder. */
static bool
make_big(const char *name, const char *dir)
{
	struct buf path;
	bool ok = false;
	FILE *f;

	buf_init(&path);
	if (strcmp(name, "huge-string") == 0) {
		size_t i;

		buf_printf(&path, "%s/huge.yaml", dir);
		if ((f = fopen(path.data, "wb")) == NULL)
			goto out;
		fputs("milestones:\n  - id: M-1\n    aspect: 01a\n"
		      "    planned: 2027-01-31\n    status: planned\n"
		      "    title: \"",
		      f);
		for (i = 0; i < 10 * 1024 * 1024 / 64; i++)
			fputs(
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			    "xxxxxxxxxxxxxx",
			    f);
		fputs("\"\n", f);
		ok = fclose(f) == 0;
	} else if (strcmp(name, "too-big-file") == 0) {
		int fd;

		buf_printf(&path, "%s/big.yaml", dir);
		fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			goto out;
		ok = ftruncate(fd, (off_t)65 << 20) == 0;
		ok &= close(fd) == 0;
	}
out:
	buf_free(&path);
	return ok;
}

static bool
is_generated(const char *name)
{
	return strcmp(name, "huge-string") == 0 ||
	       strcmp(name, "too-big-file") == 0;
}

/* Copies the case's committed files (not expected.txt) to dir/name,
 * then writes the big file there. */
static bool
copy_case(const char *name, const char *dir)
{
	struct buf from, to;
	struct dirent *e;
	bool ok = true;
	DIR *d;

	buf_init(&from);
	buf_init(&to);
	buf_printf(&to, "%s/%s", dir, name);
	buf_printf(&from, "tests/inputs/%s", name);
	if (mkdir(to.data, 0755) != 0 || (d = opendir(from.data)) == NULL) {
		ok = false;
		goto out;
	}
	while ((e = readdir(d)) != NULL) {
		struct buf a, b;
		char *data;

		if (e->d_name[0] == '.' ||
		    strcmp(e->d_name, "expected.txt") == 0)
			continue;
		buf_init(&a);
		buf_init(&b);
		buf_printf(&a, "%s/%s", from.data, e->d_name);
		buf_printf(&b, "%s/%s", to.data, e->d_name);
		if ((data = unit_slurp(a.data, NULL)) == NULL ||
		    !spill(b.data, data, strlen(data)))
			ok = false;
		free(data);
		buf_free(&a);
		buf_free(&b);
	}
	closedir(d);
	if (ok)
		ok = make_big(name, to.data);
out:
	buf_free(&from);
	buf_free(&to);
	return ok;
}

/* Removes dir/name/ and its files, then dir. */
static void
remove_case(const char *name, const char *dir)
{
	struct buf p;
	struct dirent *e;
	DIR *d;

	buf_init(&p);
	buf_printf(&p, "%s/%s", dir, name);
	if ((d = opendir(p.data)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			struct buf f;

			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			buf_init(&f);
			buf_printf(&f, "%s/%s", p.data, e->d_name);
			unlink(f.data);
			buf_free(&f);
		}
		closedir(d);
	}
	rmdir(p.data);
	rmdir(dir);
	buf_free(&p);
}

/* Every yearly value the model holds, one line each, with the place it
 * was read from: what a case's values.txt holds. */
static char *
dump_values(const struct model *m)
{
	struct buf b;
	size_t i, j;

	buf_init(&b);
	buf_puts(&b, "");
	for (i = 0; i < m->nindicators; i++) {
		const struct indicator *ind = m->indicators[i];

		for (j = 0; j < ind->nvalues; j++) {
			const struct year_value *v = &ind->values[j];

			buf_printf(&b, "%s %d %.6f %s:%u:%u\n", ind->id,
			           v->year, v->value, v->pos.file, v->pos.line,
			           v->pos.col);
		}
	}
	return buf_detach(&b);
}

/* A case with a values.txt: the values read, against it; false if the
 * case has none. */
static bool
check_values(const char *cwd, const char *name)
{
	const char *update = getenv("PR_UPDATE_EXPECTED");
	struct buf path;
	struct model m;
	char *want, *got, *msgs;
	bool ok;

	buf_init(&path);
	buf_printf(&path, "%s/tests/inputs/%s/values.txt", cwd, name);
	if (access(path.data, F_OK) != 0) {
		buf_free(&path);
		return false;
	}
	CHECK(chdir("tests/inputs") == 0);
	msgs = load_messages(name, 0, &ok, &m);
	CHECK(chdir(cwd) == 0);
	got = dump_values(&m);
	if (update != NULL && *update == '1')
		spill(path.data, got, strlen(got));
	want = unit_slurp(path.data, NULL);
	if (want == NULL || strcmp(want, got) != 0) {
		unit_failures++;
		fprintf(stderr,
		        "case %s: values differ.\n--- expected\n%s--- got\n"
		        "%s---\n",
		        name, want ? want : "", got);
	}
	unit_checks++;
	free(msgs);
	free(want);
	free(got);
	model_free(&m);
	buf_free(&path);
	return true;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every tests/inputs/<case>/ against its expected.txt. */
static void
test_cases(void)
{
	const char *update = getenv("PR_UPDATE_EXPECTED");
	const char *scratch = getenv("T");
	char cwd[4096], *names[256];
	size_t n = 0, i;
	struct dirent *e;
	DIR *d;

	if (scratch == NULL || *scratch == '\0')
		scratch = "/tmp";
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK((d = opendir("tests/inputs")) != NULL);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && n < 256) {
		struct stat st;
		struct buf p;

		buf_init(&p);
		buf_printf(&p, "tests/inputs/%s", e->d_name);
		if (e->d_name[0] != '.' && stat(p.data, &st) == 0 &&
		    S_ISDIR(st.st_mode))
			names[n++] = xstrdup(e->d_name);
		buf_free(&p);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), namecmp);
	CHECK(n >= 30);
	for (i = 0; i < n; i++) {
		struct buf exp_path;
		char *want, *got, tmp[4096];
		bool ok, has_values;

		buf_init(&exp_path);
		buf_printf(&exp_path, "%s/tests/inputs/%s/expected.txt", cwd,
		           names[i]);
		if (is_generated(names[i])) {
			snprintf(tmp, sizeof(tmp), "%s/pr-inputs.XXXXXX",
			         scratch);
			CHECK(mkdtemp(tmp) != NULL);
			CHECK(copy_case(names[i], tmp));
			CHECK(chdir(tmp) == 0);
		} else
			CHECK(chdir("tests/inputs") == 0);
		got = load_messages(names[i], 0, &ok, NULL);
		CHECK(chdir(cwd) == 0);
		if (is_generated(names[i]))
			remove_case(names[i], tmp);
		if (got == NULL)
			got = xstrdup("(no output captured)\n");
		if (update != NULL && *update == '1')
			spill(exp_path.data, got, strlen(got));
		want = unit_slurp(exp_path.data, NULL);
		CHECK(want != NULL);
		if (want != NULL && strcmp(want, got) != 0) {
			unit_failures++;
			fprintf(stderr,
			        "case %s: messages differ.\n--- expected\n%s"
			        "--- got\n%s---\n",
			        names[i], want, got);
		}
		/* The answer agrees with the messages. */
		CHECK(ok == !has_error_line(got));
		/* every case says something, or has values to check */
		has_values = check_values(cwd, names[i]);
		CHECK(*got != '\0' || has_values);
		free(want);
		free(got);
		free(names[i]);
		buf_free(&exp_path);
	}
}

static void
test_sample(void)
{
	struct model m;
	struct indicator *ind;
	struct milestone *ms;
	struct aspect *a;
	char *msgs, *want;
	bool ok;
	size_t i, nstatus[MS_STATUS__MAX] = {0};

	msgs = load_messages("inputs", 0, &ok, &m);
	CHECK(ok);
	/* Not a single warning but check's one about a missing 2026
	 * value (tests/inputs/check-2026.txt). */
	want = unit_slurp("tests/inputs/check-2026.txt", NULL);
	CHECK(want != NULL);
	if (want != NULL)
		CHECK_STR(msgs, want);
	free(want);
	free(msgs);
	CHECK(m.settings.year == 2026);
	CHECK(m.settings.cutoff.y == 2026 && m.settings.cutoff.m == 12 &&
	      m.settings.cutoff.d == 31);
	CHECK(m.settings.sample);
	CHECK_STR(m.settings.lang, "de");
	CHECK_STR(m.settings.output_basename, "progress-report-2026");
	CHECK(m.settings.horizon_start == 2026 &&
	      m.settings.horizon_end == 2030);
	CHECK(m.settings.contact_email != NULL);
	CHECK(m.nmilestones >= 40);
	CHECK(m.nindicators >= 12 && m.nindicators <= 16);
	CHECK(m.nglossary >= 8);
	CHECK(m.nsources >= 3);
	CHECK(m.nfiles == 7);
	/* 4 resolution points; 02 has the eight aspects a-h. */
	a = model_find_aspect(&m, "02");
	CHECK(a != NULL && a->nchildren == 8 && a->parent == NULL);
	CHECK((a = model_find_aspect(&m, "02h")) != NULL &&
	      a->parent == model_find_aspect(&m, "02"));
	/* An aspect without a unit takes its point's, id and unit. */
	CHECK((a = model_find_aspect(&m, "02c")) != NULL);
	CHECK_STR(a ? a->unit : NULL, "it-statistik");
	CHECK(a != NULL && a->unit_ref != NULL &&
	      a->unit_ref == model_find_unit(&m, "it-statistik"));
	CHECK_STR(a && a->unit_ref ? a->unit_ref->name : NULL,
	          "Amt für Informationstechnik und Statistik");
	CHECK(a != NULL && a->involved.n == 1 &&
	      a->involved.refs[0] == model_find_unit(&m, "datenschutz"));
	/* Units with their contacts, topics. */
	CHECK(m.nunits == 8 && m.ntopics == 4);
	CHECK_STR(model_find_unit(&m, "presse")
	              ? model_find_unit(&m, "presse")->contact_email
	              : NULL,
	          "presse@example.org");
	CHECK_STR(model_find_topic(&m, "green-it")
	              ? model_find_topic(&m, "green-it")->name
	              : NULL,
	          "Green IT");
	CHECK_STR(m.settings.council_paper, "0158/27");
	CHECK_STR(m.settings.adoption_paper, "0312/26");
	CHECK(m.settings.adopted.y == 2026 && m.settings.adopted.m == 3 &&
	      m.settings.adopted.d == 19);
	CHECK(model_find_aspect(&m, "01")->nchildren == 3);
	CHECK(model_find_aspect(&m, "03")->nchildren == 0);
	/* Every status is represented. */
	for (i = 0; i < m.nmilestones; i++) {
		ms = m.milestones[i];
		nstatus[ms->status]++;
		CHECK(ms->aspect != NULL && ms->unit != NULL);
	}
	for (i = 0; i < MS_STATUS__MAX; i++)
		CHECK(nstatus[i] > 0);
	ms = model_find_milestone(&m, "M-01a-3");
	CHECK(ms != NULL && ms->status == MS_DELAYED &&
	      ms->forecast.y == 2027 && ms->forecast.m == 10 &&
	      ms->explanation == NULL && ms->cause != NULL &&
	      ms->countermeasure != NULL && ms->progress == 25);
	CHECK(ms != NULL && ms->topics.n == 1 &&
	      ms->topics.refs[0] == model_find_topic(&m, "barrierefreiheit"));
	CHECK(ms != NULL && ms->status_pos.line != 0 &&
	      strstr(ms->pos.file, "10-kommunikation") != NULL);
	ms = model_find_milestone(&m, "M-02c-2");
	CHECK_STR(ms ? ms->unit : NULL, "datenschutz");
	CHECK_STR(ms && ms->unit_ref ? ms->unit_ref->name : NULL,
	          "Datenschutzbeauftragte der Stadtverwaltung");
	/* The CSV-fed indicator, sorted by year. */
	ind = model_find_indicator(&m, "I-02a-e-rechnungen");
	CHECK(ind != NULL && ind->nvalues == 3);
	if (ind != NULL && ind->nvalues == 3) {
		CHECK(ind->values[0].year == 2024 &&
		      ind->values[2].year == 2026);
		CHECK(ind->values[2].value == 58.9);
		CHECK(strstr(ind->values[2].pos.file, ".csv") != NULL &&
		      ind->values[2].pos.line == 6);
		CHECK_STR(ind->responsible, "kaemmerei");
		CHECK(ind->responsible_ref == model_find_unit(&m, "kaemmerei"));
	}
	ind = model_find_indicator(&m, "I-02e-phishing");
	CHECK(ind != NULL && ind->direction == -1 && ind->decimals == 1 &&
	      ind->baseline_year == 2025 && ind->target == 5);
	CHECK(model_find_indicator(&m, "M-01a-3") == NULL);

	/* The December list. */
	{
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);

		inputs_print_missing(&m, f);
		fclose(f);
		if (getenv("PR_UPDATE_EXPECTED") &&
		    *getenv("PR_UPDATE_EXPECTED") == '1')
			spill("tests/inputs/missing-2026.txt", text, len);
		want = unit_slurp("tests/inputs/missing-2026.txt", NULL);
		CHECK_STR(text, want);
		free(want);
		free(text);
	}
	model_free(&m);
}

static void
test_other_town(void)
{
	struct model m;
	char *msgs;
	bool ok;

	msgs = load_messages("tests/other-town", 0, &ok, &m);
	CHECK(ok);
	CHECK_STR(msgs, "");
	free(msgs);
	CHECK_STR(m.settings.lang, "en");
	CHECK(m.settings.year == 2026);
	CHECK(m.settings.sample);
	CHECK(m.naspects >= 3 && m.nmilestones >= 5 && m.nindicators >= 2);
	/* A spreadsheet's CSV: byte-order mark, CRLF, quoted numbers. */
	{
		struct indicator *ind =
		    model_find_indicator(&m, "online-share");

		CHECK(ind != NULL && ind->nvalues == 2);
		if (ind != NULL && ind->nvalues == 2) {
			CHECK(ind->values[1].value == 48.2);
			CHECK(ind->values[1].pos.line == 3 &&
			      ind->values[1].pos.col == 1);
		}
	}
	model_free(&m);
}

/* --year overrides the settings; the cut-off follows it; with neither,
 * the last completed calendar year counts. */
static void
test_year(void)
{
	struct model m;
	char dir[] = "/tmp/pr-inputs-year.XXXXXX", path[256];
	const char *yaml = "settings:\n"
	                   "  organisation: Example\n"
	                   "  title: Report\n"
	                   "  committee: Committee\n"
	                   "  language: en\n"
	                   "  accessibility_contact:\n"
	                   "    name: Office\n"
	                   "    email: office@example.org\n";
	time_t now = time(NULL);
	struct tm tm;
	char *msgs;
	bool ok;

	msgs = load_messages("inputs", 2027, &ok, &m);
	CHECK(m.settings.year == 2027);
	CHECK(m.settings.cutoff.y == 2027 && m.settings.cutoff.m == 12);
	CHECK_STR(m.settings.output_basename, "progress-report-2027");
	/* In 2027 some 2026 work is overdue: warnings, no error. */
	CHECK(ok && strstr(msgs, "warning: the milestone \"M-01b-3\" is "
	                         "overdue") != NULL);
	free(msgs);
	model_free(&m);

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/settings.yaml", dir);
	CHECK(spill(path, yaml, strlen(yaml)));
	msgs = load_messages(dir, 0, &ok, &m);
	gmtime_r(&now, &tm);
	CHECK(ok);
	CHECK_STR(msgs, "");
	CHECK(m.settings.year == tm.tm_year + 1900 - 1);
	CHECK(m.settings.cutoff.m == 12 && m.settings.cutoff.d == 31);
	CHECK_STR(m.settings.lang, "en");
	free(msgs);
	model_free(&m);
	unlink(path);
	rmdir(dir);
}

/* The December list also comes from inputs with errors: owed
 * explanations are errors, and then the list is most needed. */
static void
test_missing_with_errors(void)
{
	struct model m;
	char *msgs, *text = NULL;
	size_t len = 0;
	FILE *f;
	bool ok;

	msgs = load_messages("tests/inputs/missing-explanation", 0, &ok, &m);
	CHECK(!ok);
	CHECK(strstr(msgs, "error: the status is delayed, so a cause (why it "
	                   "deviates) and a countermeasure") != NULL);
	free(msgs);
	f = open_memstream(&text, &len);
	inputs_print_missing(&m, f);
	fclose(f);
	CHECK_STR(text,
	          "Missing or stale for the reporting year 2026, by "
	          "responsible unit:\n"
	          "\n"
	          "test-office: Test office\n"
	          "  - milestone M-1 \"Delayed without a word\": never updated "
	          "(no date in updated)\n"
	          "  - milestone M-1 \"Delayed without a word\": a cause and a "
	          "countermeasure owed (the status is delayed)\n"
	          "  - milestone M-2 \"At risk without a word\": never updated "
	          "(no date in updated)\n"
	          "  - milestone M-2 \"At risk without a word\": a cause and a "
	          "countermeasure owed (the status is at_risk)\n"
	          "  - milestone M-3 \"Cancelled without a word\": a cause and "
	          "a countermeasure owed (the status is cancelled)\n"
	          "  - milestone M-4 \"Postponed without a word\": never "
	          "updated (no date in updated)\n"
	          "  - milestone M-4 \"Postponed without a word\": a cause and "
	          "a countermeasure owed (the forecast date 2027-09-30 lies "
	          "after the planned date 2027-03-31)\n"
	          "  - milestone M-5 \"Finished late without a word\": a cause "
	          "owed (the completion date 2026-05-15 lies after the planned "
	          "date 2026-03-31)\n"
	          "  - milestone M-6 \"Delayed with an empty explanation\": "
	          "never updated (no date in updated)\n"
	          "  - milestone M-6 \"Delayed with an empty explanation\": a "
	          "cause and a countermeasure owed (the status is delayed)\n");
	free(text);
	model_free(&m);
}

int
main(void)
{
	diag_init("progress-report");
	test_sample();
	test_other_town();
	test_year();
	test_missing_with_errors();
	test_cases();
	return unit_done("test_inputs");
}
