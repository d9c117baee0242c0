/*
 * test_history.c - the yearly snapshots: three consecutive years and
 * every "changes since the last report" fact; rebuilding the middle
 * year; rollback and a killed build; files that are damaged, not ours,
 * read-only, locked or of another schema version, each refused with its
 * message and left byte-for-byte unchanged; and the time to store a
 * 20,000-milestone snapshot (printed, not asserted).
 *
 * The models are built here in C, so the test does not depend on the
 * inputs stage.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "analysis.h"
#include "history.h"
#include "model.h"
#include "unit.h"

/* 1 January 2027: the snapshots' creation time. */
#define WHEN ((time_t)1798761600)

static char dir[64];

/* ---- small file helpers ---- */

static char *
path_in(const char *name)
{
	static char paths[8][256];
	static int next;
	char *p = paths[next++ % 8];

	snprintf(p, 256, "%s/%s", dir, name);
	return p;
}

static void
spill(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd != -1);
	if (fd == -1)
		return;
	CHECK(write(fd, data, len) == (ssize_t)len);
	close(fd);
}

static void
copy_file(const char *from, const char *to)
{
	size_t len;
	char *d = unit_slurp(from, &len);

	CHECK(d != NULL);
	if (d != NULL)
		spill(to, d, len);
	free(d);
}

