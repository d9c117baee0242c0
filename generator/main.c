/*
 * main.c - the command line, and the pipeline in the order the stages
 * run:
 *
 *   inputs.c -> history.c -> analysis.c -> template_*.c -> doc_validate.c
 *            -> pdf.c (+ pdf_tag.c) and html.c -> output.c
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "diag.h"
#include "doc_validate.h"
#include "doctree.h"
#include "forms.h"
#include "history.h"
#include "html.h"
#include "i18n.h"
#include "hyph.h"
#include "inputs.h"
#include "locale.h"
#include "model.h"
#include "output.h"
#include "pdf.h"
#include "publish.h"
#include "template.h"
#include "util.h"

#ifndef PR_VERSION
#define PR_VERSION "0.1.0"
#endif
/* build --easy: the easy-language report's own templates. */
#define EASY_ROOT "easy/report.tmpl"
#ifndef PR_DATADIR
#define PR_DATADIR "/usr/local/share/progress-report"
#endif

struct options {
	const char *command;
	const char *inputs;
	const char *templates;
	const char *output;
	const char *db;
	const char *lang;
	const char *fonts;
	const char *due; /* forms: YYYY-MM-DD */
	int year;
	bool quiet;
	bool missing;
	bool draft;
	bool easy;
	bool large_print;
};

static const char usage_text[] = N_(
    "usage: progress-report build [options]\n"
    "       progress-report check [--missing] [options]\n"
    "       progress-report forms [--due YYYY-MM-DD] --output DIR [options]\n"
    "       progress-report import FILE... [options]\n"
    "       progress-report --help | --version\n"
    "\n"
    "Commands:\n"
    "  build           check the inputs, store the year's snapshot in the\n"
    "                  history and write the PDF, HTML and metadata files\n"
    "  check           check inputs and templates, and that the fonts\n"
    "                  have every character; write nothing\n"
    "  forms           write one spreadsheet form per responsible unit,\n"
    "                  prefilled from the inputs (docs/operations.md)\n"
    "  import          read filled-in forms (XLSX, ODS) into\n"
    "                  inputs/updates/YEAR/, once every form is valid\n"
    "\n"
    "Options:\n"
    "  --inputs DIR    input files (default: inputs)\n"
    "  --templates DIR folder with one subfolder per language (default:\n"
    "                  the source tree's or the installed report-templates)\n"
    "  --output DIR    where the reports go (default: output)\n"
    "  --db FILE       the history (default: history.sqlite)\n"
    "  --year YYYY     reporting year (default: the inputs' year, else the\n"
    "                  last completed calendar year)\n"
    "  --lang de|en    report language (default: the inputs' language)\n"
    "  --fonts DIR     folder with the DejaVu Sans fonts\n"
    "  --missing       with check: list per responsible unit what is missing\n"
    "                  or stale for the reporting year\n"
    "  --draft         with build: a draft for review, marked as such,\n"
    "                  written as BASENAME-entwurf (de) or -draft (en);\n"
    "                  no history snapshot, no OParl metadata\n"
    "  --easy          with build or check: the report in easy language\n"
    "                  (Leichte Sprache), from the templates in\n"
    "                  <lang>/easy/, written as BASENAME-leichte-sprache\n"
    "                  (de) or -easy-read (en); no history snapshot, no\n"
    "                  OParl metadata\n"
    "  --due DATE      with forms: the date the forms are due back\n"
    "                  (default: 15 January after the reporting year)\n"
    "  --large-print   with build: large print (body text at 14 pt), same\n"
    "                  content, written as BASENAME-SUFFIX, the suffix\n"
    "                  from the templates' locale (large_print.suffix)\n"
    "  --quiet         print only warnings and errors\n"
    "  --help          show this text\n"
    "  --version       show the version\n"
    "\n"
    "Exit status:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  invalid inputs, templates or history contents; nothing written\n"
    "  2  wrong usage\n"
    "  3  I/O or system failure (disk full, permissions); nothing lost\n"
    "  4  another run holds the output folder's lock; try again later\n"
    "  5  stopped by SIGTERM or SIGINT; nothing written, temporaries removed\n"
    "  6  the history holds the new snapshot, but not every report file\n"
    "     could be put in place; the next build completes it\n");

/* An empty name would make the later path arithmetic (the output
 * folder's parents, the lock file beside it) step outside the string. */
static bool
paths_given(const struct options *o)
{
	const char *const p[] = {o->inputs, o->templates, o->output, o->fonts};

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (p[i] != NULL && *p[i] == '\0')
			return false;
	return true;
}

static int
usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "progress-report: %s\n", _(msg));
	fputs(_(usage_text), stderr);
	return EXIT_USAGE;
}

