/*
 * template_load.c - the template files: tmpl_load() reads report.tmpl
 * and the locale, load_file() reads each included file once, through
 * the project's guarded text reader, and keeps includes inside the
 * templates folder (no "..", no symbolic link out of it).
 */
#include "template_int.h"
#include "i18n.h"

#include "textfile.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void
free_files(struct tmpl_set *ts)
{
	struct tfile *f, *n;

	for (f = ts->files; f != NULL; f = n) {
		n = f->next;
		for (size_t i = 0; i < f->nitems; i++)
			free(f->items[i].toks);
		free(f->items);
		free(f->text);
		free(f->name);
		free(f->rel);
		free(f);
	}
	ts->files = NULL;
}

/*
 * Reads and lexes a template file, relative to the language folder;
 * each file is read once however often it is included.  `at` is the
 * include tag (NULL for report.tmpl).
 */
static const struct textfile_kind template_file = {N_("template"), MAX_FILE,
                                                   NULL};

struct tfile *
load_file(struct tmpl_set *ts, const char *rel, const struct src_pos *at)
{
	struct tfile *f;
	struct buf path;
	char *real = NULL;
	struct stat st;

	for (f = ts->files; f != NULL; f = f->next)
		if (strcmp(f->rel, rel) == 0)
			return f;
	buf_init(&path);
	buf_printf(&path, "%s/%s", ts->dir, rel);
	if (stat(path.data, &st) != 0) {
		if (at != NULL)
			terr(ts, at,
			     "the template \"%s\" does not exist "
			     "(looked for %s)",
			     rel, path.data);
		else
			diag_syserr(path.data, "cannot read the template");
		ts->failed = true;
		goto fail;
	}
	real = realpath(path.data, NULL);
	size_t dl = strlen(ts->realdir);
	if (real == NULL || strncmp(real, ts->realdir, dl) != 0 ||
	    real[dl] != '/') {
		terr(ts, at ? at : &(struct src_pos){path.data, 0, 0},
		     "\"%s\" leads out of the templates folder %s (through a "
		     "symbolic link); templates must stay inside it",
		     rel, ts->dir);
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > MAX_FILE) {
		terr(ts, at ? at : &(struct src_pos){path.data, 0, 0},
		     "\"%s\" is not a regular file of at most %d MiB", rel,
		     MAX_FILE >> 20);
		goto fail;
	}
	/* The guarded reader: regular a moment ago, but a FIFO swapped
	 * in now must not hang, nor a file grown since go unnoticed. */
	char *text;
	size_t len;
	if (!read_text_file(path.data, &template_file, &text, &len)) {
		ts->failed = true;
		goto fail;
	}
	f = xcalloc(1, sizeof(*f));
	f->text = text;
	f->len = len;
	f->name = buf_detach(&path);
	f->rel = xstrdup(rel);
	f->next = ts->files;
	ts->files = f;
	free(real);
	if (!lex_file(ts, f))
		return NULL;
	return f;
fail:
	free(real);
	buf_free(&path);
	return NULL;
}

struct tmpl_set *
tmpl_load(const char *templates_dir, const char *lang)
{
	return tmpl_load_root(templates_dir, lang, "report.tmpl");
}

struct tmpl_set *
tmpl_load_root(const char *templates_dir, const char *lang, const char *root)
{
	struct tmpl_set *ts = xcalloc(1, sizeof(*ts));
	struct buf b;
	int err;
	PCRE2_SIZE eoff;
	struct tfile *f;

	pool_init(&ts->pool);
	buf_init(&b);
	if (lang == NULL || lang[0] == '\0' || strchr(lang, '/') ||
	    strchr(lang, '.')) {
		diag_error(NULL,
		           "the report language \"%s\" is not a plain "
		           "language tag such as de or en",
		           lang ? lang : "");
		goto fail;
	}
	buf_printf(&b, "%s/%s", templates_dir, lang);
	ts->dir = buf_detach(&b);
	ts->realdir = realpath(ts->dir, NULL);
	if (ts->realdir == NULL) {
		diag_syserr(ts->dir,
		            "there are no templates for the language "
		            "\"%s\"",
		            lang);
		goto fail;
	}
	if ((ts->loc = locale_load(ts->dir)) == NULL)
		goto fail;
	ts->re_open =
	    pcre2_compile((PCRE2_SPTR) "\\{[{%#]", PCRE2_ZERO_TERMINATED, 0,
	                  &err, &eoff, NULL);
	ts->re_tok = pcre2_compile(
	    (PCRE2_SPTR) "\\s*+(?:(\"(?:[^\"\\\\\\n]|\\\\.)*+\")"
	                 "|(\\d+(?:\\.\\d+)?)(?![A-Za-z_])"
	                 "|([A-Za-z_][A-Za-z0-9_]*)"
	                 "|(%\\}|\\}\\}|==|!=|<=|>=|[<>()\\[\\],.|=+\\-*/]))",
	    PCRE2_ZERO_TERMINATED, 0, &err, &eoff, NULL);
	if (ts->re_open == NULL || ts->re_tok == NULL) {
		diag(DIAG_SYSTEM, NULL,
		     "the template lexer's patterns do not "
		     "compile (pcre2 error %d)",
		     err);
		goto fail;
	}
	ts->md = pcre2_match_data_create(8, NULL);
	f = load_file(ts, root, NULL);
	if (f == NULL)
		goto fail;
	ts->incstack[ts->incdepth++] = root;
	ts->body = parse_file_ops(ts, f, NULL);
	if (ts->failed)
		goto fail;
	return ts;
fail:
	buf_free(&b);
	tmpl_free(ts);
	return NULL;
}

void
tmpl_free(struct tmpl_set *ts)
{
	if (ts == NULL)
		return;
	free_files(ts);
	locale_free(ts->loc);
	pcre2_code_free(ts->re_open);
	pcre2_code_free(ts->re_tok);
	pcre2_match_data_free(ts->md);
	pool_free(&ts->pool);
	free(ts->dir);
	free(ts->realdir);
	free(ts);
}