/* A copy of `from` at `to`, changed by `sql` as another program would. */
static void
copy_changed(const char *from, const char *to, const char *sql)
{
	sqlite3 *s = NULL;

	copy_file(from, to);
	CHECK(sqlite3_open(to, &s) == SQLITE_OK);
	CHECK(sqlite3_exec(s, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(s);
}

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* A saved copy of a file, to prove later that it was not touched. */
struct saved {
	char *data;
	size_t len;
	struct stat st;
};

static void
save(const char *path, struct saved *s)
{
	s->data = unit_slurp(path, &s->len);
	CHECK(s->data != NULL);
	stat(path, &s->st);
}

static bool
unchanged(const char *path, struct saved *s)
{
	size_t len;
	char *now = unit_slurp(path, &len);
	char j[300];
	bool same =
	    now != NULL && len == s->len && memcmp(now, s->data, len) == 0;

	/* No journal left behind either. */
	snprintf(j, sizeof(j), "%s-journal", path);
	if (exists(j))
		same = false;
	free(now);
	free(s->data);
	s->data = NULL;
	return same;
}

/* Flushes the collected messages into a string (they go to stderr). */
static char *
messages(void)
{
	char *text = unit_flush_messages();

	fputs("    | ", stderr);
	for (const char *c = *text ? text : "(none)\n"; *c; c++) {
		fputc(*c, stderr);
		if (*c == '\n' && c[1] != '\0')
			fputs("    | ", stderr);
	}
	return text;
}

static bool
says(const char *text, const char *what)
{
	bool ok = text != NULL && strstr(text, what) != NULL;

	if (!ok)
		fprintf(stderr, "    expected a message with \"%s\"\n", what);
	return ok;
}

/* ---- building models ---- */

static struct pr_date
D(const char *s) {
	struct pr_date d = {0, 0, 0};

	if (s != NULL)
		sscanf(s, "%d-%d-%d", &d.y, &d.m, &d.d);
	return d;
}

struct ms_spec {
	const char *id, *aspect;
	enum ms_status status;
	const char *planned, *forecast, *completed;
	int progress;
	const char *title;
};

struct ind_spec {
	const char *id, *aspect;
	int direction;
	int baseline_year;
	double baseline;
	int target_year;
	double target;
	int nvalues;
	struct {
		int year;
		double value;
	} v[6];
};

static struct aspect *
mk_aspect(struct model *m, const char *id, struct aspect *parent)
{
	struct aspect *a = pool_alloc(&m->pool, sizeof(*a));

	memset(a, 0, sizeof(*a));
	a->id = pool_strdup(&m->pool, id);
	a->title = a->id;
	a->parent = parent;
	if (parent != NULL) {
		parent->children = xrealloc(
		    parent->children, (parent->nchildren + 1) * sizeof(*a));
		parent->children[parent->nchildren++] = a;
	}
	m->aspects =
	    xrealloc(m->aspects, (m->naspects + 1) * sizeof(*m->aspects));
	m->aspects[m->naspects++] = a;
	return a;
}

static struct milestone *
mk_milestone(struct model *m, const struct ms_spec *s)
{
	struct milestone *ms = pool_alloc(&m->pool, sizeof(*ms));

	memset(ms, 0, sizeof(*ms));
	ms->id = pool_strdup(&m->pool, s->id);
	ms->aspect_id = pool_strdup(&m->pool, s->aspect);
	ms->aspect = model_find_aspect(m, s->aspect);
	ms->title = pool_strdup(&m->pool, s->title ? s->title : s->id);
	ms->unit = "Amt 10";
	ms->status = s->status;
	ms->planned = D(s->planned);
	ms->forecast = D(s->forecast);
	ms->completed = D(s->completed);
	ms->progress = s->progress;
	ms->updated = D("2026-12-01");
	if (s->status == MS_DELAYED || s->status == MS_AT_RISK)
		ms->explanation = "Cause; countermeasure.";
	m->milestones = xrealloc(m->milestones,
	                         (m->nmilestones + 1) * sizeof(*m->milestones));
	m->milestones[m->nmilestones++] = ms;
	return ms;
}

static void
mk_indicator(struct model *m, const struct ind_spec *s)
{
	struct indicator *ind = pool_alloc(&m->pool, sizeof(*ind));
	int i;

	memset(ind, 0, sizeof(*ind));
	ind->id = pool_strdup(&m->pool, s->id);
	ind->aspect_id = pool_strdup(&m->pool, s->aspect);
	ind->aspect = model_find_aspect(m, s->aspect);
	ind->title = ind->id;
	ind->unit = "%";
	ind->direction = s->direction;
	ind->decimals = 1;
	ind->baseline_year = s->baseline_year;
	ind->baseline = s->baseline;
	ind->target_year = s->target_year;
	ind->target = s->target;
	ind->nvalues = (size_t)s->nvalues;
	ind->values = xcalloc((size_t)s->nvalues + 1, sizeof(*ind->values));
	for (i = 0; i < s->nvalues; i++) {
		ind->values[i].year = s->v[i].year;
		ind->values[i].value = s->v[i].value;
	}
	m->indicators = xrealloc(m->indicators,
	                         (m->nindicators + 1) * sizeof(*m->indicators));
	m->indicators[m->nindicators++] = ind;
}

static void
mk_model(struct model *m, int year, const struct ms_spec *ms, size_t nms,
         const struct ind_spec *ind, size_t nind)
{
	struct aspect *p1, *p2;
	size_t i;

	model_init(m);
	m->settings.year = year;
	m->settings.cutoff = (struct pr_date){year, 12, 31};
	p1 = mk_aspect(m, "01", NULL);
	mk_aspect(m, "01a", p1);
	mk_aspect(m, "01b", p1);
	p2 = mk_aspect(m, "02", NULL);
	(void)p2;
	model_index(m);
	for (i = 0; i < nms; i++)
		mk_milestone(m, &ms[i]);
	for (i = 0; i < nind; i++)
		mk_indicator(m, &ind[i]);
	model_index(m);
}

/* ---- the three years ---- */

static const struct ms_spec y2026[] = {
    {"M1", "01a", MS_IN_PROGRESS, "2027-06-30", NULL, NULL, 50, NULL},
    {"M2", "01a", MS_PLANNED, "2027-03-31", NULL, NULL, 0, NULL},
    {"M3", "02", MS_IN_PROGRESS, "2027-06-30", NULL, NULL, 20, NULL},
    {"M4", "02", MS_DELAYED, "2026-09-30", "2027-03-31", NULL, 40, NULL},
    {"M5", "02", MS_PLANNED, "2027-12-31", NULL, NULL, 0, "Fünf"},
    {"M6", "01b", MS_IN_PROGRESS, "2027-09-30", NULL, NULL, 10, NULL},
};
static const struct ind_spec i2026[] = {
    {"I1", "01a", +1, 2025, 10, 2030, 60, 2, {{2025, 10}, {2026, 20}}},
    {"I2", "02", -1, 2025, 100, 2029, 60, 1, {{2026, 95}}},
};

static const struct ms_spec y2027[] = {
    {"M1", "01a", MS_DONE, "2027-06-30", NULL, "2027-02-15", 100, NULL},
    {"M2", "01a", MS_AT_RISK, "2027-03-31", "2027-03-31", NULL, 30, NULL},
    {"M3", "02", MS_IN_PROGRESS, "2027-06-30", "2027-10-31", NULL, 60, NULL},
    {"M4", "02", MS_DELAYED, "2026-09-30", "2027-03-31", NULL, 70, NULL},
    {"M6", "01b", MS_CANCELLED, "2027-09-30", NULL, NULL, 10, NULL},
    {"M7", "01b", MS_PLANNED, "2028-06-30", NULL, NULL, 0, "Sieben"},
};
static const struct ind_spec i2027[] = {
    {"I1",
     "01a",
     +1,
     2025,
     10,
     2030,
     60,
     3,
     {{2025, 10}, {2026, 20}, {2027, 30}}},
    {"I2", "02", -1, 2025, 100, 2029, 60, 1, {{2026, 95}}},
    {"I3", "01b", +1, 2026, 0, 2028, 10, 1, {{2027, 4}}},
};

static const struct ms_spec y2028[] = {
    {"M1", "01a", MS_DONE, "2027-06-30", NULL, "2027-02-15", 100, NULL},
    {"M2", "01a", MS_DONE, "2027-03-31", NULL, "2028-05-01", 100, NULL},
    {"M3", "02", MS_DELAYED, "2027-06-30", "2029-01-31", NULL, 70, NULL},
    {"M4", "02", MS_AT_RISK, "2026-09-30", "2027-03-31", NULL, 70, NULL},
    {"M6", "01b", MS_CANCELLED, "2027-09-30", NULL, NULL, 10, NULL},
    {"M7", "01b", MS_IN_PROGRESS, "2028-06-30", "2028-05-31", NULL, 20, NULL},
};
static const struct ind_spec i2028[] = {
    {"I1",
     "01a",
     +1,
     2025,
     10,
     2030,
     60,
     4,
     {{2025, 10}, {2026, 20}, {2027, 30}, {2028, 38}}},
    {"I2", "02", -1, 2025, 100, 2029, 60, 2, {{2026, 95}, {2028, 80}}},
    {"I3", "01b", +1, 2026, 0, 2028, 10, 2, {{2027, 4}, {2028, 9}}},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Opens, loads the previous snapshot, analyses, stores and commits. */
static bool
build_year(const char *db, struct model *m)
{
	struct history *h = history_open(db, false);
	bool ok;

	if (h == NULL)
		return false;
	ok = history_load_previous(h, m);
	analysis_run(m);
	ok = ok && history_stage(h, m, WHEN) && history_commit(h);
	history_close(h);
	return ok;
}

static struct milestone *
ms_of(struct model *m, const char *id)
{
	struct milestone *ms = model_find_milestone(m, id);

	CHECK(ms != NULL);
	return ms;
}

/* Every table's rows of one year, as text, to compare snapshots. */
static char *
dump_year(const char *db, int year)
{
	static const char *const q[] = {
	    "SELECT * FROM snapshot WHERE year = ?1",
	    "SELECT * FROM milestone WHERE year = ?1 ORDER BY id",
	    "SELECT * FROM indicator WHERE year = ?1 ORDER BY id",
	    ("SELECT * FROM indicator_value WHERE year = ?1 ORDER BY id, "
	     "value_year"),
	};
	sqlite3 *s = NULL;
	struct buf b;
	size_t i;
	int c, rows = 0;

	buf_init(&b);
	CHECK(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	for (i = 0; i < N(q); i++) {
		sqlite3_stmt *st = NULL;

		CHECK(sqlite3_prepare_v2(s, q[i], -1, &st, NULL) == SQLITE_OK);
		sqlite3_bind_int(st, 1, year);
		while (sqlite3_step(st) == SQLITE_ROW) {
			rows++;
			for (c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *t =
				    sqlite3_column_text(st, c);
				buf_printf(&b, "%s|",
				           t ? (const char *)t : "∅");
			}
			buf_putc(&b, '\n');
		}
		sqlite3_finalize(st);
		buf_puts(&b, "--\n");
	}
	sqlite3_close(s);
	CHECK(rows > 0);
	return buf_detach(&b);
}

static void
test_three_years(const char *db)
{
	struct model m;
	struct milestone *ms;
	struct indicator *ind;
	char *d2026, *d2027, *d2028, *again;

	/* 2026: the first report; nothing to compare with. */
	mk_model(&m, 2026, y2026, N(y2026), i2026, N(i2026));
	CHECK(!exists(db));
	CHECK(build_year(db, &m));
	CHECK(!m.prev.present);
	CHECK(ms_of(&m, "M1")->prev == NULL);
	CHECK(!ms_of(&m, "M1")->new_since); /* nothing to be new against */
	CHECK(!model_find_indicator(&m, "I1")->new_since);
	CHECK(!model_find_indicator(&m, "I1")->has_prev);
	CHECK(m.totals.added == 0 && m.totals.completed_since == 0);
	model_free(&m);

	/* 2027 against 2026. */
	mk_model(&m, 2027, y2027, N(y2027), i2027, N(i2027));
	CHECK(build_year(db, &m));
	CHECK(m.prev.present && m.prev.year == 2026);
	ms = ms_of(&m, "M1");
	CHECK(ms->prev != NULL && ms->prev->status == MS_IN_PROGRESS &&
	      ms->prev->progress == 50);
	CHECK(ms->completed_since && !ms->newly_critical &&
	      !ms->newly_postponed && !ms->new_since);
	ms = ms_of(&m, "M2");
	CHECK(ms->newly_critical && !ms->completed_since &&
	      !ms->newly_postponed);
	CHECK(ms->moved_months == 0);
	ms = ms_of(&m, "M3");
	CHECK(ms->newly_postponed && !ms->newly_critical);
	CHECK(ms->moved_months == 4);
	CHECK(date_cmp(ms->prev_due, D("2027-06-30")) == 0);
	CHECK(date_cmp(ms->due, D("2027-10-31")) == 0);
	/* Forecast October, not done by the 31 December cut-off. */
	CHECK(ms->schedule == SCHED_OVERDUE && ms->postponed_months == 4);
	ms = ms_of(&m, "M4"); /* delayed then and now, same forecast */
	CHECK(!ms->newly_critical && !ms->newly_postponed);
	CHECK(ms->prev != NULL &&
	      date_cmp(ms->prev->forecast, D("2027-03-31")) == 0);
	CHECK(ms->prev != NULL &&
	      date_cmp(ms->prev->planned, D("2026-09-30")) == 0);
	ms = ms_of(&m, "M6");
	CHECK(ms->newly_cancelled && !ms->newly_postponed);
	ms = ms_of(&m, "M7");
	CHECK(ms->new_since && ms->prev == NULL && !ms->completed_since);
	CHECK(m.prev.nremoved == 1);
	if (m.prev.nremoved == 1) {
		CHECK_STR(m.prev.removed_ids[0], "M5");
		CHECK_STR(m.prev.removed_titles[0], "Fünf");
	}
	CHECK(m.totals.completed_since == 1 && m.totals.newly_critical == 1 &&
	      m.totals.newly_postponed == 1 && m.totals.newly_cancelled == 1 &&
	      m.totals.added == 1);
	ind = model_find_indicator(&m, "I1");
	CHECK(ind->has_prev && ind->prev == 20 && !ind->new_since);
	CHECK(ind->has_change && ind->change == 10);
	ind = model_find_indicator(&m, "I2"); /* no 2027 value */
	CHECK(ind->has_prev && ind->prev == 95 && !ind->has_current);
	/* The change comes from the inputs' series, not the snapshot: 95
	 * (2026) against the baseline 100 (2025). */
	CHECK(ind->has_change && ind->earlier_year == 2025 &&
	      ind->change == -5);
	ind = model_find_indicator(&m, "I3");
	CHECK(ind->new_since && !ind->has_prev);
	model_free(&m);

	/* 2028 against 2027. */
	mk_model(&m, 2028, y2028, N(y2028), i2028, N(i2028));
	CHECK(build_year(db, &m));
	CHECK(m.prev.present && m.prev.year == 2027);
	CHECK(m.prev.nremoved == 0);
	CHECK(!ms_of(&m, "M1")->completed_since); /* done already */
	CHECK(ms_of(&m, "M2")->completed_since);
	ms = ms_of(&m, "M3");
	CHECK(ms->newly_critical && ms->newly_postponed);
	CHECK(ms->moved_months == 15);            /* 2027-10 -> 2029-01 */
	CHECK(!ms_of(&m, "M4")->newly_critical);  /* delayed -> at risk */
	CHECK(!ms_of(&m, "M6")->newly_cancelled); /* cancelled already */
	ms = ms_of(&m, "M7");                     /* brought forward a month */
	CHECK(!ms->new_since && !ms->newly_postponed && ms->moved_months == -1);
	CHECK(ms->brought_forward);
	ind = model_find_indicator(&m, "I2"); /* 2027 snapshot had no value */
	CHECK(!ind->has_prev && !ind->new_since && ind->has_current);
	ind = model_find_indicator(&m, "I3");
	CHECK(ind->has_prev && ind->prev == 4 && !ind->new_since);
	CHECK(ind->has_change && ind->change == 5);
	CHECK(m.totals.added == 0 && m.totals.completed_since == 1);
	model_free(&m);

	/* Reading is by year: 2026 sees nothing before it; 2030 sees
	 * 2028 (the latest before it), not 2027. */
	mk_model(&m, 2026, y2026, N(y2026), i2026, N(i2026));
	{
		struct history *h = history_open(db, true);

		CHECK(h != NULL && history_load_previous(h, &m));
		CHECK(!m.prev.present);
		history_close(h);
	}
	model_free(&m);
	mk_model(&m, 2030, y2028, N(y2028), i2028, N(i2028));
	{
		struct history *h = history_open(db, true);

		CHECK(h != NULL && history_load_previous(h, &m));
		CHECK(m.prev.present && m.prev.year == 2028);
		CHECK(ms_of(&m, "M3")->prev != NULL &&
		      ms_of(&m, "M3")->prev->status == MS_DELAYED);
		history_close(h);
	}
	model_free(&m);

	/* Rebuilding the middle year replaces that year only. */
	d2026 = dump_year(db, 2026);
	d2027 = dump_year(db, 2027);
	d2028 = dump_year(db, 2028);
	mk_model(&m, 2027, y2027, N(y2027), i2027, N(i2027));
	CHECK(build_year(db, &m));
	model_free(&m);
	again = dump_year(db, 2026);
	CHECK_STR(again, d2026);
	free(again);
	again = dump_year(db, 2027); /* same inputs, same snapshot */
	CHECK_STR(again, d2027);
	free(again);
	again = dump_year(db, 2028);
	CHECK_STR(again, d2028);
	free(again);

	/* ... and with changed inputs, 2027 changes and the others not. */
	mk_model(&m, 2027, y2027, N(y2027) - 1, i2027, N(i2027) - 1);
	m.milestones[0]->title = "Neu betitelt";
	CHECK(build_year(db, &m));
	model_free(&m);
	again = dump_year(db, 2027);
	CHECK(strcmp(again, d2027) != 0);
	CHECK(strstr(again, "Neu betitelt") != NULL);
	CHECK(strstr(again, "|M7|") == NULL && strstr(again, "|I3|") == NULL);
	free(again);
	CHECK_STR((again = dump_year(db, 2026)), d2026);
	free(again);
	CHECK_STR((again = dump_year(db, 2028)), d2028);
	free(again);
	/* Put 2027 back as the other tests expect it. */
	mk_model(&m, 2027, y2027, N(y2027), i2027, N(i2027));
	CHECK(build_year(db, &m));
	model_free(&m);
	CHECK_STR((again = dump_year(db, 2027)), d2027);
	free(again);
	free(d2026);
	free(d2027);
	free(d2028);
	free(messages());
}

/* The file is marked as ours and carries the schema version. */
static void
test_marks(const char *db)
{
	sqlite3 *s = NULL;
	sqlite3_stmt *st = NULL;

	CHECK(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(s, "PRAGMA application_id", -1, &st, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW &&
	      sqlite3_column_int(st, 0) == 0x50526873);
	sqlite3_finalize(st);
	CHECK(sqlite3_prepare_v2(s, "PRAGMA user_version", -1, &st, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 3);
	sqlite3_finalize(st);
	CHECK(sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW &&
	      strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
}

/* A stage that is rolled back, or never committed, leaves the file as
 * it was; so does a failed first build for a file that did not exist. */
static void
test_rollback(const char *db)
{
	struct saved sv;
	struct model m;
	struct history *h;
	char *before = dump_year(db, 2027);
	const char *fresh = path_in("fresh.sqlite");

	save(db, &sv);
	mk_model(&m, 2027, y2028, N(y2028), i2028, N(i2028));
	h = history_open(db, false);
	CHECK(h != NULL);
	CHECK(history_load_previous(h, &m));
	CHECK(history_stage(h, &m, WHEN));
	history_rollback(h);
	history_close(h);
	CHECK(unchanged(db, &sv));

	save(db, &sv);
	h = history_open(db, false);
	CHECK(h != NULL && history_stage(h, &m, WHEN));
	history_close(h); /* no commit: closing rolls back */
	CHECK(unchanged(db, &sv));
	{
		char *after = dump_year(db, 2027);

		CHECK_STR(after, before);
		free(after);
	}

	h = history_open(fresh, false);
	CHECK(h != NULL && history_load_previous(h, &m));
	CHECK(!m.prev.present);
	CHECK(history_stage(h, &m, WHEN));
	history_rollback(h);
	history_close(h);
	CHECK(!exists(fresh));
	model_free(&m);
	free(before);
	free(messages());
}

/* Opens for writing and for reading; both must refuse with `what` at
 * `level`, and the file must be as it was. */
static void
expect_refused(const char *path, const char *what, enum diag_level level,
               bool also_readonly)
{
	struct saved sv;
	struct history *h;
	unsigned before = diag_count(level);
	char *text;

	fprintf(stderr, "  %s:\n", strrchr(path, '/') + 1);
	save(path, &sv);
	h = history_open(path, false);
	CHECK(h == NULL);
	history_close(h);
	if (also_readonly) {
		h = history_open(path, true);
		CHECK(h == NULL);
		history_close(h);
	}
	CHECK(diag_count(level) == before + (also_readonly ? 2 : 1));
	text = messages();
	CHECK(says(text, path));
	CHECK(says(text, what));
	CHECK(says(text, "left unchanged"));
	free(text);
	CHECK(unchanged(path, &sv));
}

static void
test_damaged(const char *good)
{
	const char *p;
	size_t len;
	char *data = unit_slurp(good, &len);

	CHECK(data != NULL && len > 8192);
	if (data == NULL || len <= 8192) {
		free(data);
		return;
	}

	/* Cut in half. */
	p = path_in("truncated.sqlite");
	spill(p, data, len / 2);
	expect_refused(p, "is damaged", DIAG_ERROR, true);

	/* A run of bytes overwritten in the second page (a b-tree page
	 * header), as a bad sector or a stray write would. */
	p = path_in("overwritten.sqlite");
	{
		char *bad = xmalloc(len);

		memcpy(bad, data, len);
		memset(bad + 4096, 0x5a, 64);
		spill(p, bad, len);
		free(bad);
	}
	expect_refused(p, "is damaged", DIAG_ERROR, true);

	/* The header itself overwritten. */
	p = path_in("header.sqlite");
	{
		char *bad = xmalloc(len);

		memcpy(bad, data, len);
		memset(bad, 0, 16);
		spill(p, bad, len);
		free(bad);
	}
	expect_refused(p, "first bytes are damaged", DIAG_ERROR, true);

	/* Only 50 bytes of it. */
	p = path_in("stub.sqlite");
	spill(p, data, 50);
	expect_refused(p, "not an SQLite 3 database", DIAG_ERROR, true);
	free(data);
}

static void
make_sqlite(const char *path, const char *sql)
{
	sqlite3 *s = NULL;

	unlink(path);
	CHECK(sqlite3_open(path, &s) == SQLITE_OK);
	CHECK(sqlite3_exec(s, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(s);
}

static void
test_not_ours(const char *good)
{
	const char *p;

	p = path_in("notes.txt");
	spill(p, "Meilensteine 2027\nbitte nicht löschen\n", 39);
	expect_refused(p, "not an SQLite 3 database", DIAG_ERROR, true);

	p = path_in("other-program.sqlite");
	make_sqlite(p, "CREATE TABLE kunden (id INTEGER, name TEXT);"
	               "INSERT INTO kunden VALUES (1, 'A');");
	expect_refused(p, "SQLite database of another program", DIAG_ERROR,
	               true);

	p = path_in("other-appid.sqlite");
	make_sqlite(p, "PRAGMA application_id = 1234;"
	               "CREATE TABLE t (x);");
	expect_refused(p, "application id 0x000004d2", DIAG_ERROR, true);

	/* Our mark, but a table missing and one added. */
	p = path_in("layout.sqlite");
	copy_file(good, p);
	{
		sqlite3 *s = NULL;

		CHECK(sqlite3_open(p, &s) == SQLITE_OK);
		CHECK(sqlite3_exec(s,
		                   "DROP TABLE indicator_value;"
		                   "CREATE TABLE extra (x);",
		                   NULL, NULL, NULL) == SQLITE_OK);
		sqlite3_close(s);
	}
	expect_refused(p, "tables are not those of history schema version 3",
	               DIAG_ERROR, true);

	/* Our mark, a column renamed. */
	p = path_in("column.sqlite");
	copy_file(good, p);
	{
		sqlite3 *s = NULL;

		CHECK(sqlite3_open(p, &s) == SQLITE_OK);
		CHECK(sqlite3_exec(s,
		                   "ALTER TABLE milestone RENAME COLUMN "
		                   "forecast TO prognose",
		                   NULL, NULL, NULL) == SQLITE_OK);
		sqlite3_close(s);
	}
	expect_refused(p, "tables are not those", DIAG_ERROR, true);

	/* A folder where the file should be. */
	p = path_in("folder.sqlite");
	mkdir(p, 0755);
	{
		unsigned before = diag_count(DIAG_ERROR);

		CHECK(history_open(p, false) == NULL);
		CHECK(history_open(p, true) == NULL);
		CHECK(diag_count(DIAG_ERROR) == before + 2);
		char *text = messages();

		CHECK(says(text, "not a regular file"));
		free(text);
	}
	rmdir(p);
}

/* Rows changed by another program are reported, not guessed at. */
static void
test_bad_rows(const char *good)
{
	static const char *const edits[][2] = {
	    {"UPDATE milestone SET status = 'erledigt' WHERE year = 2027 AND "
	     "id = 'M2'",
	     "holds milestone \"M2\" with an invalid status \"erledigt\""},
	    {"UPDATE milestone SET forecast = '2027-02-30' WHERE year = 2027 "
	     "AND id = 'M3'",
	     "holds milestone \"M3\" with an invalid forecast date "
	     "\"2027-02-30\""},
	};
	const char *p = path_in("edited.sqlite");
	size_t i;

	for (i = 0; i < N(edits); i++) {
		struct saved sv;
		struct model m;
		struct history *h;
		sqlite3 *s = NULL;
		char *text;
		unsigned before = diag_count(DIAG_ERROR);

		copy_file(good, p);
		CHECK(sqlite3_open(p, &s) == SQLITE_OK);
		CHECK(sqlite3_exec(s, edits[i][0], NULL, NULL, NULL) ==
		      SQLITE_OK);
		CHECK(sqlite3_changes(s) == 1);
		sqlite3_close(s);
		save(p, &sv);
		mk_model(&m, 2028, y2028, N(y2028), i2028, N(i2028));
		h = history_open(p, false);
		CHECK(h != NULL);
		CHECK(h != NULL && !history_load_previous(h, &m));
		history_close(h);
		model_free(&m);
		CHECK(diag_count(DIAG_ERROR) == before + 1);
		text = messages();
		CHECK(says(text, "the 2027 snapshot in the history"));
		CHECK(says(text, edits[i][1]));
		free(text);
		CHECK(unchanged(p, &sv));
	}
}

/* Versions: a newer file is refused, one without a version too; a
 * 0-byte file is a new history and gets the current version. */
static void
test_versions(const char *good)
{
	const char *p = path_in("newer.sqlite");
	struct history *h;
	struct model m;

	copy_file(good, p);
	{
		sqlite3 *s = NULL;

		CHECK(sqlite3_open(p, &s) == SQLITE_OK);
		CHECK(sqlite3_exec(s, "PRAGMA user_version = 4", NULL, NULL,
		                   NULL) == SQLITE_OK);
		sqlite3_close(s);
	}
	expect_refused(p,
	               "newer progress-report (history schema version 4; "
	               "this version knows versions up to 3)",
	               DIAG_ERROR, true);

	p = path_in("noversion.sqlite");
	copy_file(good, p);
	{
		sqlite3 *s = NULL;

		CHECK(sqlite3_open(p, &s) == SQLITE_OK);
		CHECK(sqlite3_exec(s, "PRAGMA user_version = 0", NULL, NULL,
		                   NULL) == SQLITE_OK);
		sqlite3_close(s);
	}
	expect_refused(p, "no schema version", DIAG_ERROR, true);

	/* A 0-byte file: read-only sees an empty history and leaves it;
	 * build makes it a history of the current version. */
	p = path_in("empty.sqlite");
	spill(p, "", 0);
	mk_model(&m, 2027, y2027, N(y2027), i2027, N(i2027));
	h = history_open(p, true);
	CHECK(h != NULL && history_load_previous(h, &m) && !m.prev.present);
	history_close(h);
	{
		size_t len;
		char *d = unit_slurp(p, &len);

		CHECK(d != NULL && len == 0);
		free(d);
	}
	CHECK(build_year(p, &m));
	model_free(&m);
	test_marks(p);
	free(messages());
}

/* A version 1 file (before the publication table): check leaves it and
 * says so; build upgrades it and keeps its snapshots. */
static void
test_upgrade(const char *good)
{
	const char *p = path_in("v1.sqlite");
	struct pub_record rec = {"2026-02-01T00:00:00+00:00",
	                         "2027-01-01T00:00:00+00:00", "ab"},
	                  got;
	struct history *h;
	struct model m;
	bool found = true;
	char *text;

	copy_changed(good, p,
	             "DROP TABLE publication; ALTER TABLE milestone DROP "
	             "COLUMN cause; ALTER TABLE milestone DROP COLUMN "
	             "countermeasure; PRAGMA user_version = 1");
	mk_model(&m, 2028, y2028, N(y2028), i2028, N(i2028));
	h = history_open(p, true);
	CHECK(h != NULL && history_load_previous(h, &m) && !m.prev.present);
	history_close(h);
	text = messages();
	CHECK(says(text, "schema version 1; the next build upgrades it"));
	free(text);
	h = history_open(p, false);
	CHECK(h != NULL && history_load_previous(h, &m) && m.prev.present);
	CHECK(h != NULL && history_publication(h, 2028, ".pdf", &got, &found));
	CHECK(!found);
	CHECK(h != NULL && history_stage(h, &m, WHEN) &&
	      history_stage_publication(h, 2028, ".pdf", &rec) &&
	      history_commit(h));
	history_close(h);
	model_free(&m);
	test_marks(p);
	h = history_open(p, true);
	CHECK(h != NULL && history_publication(h, 2028, ".pdf", &got, &found));
	CHECK(found);
	CHECK_STR(got.created, rec.created);
	CHECK_STR(got.modified, rec.modified);
	CHECK_STR(got.sha512, "ab");
	history_close(h);
	free(messages());
}

/* One text of the milestone row (year, id), or NULL; freed by the
 * caller. */
static char *
ms_column(const char *db, int year, const char *id, const char *col)
{
	sqlite3 *s = NULL;
	sqlite3_stmt *st = NULL;
	char sql[160], *r = NULL;

	snprintf(sql, sizeof(sql),
	         "SELECT %s FROM milestone WHERE year = %d AND id = '%s'", col,
	         year, id);
	CHECK(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(s, sql, -1, &st, NULL) == SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		r = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(s);
	return r;
}

/* A version 2 file (before cause and countermeasure): check reads it
 * as it is; build adds the two columns, keeps the old rows' single
 * explanation and stores the new year's two parts. */
static void
test_upgrade_reasons(const char *good)
{
	const char *p = path_in("v2.sqlite");
	struct history *h;
	struct model m;
	char *text, *v;

	copy_changed(good, p,
	             "UPDATE milestone SET explanation = 'old words' WHERE "
	             "year = 2027 AND id = 'M3'; ALTER TABLE milestone DROP "
	             "COLUMN cause; ALTER TABLE milestone DROP COLUMN "
	             "countermeasure; PRAGMA user_version = 2");
	mk_model(&m, 2028, y2028, N(y2028), i2028, N(i2028));
	for (size_t i = 0; i < m.nmilestones; i++)
		if (strcmp(m.milestones[i]->id, "M3") == 0) {
			m.milestones[i]->cause = "the supplier";
			m.milestones[i]->countermeasure = "a second one";
		}
	h = history_open(p, true);
	CHECK(h != NULL && history_load_previous(h, &m) && !m.prev.present);
	history_close(h);
	text = messages();
	CHECK(says(text, "schema version 2; the next build upgrades it"));
	free(text);
	h = history_open(p, false);
	CHECK(h != NULL && history_load_previous(h, &m) && m.prev.present);
	CHECK(h != NULL && history_stage(h, &m, WHEN) && history_commit(h));
	history_close(h);
	model_free(&m);
	test_marks(p);
	v = ms_column(p, 2027, "M3", "explanation");
	CHECK(v != NULL && strcmp(v, "old words") == 0);
	free(v);
	v = ms_column(p, 2027, "M3", "cause");
	CHECK(v == NULL);
	v = ms_column(p, 2028, "M3", "cause");
	CHECK(v != NULL && strcmp(v, "the supplier") == 0);
	free(v);
	v = ms_column(p, 2028, "M3", "countermeasure");
	CHECK(v != NULL && strcmp(v, "a second one") == 0);
	free(v);
	free(messages());
}

static void
test_readonly(const char *good)
{
	const char *p = path_in("readonly.sqlite");
	struct saved sv;
	struct history *h;
	struct model m;
	unsigned before = diag_count(DIAG_SYSTEM);
	char *text;

	copy_file(good, p);
	chmod(p, 0444);
	save(p, &sv);
	CHECK(history_open(p, false) == NULL);
	CHECK(diag_count(DIAG_SYSTEM) == before + 1);
	text = messages();
	CHECK(says(text, p));
	CHECK(says(text, "is read-only"));
	free(text);
	/* check may still read it. */
	mk_model(&m, 2028, y2028, N(y2028), i2028, N(i2028));
	h = history_open(p, true);
	CHECK(h != NULL && history_load_previous(h, &m));
	CHECK(m.prev.present && m.prev.year == 2027);
	CHECK(h != NULL &&
	      !history_stage(h, &m, WHEN)); /* refused, not crashed */
	history_close(h);
	model_free(&m);
	free(messages());
	CHECK(unchanged(p, &sv));
	chmod(p, 0644);

	/* A writable file in a folder where no journal can be created. */
	{
		char sub[256], f[300];

		snprintf(sub, sizeof(sub), "%s/ro-folder", dir);
		snprintf(f, sizeof(f), "%s/h.sqlite", sub);
		mkdir(sub, 0755);
		copy_file(good, f);
		chmod(sub, 0555);
		save(f, &sv);
		CHECK(history_open(f, false) == NULL);
		text = messages();
		CHECK(says(text, "is not writable"));
		free(text);
		CHECK(unchanged(f, &sv));
		chmod(sub, 0755);
		unlink(f);
		rmdir(sub);
	}
}

/* Another process holds a lock: `sql` is how it takes it. */
static void
test_locked(const char *good, const char *sql, bool readers_blocked)
{
	const char *p = path_in("locked.sqlite");
	int ready[2], done[2];
	struct saved sv;
	pid_t pid;
	char c;

	copy_file(good, p);
	save(p, &sv);
	CHECK(pipe(ready) == 0 && pipe(done) == 0);
	pid = fork();
	if (pid == 0) {
		sqlite3 *s = NULL;
		int rc;

		close(ready[0]);
		close(done[1]);
		rc = sqlite3_open(p, &s);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(s, sql, NULL, NULL, NULL);
		c = rc == SQLITE_OK ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(2);
		if (read(done[0], &c, 1) < 0)
			_exit(2);
		sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(s);
		_exit(0);
	}
	close(ready[1]);
	close(done[0]);
	CHECK(read(ready[0], &c, 1) == 1 && c == 'y');

	fprintf(stderr, "  locked by \"%s\":\n", sql);
	{
		unsigned before = diag_count(DIAG_BUSY);
		struct history *h = history_open(p, false);
		char *text;

		CHECK(h == NULL);
		history_close(h);
		h = history_open(p, true);
		CHECK((h == NULL) == readers_blocked);
		history_close(h);
		CHECK(diag_count(DIAG_BUSY) ==
		      before + (readers_blocked ? 2 : 1));
		CHECK(diag_exit_status() == EXIT_BUSY);
		text = messages();
		CHECK(says(text, p));
		CHECK(says(text, "is locked by another program"));
		CHECK(says(text, "try again later"));
		free(text);
	}
	CHECK(write(done[1], "x", 1) == 1);
	close(done[1]);
	close(ready[0]);
	waitpid(pid, NULL, 0);
	CHECK(unchanged(p, &sv));
}

/* A build killed between storing and committing (the history's part of
 * the kill tests, t-ops-kill.sh): the next open rolls the journal
 * back, and the file passes integrity_check with the old snapshots. */
static void
test_killed(const char *good)
{
	const char *p = path_in("killed.sqlite");
	char *before, *after, journal[300];
	pid_t pid;
	int status;

	copy_file(good, p);
	before = dump_year(p, 2027);
	pid = fork();
	if (pid == 0) {
		struct model m;
		struct history *h;
		char id[32];
		int i;

		/* Big enough that SQLite spills pages into the file before
		 * the commit, so a hot journal is left behind. */
		mk_model(&m, 2027, y2028, N(y2028), NULL, 0);
		for (i = 0; i < 30000; i++) {
			struct ms_spec s = {NULL,
			                    "02",
			                    MS_PLANNED,
			                    "2029-01-01",
			                    NULL,
			                    NULL,
			                    0,
			                    "Ein recht langer Titel, damit "
			                    "die Seiten sich schnell füllen "
			                    "und der Cache überläuft"};
			snprintf(id, sizeof(id), "K-%05d", i);
			s.id = id;
			mk_milestone(&m, &s);
		}
		model_index(&m);
		h = history_open(p, false);
		if (h == NULL || !history_stage(h, &m, WHEN))
			_exit(3);
		raise(SIGKILL);
		_exit(4);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	snprintf(journal, sizeof(journal), "%s-journal", p);
	fprintf(stderr, "  killed build left a hot journal: %s\n",
	        exists(journal) ? "yes" : "no");

	/* Reading alone must not roll back (it may not write); it either
	 * reads the committed state or says why it cannot. */
	{
		size_t len0, len1;
		char *d0 = unit_slurp(p, &len0), *d1;
		struct history *h = history_open(p, true);
		char *text;

		d1 = unit_slurp(p, &len1);
		CHECK(d0 != NULL && d1 != NULL && len0 == len1 &&
		      memcmp(d0, d1, len0) == 0);
		CHECK(exists(journal));
		free(d0);
		free(d1);

		if (h == NULL) {
			text = messages();
			CHECK(says(text, "unfinished transaction of an "
			                 "interrupted build"));
			free(text);
		}
		history_close(h);
		free(messages());
	}
	/* A build recovers it. */
	{
		struct history *h = history_open(p, false);

		CHECK(h != NULL);
		history_close(h);
		free(messages());
	}
	CHECK(!exists(journal));
	test_marks(p);
	after = dump_year(p, 2027);
	CHECK_STR(after, before);
	free(before);
	free(after);
}

/* 20,000 milestones in one snapshot, and read back for the next year. */
static void
test_big(void)
{
	const char *p = path_in("big.sqlite");
	struct model m;
	struct history *h;
	struct timespec t0, t1;
	char id[32], title[64];
	size_t i, nprev = 0;
	double ms_stage, ms_load;

	mk_model(&m, 2027, NULL, 0, NULL, 0);
	for (i = 0; i < 20000; i++) {
		struct ms_spec s = {id,
		                    i % 2 ? "01a" : "02",
		                    MS_IN_PROGRESS,
		                    "2028-01-31",
		                    "2028-03-31",
		                    NULL,
		                    40,
		                    title};
		snprintf(id, sizeof(id), "M-%05zu", i);
		snprintf(title, sizeof(title), "Meilenstein Nummer %zu", i);
		mk_milestone(&m, &s);
	}
	for (i = 0; i < 500; i++) {
		struct ind_spec s = {
		    id,   "02", +1,
		    2025, 0,    2030,
		    100,  3,    {{2025, 0}, {2026, 10}, {2027, 21}}};
		snprintf(id, sizeof(id), "I-%03zu", i);
		mk_indicator(&m, &s);
	}
	model_index(&m);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	h = history_open(p, false);
	CHECK(h != NULL && history_stage(h, &m, WHEN) && history_commit(h));
	history_close(h);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms_stage =
	    (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	model_free(&m);

	mk_model(&m, 2028, NULL, 0, NULL, 0);
	for (i = 0; i < 20000; i++) {
		struct ms_spec s = {id,           "02", MS_IN_PROGRESS,
		                    "2028-01-31", NULL, NULL,
		                    50,           NULL};
		snprintf(id, sizeof(id), "M-%05zu", i + 1); /* one new */
		mk_milestone(&m, &s);
	}
	model_index(&m);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	h = history_open(p, true);
	CHECK(h != NULL && history_load_previous(h, &m));
	history_close(h);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms_load =
	    (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	for (i = 0; i < m.nmilestones; i++)
		nprev += m.milestones[i]->prev != NULL;
	CHECK(nprev == 19999);
	CHECK(m.prev.nremoved == 1 &&
	      strcmp(m.prev.removed_ids[0], "M-00000") == 0);
	analysis_run(&m);
	CHECK(m.totals.added == 1);
	CHECK(m.totals.newly_postponed == 0);
	model_free(&m);
	fprintf(stderr,
	        "  20,000 milestones, 500 indicators: open + store + commit "
	        "%.0f ms; open + check + load %.0f ms (not asserted)\n",
	        ms_stage, ms_load);
	free(messages());
}

/* Names SQLite treats specially are refused by history_open() itself,
 * not only by the command line, and nothing is created for them. */
static void
test_special_names(void)
{
	static const char *const names[] = {"", ":memory:", "file:h.sqlite"};
	unsigned before = diag_count(DIAG_ERROR);
	char cwd[4096];
	size_t i;

	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK(chdir(dir) == 0);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CHECK(history_name_problem(names[i]) != NULL);
		CHECK(history_open(names[i], false) == NULL);
	}
	CHECK(access("file:h.sqlite", F_OK) != 0);
	CHECK(access(":memory:", F_OK) != 0);
	CHECK(chdir(cwd) == 0);
	CHECK(diag_count(DIAG_ERROR) == before + 3);
	CHECK(history_name_problem("h.sqlite") == NULL);
	free(messages());
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	static char db[256];

	diag_init("test_history");
	snprintf(dir, sizeof(dir), "%s/test_history.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 1;
	}
	snprintf(db, sizeof(db), "%s", path_in("history.sqlite"));

	fprintf(stderr, "three years:\n");
	test_three_years(db);
	test_marks(db);
	fprintf(stderr, "rollback:\n");
	test_rollback(db);
	fprintf(stderr, "damaged files:\n");
	test_damaged(db);
	fprintf(stderr, "files that are not ours:\n");
	test_not_ours(db);
	fprintf(stderr, "rows changed by another program:\n");
	test_bad_rows(db);
	fprintf(stderr, "schema versions:\n");
	test_versions(db);
	test_upgrade(db);
	test_upgrade_reasons(db);
	fprintf(stderr, "read-only:\n");
	test_readonly(db);
	fprintf(stderr, "locked:\n");
	test_locked(db, "BEGIN EXCLUSIVE", true);
	test_locked(db, "BEGIN IMMEDIATE", false);
	fprintf(stderr, "killed build:\n");
	test_killed(db);
	fprintf(stderr, "size:\n");
	test_big();
	fprintf(stderr, "special names:\n");
	test_special_names();

	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return unit_done("test_history");
}