/*
 * SIGTERM (systemd stopping the job, shutdown) and SIGINT (Ctrl-C) end
 * a run as cleanly as a failure does: temporaries and the journal
 * removed, the history rolled back.  The handler may run on any thread
 * (the HTML and packer threads do not block signals) and only stores
 * the signal's number (pr_stop_set(), async-signal-safe); the main
 * thread looks at it between stages (stopped()), and the stages' long
 * loops look at it too (pr_stop_signal()) and end early, so that a
 * stop takes effect within a fraction of a second even in a report of
 * thousands of pages.  Until the history commits,
 * it stops there; from then on it finishes, since stopping would leave
 * more to repair.  A second signal ends the run at once, as a kill -9
 * would; but not the same signal again from the same process:
 * timeout(1) sends its signal to the build and then to its whole
 * process group, and systemd to the main process and then to the
 * service's group, so a build bounded by either got both and died
 * with its temporary files left in one run of four.
 */
static volatile sig_atomic_t stop_from; /* the first signal's sender */

static void
on_stop_signal(int sig, siginfo_t *si, void *uc)
{
	/* 0: from the kernel (Ctrl-C), never the same sender */
	pid_t from = si != NULL && si->si_code == SI_USER ? si->si_pid : 0;

	(void)uc;
	if (pr_stop_signal() == 0) {
		stop_from = from;
		pr_stop_set(sig);
		return;
	}
	if (sig == pr_stop_signal() && from != 0 && from == stop_from)
		return;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_stop_signals(void)
{
	static const int sigs[] = {SIGTERM, SIGINT};
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_stop_signal;
	/* not within itself on one thread: stop_from is set first */
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaddset(&sa.sa_mask, SIGINT);
	sa.sa_flags = SA_RESTART | SA_SIGINFO;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* Ignored from the start (nohup, a shell's background job):
		 * whoever started us wants it ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/* Whether a stop signal came; says so once. */
static bool
stopped(void)
{
	static bool said;
	int sig = pr_stop_signal();

	if (sig == 0)
		return false;
	if (!said)
		diag(DIAG_SYSTEM, NULL,
		     "stopped by %s; the temporary files are removed and the "
		     "previous reports and history left as they were",
		     sig == SIGINT ? "SIGINT" : "SIGTERM");
	said = true;
	return true;
}

/*
 * Whether the history's folder is the output folder or one inside it:
 * the stale-file clean-up and the renames there would destroy it.
 * Compared by device and inode, so that links and other spellings of
 * the path do not hide it.  -1 (reported) if the folder is unusable.
 */
static int
db_in_output(const char *db, const char *output)
{
	char *dir = xstrdup(db), *slash = strrchr(dir, '/'), *real;
	struct stat out, st;
	int in = 0;

	if (slash == NULL)
		strcpy(dir, ".");
	else
		slash[slash == dir] = '\0';
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL) {
		diag_syserr(db, "cannot use the history's folder");
		return -1;
	}
	while (in == 0 && stat(output, &out) == 0) {
		if (stat(real, &st) == 0 && st.st_dev == out.st_dev &&
		    st.st_ino == out.st_ino)
			in = 1;
		else if (strcmp(real, "/") == 0)
			break;
		else {
			slash = strrchr(real, '/');
			slash[slash == real] = '\0';
		}
	}
	free(real);
	return in;
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder holding the running binary, or "" if unknown. */
static const char *
exe_dir(void)
{
	static char dir[PATH_MAX];
	ssize_t n;
	char *slash;

	if (dir[0] != '\0')
		return dir;
	n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n <= 0 || (size_t)n >= sizeof(dir) - 1) {
		dir[0] = '\0';
		return dir;
	}
	dir[n] = '\0';
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	return dir;
}

/* exe_dir() + rel in path, if that is a folder; else NULL. */
static const char *
beside_exe(const char *rel, char *path, size_t size)
{
	if (*exe_dir() == '\0')
		return NULL;
	snprintf(path, size, "%s/%s", exe_dir(), rel);
	return is_dir(path) ? path : NULL;
}

/*
 * Templates, first found of:
 *  - the source tree's, when the binary runs from a build folder in it
 *    (build/progress-report, or build/asan/progress-report);
 *  - BINDIR/../share/progress-report/report-templates, so that an
 *    installed tree works wherever it is (a DESTDIR staging folder, a
 *    copied /opt tree);
 *  - the compiled-in PREFIX/share/progress-report/report-templates.
 */
static const char *
default_templates(void)
{
	static const char *const rel[] = {
	    "../report-templates", "../../report-templates",
	    "../share/progress-report/report-templates", NULL};
	static char path[2 * PATH_MAX];
	size_t i;

	for (i = 0; rel[i] != NULL; i++)
		if (beside_exe(rel[i], path, sizeof(path)) != NULL)
			return path;
	return PR_DATADIR "/report-templates";
}

/* Fonts: $PROGRESS_REPORT_FONTS, the installed copy beside the binary
 * or under PREFIX, else Debian's DejaVu folder. */
static const char *
default_fonts(void)
{
	static char path[2 * PATH_MAX];
	const char *env = getenv("PROGRESS_REPORT_FONTS");

	if (env != NULL && *env != '\0')
		return env;
	if (beside_exe("../share/progress-report/fonts", path, sizeof(path)))
		return path;
	if (is_dir(PR_DATADIR "/fonts"))
		return PR_DATADIR "/fonts";
	return "/usr/share/fonts/truetype/dejavu";
}

/* Dates in the outputs come from SOURCE_DATE_EPOCH when it is set, so
 * that two builds of the same inputs give the same bytes. */
static time_t
build_date(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return time(NULL);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0) {
		diag_warning(NULL,
		             "SOURCE_DATE_EPOCH=\"%s\" is not a number "
		             "of seconds; using the current time",
		             s);
		return time(NULL);
	}
	return (time_t)v;
}

static int
finish(int status)
{
	diag_flush();
	if (status == EXIT_OK)
		status = diag_exit_status();
	return status;
}

/*
 * The HTML is written on a second thread while the main thread writes
 * the PDF: both renderers only read the document tree and keep their
 * state in their own structures, so they need no locking.  The thread
 * also checksums the HTML as it is written (outset_open()) and syncs it
 * (outset_sync_file()).
 *
 * Its messages go to two lanes (diag.h), merged where a run on one
 * thread would have printed them, so that a build prints the same
 * messages, and exits the same way, however the threads are timed.
 */
struct html_job {
	const struct pr_doc *doc;
	const struct hyph *hyph;
	struct outset *out;
	const char *path;
	FILE *fp; /* the file, checksummed as it is written */
	struct diag_lane *render_msgs; /* rendering and writing */
	struct diag_lane *sync_msgs;   /* syncing */
	bool written;                  /* rendered and closed */
	bool synced;                   /* and synced */
	struct task task;
	/* The tree and the patterns are not read after `rendered`; what
	 * both renderers read is freed by the one done with it last
	 * (release_shared), under the lock. */
	pthread_mutex_t lock;
	bool rendered;
	struct pr_doc **doc_owned;
	struct hyph **hyph_owned;
	bool laid_out, drawn; /* the PDF's, set on the main thread */
	/* The sections the PDF's last layout and the HTML are at, NULL
	 * before the first (release_passed()). */
	const struct pr_node *pdf_at, *html_at;
	struct html_passing passing; /* html_passed() */
	/* Test hooks (tests/t-pdf-shed.sh, which the sanitizers run too),
	 * read once: the HTML done before the PDF's layout (html_first),
	 * or started once it is laid out (pdf_first, `deferred` until
	 * then); which comes first otherwise depends on the threads. */
	bool html_first, pdf_first, deferred;
};

static void *html_job_run(void *);

/*
 * Frees the tree's parts that neither renderer reads again, as both go
 * through it in order (pr_doc_release()): the HTML where it is, unless
 * it is done, and the PDF's last layout where it is, unless it is laid
 * out.  Until both have come to a section nothing goes: the PDF's first
 * layout of two, or one before its table of contents, may read any
 * node.  So the tree goes while the PDF lays it out, whichever renderer
 * is ahead.  The caller holds j->lock.
 */
static size_t
release_passed(struct html_job *j)
{
	const struct pr_node *at[2];
	size_t n = 0;

	if (j->doc_owned == NULL || *j->doc_owned == NULL)
		return 0;
	if (!j->laid_out) {
		if (j->pdf_at == NULL)
			return 0;
		at[n++] = j->pdf_at;
	}
	if (!j->rendered) {
		if (j->html_at == NULL)
			return 0;
		at[n++] = j->html_at;
	}
	return n > 0 ? pr_doc_release(*j->doc_owned, at, n) : 0;
}

/*
 * The tree and the patterns, freed as soon as neither renderer reads
 * them, and by whichever finishes last, so that neither waits for the
 * other: the PDF's structure tree and file are written, and the HTML
 * synced, without them (at M they were half the peak memory).  The
 * caller holds j->lock.
 */
static void
release_shared(struct html_job *j)
{
	if (!j->rendered)
		return;
	if (!j->laid_out)
		release_passed(j);
	if (j->laid_out && j->hyph_owned != NULL && *j->hyph_owned != NULL) {
		hyph_free(*j->hyph_owned);
		*j->hyph_owned = NULL;
	}
	/* The PDF draws its pages from its own boxes, the drawings and the
	 * document's texts: the nodes go before it draws (a fifth of M's
	 * peak), the rest once it is drawn. */
	if (j->laid_out && j->doc_owned != NULL)
		pr_doc_shed(*j->doc_owned);
	if (j->drawn && j->doc_owned != NULL && *j->doc_owned != NULL) {
		pr_doc_free(*j->doc_owned);
		*j->doc_owned = NULL;
	}
}

/* One of the three events release_shared() waits for. */
static void
job_event(struct html_job *j, bool *done)
{
	pthread_mutex_lock(&j->lock);
	*done = true;
	release_shared(j);
	pthread_mutex_unlock(&j->lock);
}

static void
html_job_rendered(struct html_job *j)
{
	job_event(j, &j->rendered);
}

/* pdf_options.laid_out and .drawn */
static void
pdf_laid_out(void *arg)
{
	struct html_job *j = arg;

	if (j->html_first)
		task_wait(&j->task);
	if (j->deferred) {
		j->deferred = false;
		task_start(&j->task, html_job_run, j);
	}
	job_event(j, &j->laid_out);
}

/* pdf_options.passing: the last layout is at section n. */
static void
pdf_passing(void *arg, const struct pr_node *n, bool drawing)
{
	struct html_job *j = arg;

	/* for the tree to go part by part in a report laid out once too */
	if (j->html_first)
		task_wait(&j->task);
	pthread_mutex_lock(&j->lock);
	j->pdf_at = n;
	/* In a layout that draws as it goes, what is freed is returned at
	 * once: XL's peak is 27 MB lower, and the run 3 % quicker.  One
	 * that keeps its boxes grows into it instead (L took a tenth
	 * longer with it returned, its peak 19 MB lower). */
	if (release_passed(j) > 0 && drawing)
		malloc_trim(0);
	pthread_mutex_unlock(&j->lock);
}

/* html_passing: the HTML is at section n. */
static void
html_passed(void *arg, const struct pr_node *n)
{
	struct html_job *j = arg;

	pthread_mutex_lock(&j->lock);
	j->html_at = n;
	release_passed(j);
	pthread_mutex_unlock(&j->lock);
}

static void
pdf_drawn(void *arg)
{
	struct html_job *j = arg;

	job_event(j, &j->drawn);
}

static void *
html_job_run(void *arg)
{
	struct html_job *j = arg;
	FILE *hf = j->fp;

	diag_lane_enter(j->render_msgs);
	if (hf == NULL)
		goto out;
	j->written = html_render(j->doc, j->hyph, hf, j->path, &j->passing);
	html_job_rendered(j);
	if (fclose(hf) != 0 && j->written) {
		diag_syserr(j->path, "cannot write");
		j->written = false;
	}
	if (!j->written)
		goto out;
	diag_lane_enter(j->sync_msgs);
	j->synced = outset_sync_file(j->out, ".html");
out:
	html_job_rendered(j);
	diag_lane_enter(NULL);
	/* What the HTML freed stays in this thread's arena, where the PDF
	 * on the main thread does not reuse it: returned, it is M's peak
	 * 1 MB lower and the run a little quicker (fewer pages to fault
	 * in than to keep). */
	malloc_trim(0);
	return NULL;
}

/* Reads hyphenation patterns while the main thread goes on. */
struct hyph_job {
	struct hyph *h;
	const char *langs[2];
	struct task task;
};

static void *
hyph_job_run(void *arg)
{
	struct hyph_job *j = arg;

	hyph_preload(j->h, j->langs[0]);
	hyph_preload(j->h, j->langs[1]);
	return NULL;
}

/* Starts the job, on this thread if no other can be started; *doc and
 * *hyph are freed, and set to NULL, once neither renderer reads them. */
static void
html_job_start(struct html_job *j, struct pr_doc **doc, struct hyph **hyph,
               struct outset *out)
{
	memset(j, 0, sizeof(*j));
	pthread_mutex_init(&j->lock, NULL);
	j->html_first = getenv("PROGRESS_REPORT_TEST_HTML_FIRST") != NULL;
	j->pdf_first = getenv("PROGRESS_REPORT_TEST_PDF_FIRST") != NULL;
	j->passing.fn = html_passed;
	j->passing.arg = j;
	j->doc = *doc;
	j->hyph = *hyph;
	j->doc_owned = doc;
	j->hyph_owned = hyph;
	j->out = out;
	j->path = outset_temp(out, ".html");
	j->render_msgs = diag_lane_new();
	j->sync_msgs = diag_lane_new();
	/* Checksummed as it is written, on the job's thread (output.h). */
	diag_lane_enter(j->render_msgs);
	j->fp = outset_open(out, ".html", false);
	diag_lane_enter(NULL);
	if (j->pdf_first)
		j->deferred = true;
	else
		task_start(&j->task, html_job_run, j);
}

/* Waits for the job; the caller then merges or drops its lanes. */
static void
html_job_wait(struct html_job *j)
{
	if (j->deferred) { /* the PDF ended before its layout was done */
		j->deferred = false;
		task_start(&j->task, html_job_run, j);
	}
	task_wait(&j->task);
	pthread_mutex_destroy(&j->lock);
}

/* A language the settings name without templates is a mistake in the
 * inputs (exit 1 at the settings' line), not a failure of the system. */
static bool
have_templates(const char *dir, const struct settings *st)
{
	struct buf path;
	bool ok;

	buf_init(&path);
	buf_printf(&path, "%s/%s", dir, st->lang);
	ok = is_dir(path.data);
	if (!ok && st->lang_pos.file != NULL)
		diag_error(&st->lang_pos,
		           "there are no templates for the language \"%s\": "
		           "the templates folder has no subfolder %s; use a "
		           "language it has templates for, such as de or en",
		           st->lang, st->lang);
	buf_free(&path);
	/* Without a position, tmpl_load() reports what is wrong. */
	return ok || st->lang_pos.file == NULL;
}

/* The December list on standard output; a full disk or a closed pipe
 * is a system failure (exit 3), not a silent success. */
static bool
print_missing(const struct model *m)
{
	if (inputs_print_missing(m, stdout))
		return true;
	diag_syserr("standard output", "cannot write the list of what is "
	                               "missing");
	return false;
}

/*
 * What the run holds that must not outlive it: when memory runs out
 * anywhere (util.c's xmalloc(), and through it cmark-gfm and libharu),
 * on_oom() removes the temporary outputs and rolls the history back
 * before the process exits, as an ordinary failure would.
 */
static struct {
	struct outset *out;
	struct history *hist;
} held;

static void
on_oom(void)
{
	if (held.out != NULL)
		outset_abort(held.out);
	if (held.hist != NULL) {
		history_rollback(held.hist);
		history_close(held.hist);
	}
}

/*
 * A draft's, the easy report's and large print's files go beside the
 * full report's, never over them, under endings the templates' locale
 * gives (easy.suffix, draft.suffix, large_print.suffix: "leichte-sprache",
 * "entwurf", "grossdruck"), so that a translation needs no C.  NULL,
 * with the message given, when the locale lacks one that is needed or
 * has one that is no plain file-name part.
 */
static char *
report_basename(const struct options *o, const char *base, const char *lang)
{
	const struct {
		bool on;
		const char *key, *example;
	} ends[] = {{o->easy, "easy.suffix", "easy: {suffix: leichte-sprache}"},
	            {o->draft, "draft.suffix", "draft: {suffix: entwurf}"},
	            {o->large_print, "large_print.suffix",
	             "large_print: {suffix: grossdruck}"}};
	struct locale *loc;
	struct buf b;
	char *out = NULL;

	buf_init(&b);
	if (!o->easy && !o->draft && !o->large_print) {
		buf_puts(&b, base);
		return buf_detach(&b);
	}
	buf_printf(&b, "%s/%s", o->templates, lang);
	loc = locale_load(b.data);
	buf_reset(&b);
	if (loc == NULL) {
		buf_free(&b);
		return NULL;
	}
	buf_puts(&b, base);
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		const char *sfx;
		struct src_pos pos = {locale_file(loc), 0, 0};

		if (!ends[i].on)
			continue;
		sfx = locale_get(loc, ends[i].key);
		if (sfx == NULL) {
			diag_error(&pos,
			           "no word for \"%s\", the ending of the file "
			           "names; add one such as %s",
			           ends[i].key, ends[i].example);
			goto out;
		}
		if (sfx[0] == '\0' || sfx[0] == '-' ||
		    strspn(sfx, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		        strlen(sfx)) {
			diag_error(&pos,
			           "%s \"%s\" is not a plain file-name ending; "
			           "use small letters, digits and hyphens",
			           ends[i].key, sfx);
			goto out;
		}
		buf_printf(&b, "-%s", sfx);
	}
	out = buf_detach(&b);
out:
	buf_free(&b);
	locale_free(loc);
	return out;
}

/*
 * What the OParl metadata needs besides the files; NULL when there is
 * none to write: a draft has none, and without the settings' base URL
 * the metadata could only hold relative URLs, which OParl clients
 * refuse.
 */
static struct oparl_info *
oparl_info(const struct model *m, const char *title, time_t date,
           struct oparl_info *info)
{
	if (m->settings.files_url == NULL) {
		diag_warning(&m->settings.pos,
		             "the settings have no publication block with "
		             "files_url, so no OParl metadata is written: "
		             "OParl needs the absolute web address the reports "
		             "are published under (see docs/inputs.md)");
		return NULL;
	}
	info->files_url = m->settings.files_url;
	info->oparl_url = m->settings.oparl_url;
	info->license = m->settings.license;
	info->title = title;
	info->date = date;
	return info;
}

static int
run(const struct options *o)
{
	struct model m;
	struct history *hist = NULL;
	struct tmpl_set *tmpl = NULL;
	struct pr_doc *doc = NULL;
	char *title = NULL;
	struct outset *out = NULL;
	struct pdf_stats stats = {0};
	struct hyph *hyph = NULL;
	struct hyph_job hyph_task = {0};
	struct oparl_info info = {0}, *meta = NULL;
	static const char *const published[] = {".pdf", ".html", NULL};
	bool build = strcmp(o->command, "build") == 0;
	/* writes the history */
	bool final = build && !o->draft && !o->easy;
	bool ok = false, partial = false;

	model_init(&m);
	if (build) {
		int in = db_in_output(o->db, o->output);

		if (in < 0)
			goto out;
		if (in > 0) {
			model_free(&m);
			return usage("--db names a file in the output folder, "
			             "which holds only the reports (and may be "
			             "public); keep the history outside it");
		}
	}
	if (!is_dir(o->inputs)) {
		diag(DIAG_SYSTEM, &(struct src_pos){o->inputs, 0, 0},
		     "the inputs folder does not exist or is not a folder");
		goto out;
	}
	diag_log("reading inputs from %s", o->inputs);
	if (!inputs_load(&m, o->inputs, o->year)) {
		/* The December list is most useful while data is missing. */
		if (o->missing)
			print_missing(&m);
		/* One run shows what is wrong in the templates too. */
		if (o->lang != NULL ||
		    have_templates(o->templates, &m.settings))
			tmpl_free(tmpl_load_root(
			    o->templates, o->lang ? o->lang : m.settings.lang,
			    o->easy ? EASY_ROOT : "report.tmpl"));
		goto out;
	}

	/* Easy language breaks no word at a line end (its rules; the
	 * middle dot shows where a compound joins). */
	if (build && !o->easy && !stopped()) {
		/* The patterns of the report's and the inputs' languages
		 * are read while the history is read and the templates
		 * make the document: at M, reading the German patterns
		 * took longer than the templates alone. */
		hyph = hyph_task.h = hyph_new(NULL);
		hyph_task.langs[0] = o->lang ? o->lang : m.settings.lang;
		hyph_task.langs[1] = m.settings.lang;
		task_start(&hyph_task.task, hyph_job_run, &hyph_task);
	}
	if (build && !stopped()) {
		char *base;

		/* The ending's words come from the language's locale. */
		if ((o->easy || o->draft || o->large_print) &&
		    o->lang == NULL &&
		    !have_templates(o->templates, &m.settings))
			goto out;
		base = report_basename(o, m.settings.output_basename,
		                       o->lang ? o->lang : m.settings.lang);
		if (base == NULL)
			goto out;
		out = outset_begin(o->output, base);
		free(base);
		if ((held.out = out) == NULL)
			goto out;
	}
	if (stopped())
		goto out;
	/* check and a draft read the history too (a draft shows the changes
	 * since the last report, and a damaged file shows before January),
	 * but never create or change it. */
	if (final || access(o->db, F_OK) == 0) {
		hist = history_open(o->db, !final);
		held.hist = hist;
		if (hist == NULL || !history_load_previous(hist, &m) ||
		    stopped())
			goto out;
	}
	analysis_run(&m);

	m.settings.draft = o->draft;
	m.settings.easy = o->easy;
	if (o->easy)
		inputs_warn_easy(&m);
	/* The easy report is set in large print: 14 pt and more. */
	m.settings.large_print = o->large_print || o->easy;
	/* --lang picks the report's language; settings.lang stays the
	 * inputs' own, so their text is marked as a passage in it. */
	if (o->lang == NULL && !have_templates(o->templates, &m.settings))
		goto out;
	tmpl = tmpl_load_root(o->templates, o->lang ? o->lang : m.settings.lang,
	                      o->easy ? EASY_ROOT : "report.tmpl");
	if (tmpl == NULL)
		goto out;
	doc = tmpl_render(tmpl, &m);
	/* The tree holds copies of everything it shows (and its source
	 * positions): the templates are not needed for the rest of the
	 * run, whose peak memory is in the PDF's layout. */
	tmpl_free(tmpl);
	tmpl = NULL;
	if (doc == NULL || !doc_validate(doc) || stopped())
		goto out;

	if (!build) {
		/* The PDF's fonts lack characters the templates and
		 * inputs may hold, and only its layout knows which face
		 * sets which text: check lays the report out as build
		 * does, so that the two refuse the same characters. */
		if (!pdf_check(doc, o->fonts, &stats))
			inputs_report_chars(&m, stats.missing, stats.nmissing);
		if (stopped())
			goto out;
		inputs_warn_statement(&m);
		inputs_warn_values(&m);
		if (o->missing && !print_missing(&m))
			goto out;
		ok = diag_worst() < DIAG_ERROR;
		goto out;
	}

	/* Complete before the HTML's thread starts: both renderers read
	 * the patterns, neither changes them. */
	if (hyph != NULL) {
		task_wait(&hyph_task.task);
		if (!hyph_load_doc(hyph, doc))
			goto out;
	}
	struct pdf_options popt = {
	    .font_dir = o->fonts, .date = build_date(), .hyph = hyph};
	/* Both temporary names are taken before the HTML thread starts
	 * (outset_sync_file()); the PDF's first, which keeps the order of
	 * the metadata's entries. */
	const char *pdf_path = outset_temp(out, ".pdf");
	struct html_job hj;

	if (pdf_path == NULL || outset_temp(out, ".html") == NULL)
		goto out;
	diag_log("writing the PDF and the HTML");
	/* Checksummed as libharu writes it, on a thread of its own: the
	 * PDF is the last to be finished. */
	FILE *pf = outset_open(out, ".pdf", true);
	const struct pr_doc *pdoc = doc;

	/* The metadata's title outlives the tree, which is freed once both
	 * outputs are drawn (release_shared). */
	title = doc->title != NULL ? xstrdup(doc->title) : NULL;
	popt.drawn = pdf_drawn;
	popt.laid_out = pdf_laid_out;
	popt.passing = pdf_passing;
	popt.drawn_arg = &hj;
	html_job_start(&hj, &doc, &hyph, out);
	bool pok = pf != NULL && pdf_render(pdoc, &popt, pdf_path, pf, &stats);
	if (pf != NULL && fclose(pf) != 0 && pok) {
		diag_syserr(pdf_path, "cannot write the PDF");
		pok = false;
	}
	html_job_wait(&hj);
	if (!pok) {
		/* A run on one thread stops here, before the HTML. */
		diag_lane_free(hj.render_msgs);
		diag_lane_free(hj.sync_msgs);
		inputs_report_chars(&m, stats.missing, stats.nmissing);
		goto out;
	}
	diag_lane_merge(hj.render_msgs);
	if (!hj.written || diag_worst() >= DIAG_ERROR) {
		diag_lane_free(hj.sync_msgs);
		goto out;
	}
	/* If both syncs failed, a run on one thread reports the PDF's. */
	if (!hj.synced && !outset_sync_file(out, ".pdf")) {
		diag_lane_free(hj.sync_msgs);
		goto out;
	}
	diag_lane_merge(hj.sync_msgs);
	/* Everything that needs disk space is written and synced before
	 * the history commits; only renames follow it.  The checksums
	 * were computed as the files were written; outset_prepare()
	 * syncs the PDF with the metadata and the journal, at once. */
	if (!hj.synced || stopped() || !outset_checksums(out) || stopped())
		goto out;
	if (final) {
		meta = oparl_info(&m, title, popt.date, &info);
		if (!publish_dates(hist, m.settings.year, out, published,
		                   &info))
			goto out;
	}
	if (!outset_prepare(out, meta) || stopped())
		goto out;
	if (final && !history_stage(hist, &m, popt.date))
		goto out;
	output_test_point("history-staged");
	/* The last point to stop at: from the commit on, the run finishes
	 * what the history then says. */
	if (stopped() || (final && !history_commit(hist)))
		goto out;
	if (!outset_commit(out, meta)) {
		if (outset_decided(out))
			partial = true;
		goto out;
	}
	out = held.out = NULL;
	ok = true;
	/* "name: count", which reads right for 1 as for 2 in every
	 * language (no plural forms to choose). */
	diag_log("done: year %d; pages: %u, milestones: %zu, indicators: %zu, "
	         "warnings: %u",
	         m.settings.year, stats.pages, m.nmilestones, m.nindicators,
	         diag_count(DIAG_WARNING));
out:
	held.out = NULL;
	held.hist = NULL;
	if (out != NULL)
		outset_abort(out);
	if (hist != NULL) {
		if (!ok)
			history_rollback(hist);
		history_close(hist);
	}
	pr_doc_free(doc);
	free(title);
	if (hyph != NULL)
		task_wait(&hyph_task.task);
	hyph_free(hyph);
	tmpl_free(tmpl);
	model_free(&m);
	/* A stage that a stop signal ended early said nothing. */
	if (!ok && !partial)
		stopped();
	if (!ok && diag_worst() < DIAG_ERROR)
		diag(DIAG_SYSTEM, NULL, "the build failed");
	if (ok)
		return finish(EXIT_OK);
	return finish(partial            ? EXIT_PARTIAL
	              : pr_stop_signal() ? EXIT_INTERRUPTED
	                                 : diag_exit_status());
}

/* forms and import (forms.c, import.c): the inputs, then the forms. */
static int
forms_command(struct options *o, const char *cmd, int nfiles, char **files)
{
	struct pr_date due = {0};
	struct model m;
	bool forms = strcmp(cmd, "forms") == 0;
	int status = EXIT_OK;

	if (forms && nfiles != 0)
		return usage("forms takes no file names; --output names the "
		             "folder");
	if (!forms && nfiles == 0)
		return usage("import needs the forms to read: import FILE...");
	if (o->due != NULL &&
	    (!forms ||
	     sscanf(o->due, "%4d-%2d-%2d", &due.y, &due.m, &due.d) != 3 ||
	     strlen(o->due) != 10 || !date_valid(due.y, due.m, due.d)))
		return usage("--due goes with forms and takes a date such as "
		             "2027-01-15");
	if (o->missing || o->draft || o->easy || !paths_given(o))
		return usage("forms and import take --inputs, --output, "
		             "--templates, --year, --lang, --due and --quiet");
	diag_set_quiet(o->quiet);
	xalloc_on_failure(on_oom);
	if (!forms)
		return finish(
		    forms_import(o->inputs, o->year, files, (size_t)nfiles));
	if (o->templates == NULL)
		o->templates = default_templates();
	model_init(&m);
	diag_log("reading inputs from %s", o->inputs);
	if (!inputs_load(&m, o->inputs, o->year))
		status = diag_exit_status();
	else {
		if (due.y == 0)
			due = (struct pr_date){m.settings.year + 1, 1, 15};
		if (o->lang != NULL)
			m.settings.lang = o->lang;
		if (!forms_write(&m, o->templates, o->output, due,
		                 (long long)build_date()))
			status = diag_exit_status();
	}
	model_free(&m);
	return finish(status);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
	    {"inputs", required_argument, NULL, 'i'},
	    {"templates", required_argument, NULL, 't'},
	    {"output", required_argument, NULL, 'o'},
	    {"db", required_argument, NULL, 'd'},
	    {"year", required_argument, NULL, 'y'},
	    {"lang", required_argument, NULL, 'l'},
	    {"fonts", required_argument, NULL, 'f'},
	    {"missing", no_argument, NULL, 'm'},
	    {"draft", no_argument, NULL, 'D'},
	    {"easy", no_argument, NULL, 'E'},
	    {"large-print", no_argument, NULL, 'G'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"due", required_argument, NULL, 'u'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct options o = {
	    .inputs = "inputs",
	    .output = "output",
	    .db = "history.sqlite",
	};
	int c;

	i18n_init();
	diag_init(argv[0]);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		char *end;
		long y;

		switch (c) {
		case 'i':
			o.inputs = optarg;
			break;
		case 't':
			o.templates = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'd':
			o.db = optarg;
			break;
		case 'y':
			errno = 0;
			y = strtol(optarg, &end, 10);
			if (errno || *end || y < 2000 || y > 2100)
				return usage("--year takes a year from 2000 "
				             "to 2100, such as 2026");
			o.year = (int)y;
			break;
		case 'l':
			if (strcmp(optarg, "de") && strcmp(optarg, "en"))
				return usage("--lang takes de or en");
			o.lang = optarg;
			break;
		case 'f':
			o.fonts = optarg;
			break;
		case 'm':
			o.missing = true;
			break;
		case 'D':
			o.draft = true;
			break;
		case 'E':
			o.easy = true;
			break;
		case 'G':
			o.large_print = true;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'u':
			o.due = optarg;
			break;
		case 'h':
			fputs(_(usage_text), stdout);
			return EXIT_OK;
		case 'V':
			puts("progress-report " PR_VERSION);
			return EXIT_OK;
		default:
			return usage(NULL);
		}
	}
	if (optind < argc && (strcmp(argv[optind], "forms") == 0 ||
	                      strcmp(argv[optind], "import") == 0))
		return forms_command(&o, argv[optind], argc - optind - 1,
		                     argv + optind + 1);
	if (optind != argc - 1)
		return usage(optind >= argc ? "a command is needed: build, "
		                              "check, forms or import"
		                            : "exactly one command is allowed");
	o.command = argv[optind];
	if (strcmp(o.command, "build") && strcmp(o.command, "check"))
		return usage("unknown command; allowed are build, check, forms "
		             "and import");
	if (o.missing && strcmp(o.command, "check"))
		return usage("--missing goes with check");
	if (o.draft && strcmp(o.command, "build"))
		return usage("--draft goes with build");
	if (o.easy && strcmp(o.command, "build") && strcmp(o.command, "check"))
		return usage("--easy goes with build or check");
	if (o.large_print && strcmp(o.command, "build"))
		return usage("--large-print goes with build");
	if (history_name_problem(o.db) != NULL)
		return usage(history_name_problem(o.db));
	if (!paths_given(&o))
		return usage("--inputs, --templates, --output and --fonts "
		             "take a folder or file name, not an empty text");
	if (o.templates == NULL)
		o.templates = default_templates();
	if (o.fonts == NULL)
		o.fonts = default_fonts();
	diag_set_quiet(o.quiet);
	/* Before any thread starts: from here on a signal only sets the
	 * flag, whichever thread the kernel gives it to. */
	catch_stop_signals();
	xalloc_on_failure(on_oom);
	return run(&o);
}
