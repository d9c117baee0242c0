/*
 * inputs_yaml.c - reading one YAML file into a positioned tree, with
 * the limits described in inputs_yaml.h.
 *
 * The event API is used rather than yaml_parser_load(): the document
 * loader resolves aliases into shared nodes and has no depth limit, so
 * a small hostile file could exhaust memory before we see it.
 */
#include "inputs_yaml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

/* An open container while its items are collected. */
struct frame {
	struct ynode *node;
	struct ynode **kids; /* malloc'd while open, moved to the pool */
	size_t nkids, cap;
};

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
read_text_file(const char *path, char **data, size_t *len)
{
	struct src_pos pos = {path, 0, 0};
	struct stat st;
	size_t bad, n = 0;
	char *p = NULL;
	FILE *f;

	*data = NULL;
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		diag_syserr(path, "cannot open the file");
		return false;
	}
	if (fstat(fileno(f), &st) != 0) {
		diag_syserr(path, "cannot read the file");
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(&pos, "not a regular file");
		goto fail;
	}
	if ((unsigned long long)st.st_size > YAML_MAX_FILE) {
		diag_error(&pos,
		           "the file has %lld bytes; an input file may have "
		           "at most %u MiB",
		           (long long)st.st_size, YAML_MAX_FILE >> 20);
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
	if (!utf8_valid(p, n, &bad)) {
		text_pos(p, bad, path, &pos);
		if (p[bad] == '\0')
			diag_error(&pos, "a NUL byte; input files are text in "
			                 "UTF-8");
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
fail:
	free(p);
	fclose(f);
	return false;
}

const char *
ynode_kind(const struct ynode *n)
{
	if (n == NULL)
		return "nothing";
	switch (n->type) {
	case YN_MAP:
		return "a mapping (key: value lines)";
	case YN_SEQ:
		return "a list";
	case YN_SCALAR:
		return n->null ? "no value" : "text";
	default:
		return "a bad value";
	}
}

static void
mark(struct src_pos *p, const char *file, const yaml_mark_t *m)
{
	p->file = file;
	p->line = (unsigned)m->line + 1;
	p->col = (unsigned)m->column + 1;
}

static bool
is_null(const char *s, size_t len, bool plain)
{
	if (!plain)
		return false;
	return len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static void
frame_add(struct frame *f, struct ynode *n)
{
	if (f->nkids == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->kids = xrealloc(f->kids, f->cap * sizeof(*f->kids));
	}
	f->kids[f->nkids++] = n;
}

/*
 * A tag (!!str, !!binary, !custom) would change what a value means in
 * other YAML readers while this one reads the text as written: refused
 * rather than silently ignored.
 */
static bool
tagged(const yaml_event_t *ev, const struct src_pos *pos)
{
	const yaml_char_t *tag = ev->type == YAML_SCALAR_EVENT
	                             ? ev->data.scalar.tag
	                         : ev->type == YAML_SEQUENCE_START_EVENT
	                             ? ev->data.sequence_start.tag
	                             : ev->data.mapping_start.tag;
	const char *t = (const char *)tag;

	if (tag == NULL)
		return false;
	if (strncmp(t, "tag:yaml.org,2002:", 18) == 0)
		diag_error(pos,
		           "a YAML tag (!!%s); tags are not allowed: write "
		           "the value plainly (the format says what each "
		           "value is)",
		           t + 18);
	else
		diag_error(pos,
		           "a YAML tag (%s); tags are not allowed: write the "
		           "value plainly (the format says what each value "
		           "is)",
		           t);
	return true;
}

struct ynode *
yaml_read_file(const char *path, struct pool *pool)
{
	struct frame st[YAML_MAX_DEPTH + 1];
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *root = NULL, *n;
	struct src_pos pos;
	bool done = false, failed = false, alias_told = false;
	int depth = -1, docs = 0;
	size_t len;
	char *data;

	if (!read_text_file(path, &data, &len))
		return NULL;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (unsigned char *)data, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			mark(&pos, path, &parser.problem_mark);
			if (parser.error == YAML_READER_ERROR)
				text_pos(data, parser.problem_offset, path,
				         &pos);
			if (parser.context != NULL)
				diag_error(&pos, "not valid YAML: %s %s",
				           parser.problem ? parser.problem
				                          : "error",
				           parser.context);
			else
				diag_error(&pos, "not valid YAML: %s",
				           parser.problem ? parser.problem
				                          : "error");
			failed = true;
			break;
		}
		mark(&pos, path, &ev.start_mark);
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_error(&pos, "a second YAML document "
				                 "(after ---); put everything "
				                 "into one document per file");
				failed = true;
				done = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			if (!alias_told)
				diag_error(
				    &pos,
				    "an alias (*%s); anchors and aliases "
				    "are not allowed, write the value "
				    "out in full",
				    (const char *)ev.data.alias.anchor);
			alias_told = true;
			n = pool_alloc(pool, sizeof(*n));
			n->type = YN_BAD;
			n->pos = pos;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor =
			    ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.anchor
			    : ev.type == YAML_SEQUENCE_START_EVENT
			        ? ev.data.sequence_start.anchor
			        : ev.data.mapping_start.anchor;

			/* A tagged mapping or list is read on, so that
			 * its contents are checked too. */
			if (tagged(&ev, &pos) && ev.type == YAML_SCALAR_EVENT) {
				n = pool_alloc(pool, sizeof(*n));
				n->type = YN_BAD;
				n->pos = pos;
				break;
			}
			if (anchor != NULL && !alias_told) {
				diag_error(&pos,
				           "an anchor (&%s); anchors and "
				           "aliases are not allowed, write the "
				           "value out in full",
				           (const char *)anchor);
				alias_told = true;
			}
			n = pool_alloc(pool, sizeof(*n));
			n->pos = pos;
			if (ev.type != YAML_SCALAR_EVENT) {
				n->type = ev.type == YAML_MAPPING_START_EVENT
				              ? YN_MAP
				              : YN_SEQ;
				break;
			}
			len = ev.data.scalar.length;
			if (len > YAML_MAX_STRING) {
				diag_error(&pos,
				           "a text of %zu bytes; a value may "
				           "have at most %u bytes (64 KiB)",
				           len, YAML_MAX_STRING);
				n->type = YN_BAD;
				break;
			}
			n->type = YN_SCALAR;
			n->str = pool_strndup(
			    pool, (const char *)ev.data.scalar.value, len);
			n->plain =
			    ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			n->null = is_null(n->str, len, n->plain);
			if (strlen(n->str) != len) {
				diag_error(&pos, "a text holding a NUL "
				                 "character (\\0)");
				n->type = YN_BAD;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct frame *f = &st[depth];

			f->node->nkids = f->nkids;
			f->node->kids = pool_alloc(
			    pool, (f->nkids ? f->nkids : 1) * sizeof(*f->kids));
			if (f->nkids)
				memcpy(f->node->kids, f->kids,
				       f->nkids * sizeof(*f->kids));
			free(f->kids);
			depth--;
			break;
		}
		default:
			break;
		}
		if (n != NULL) {
			if (depth >= 0)
				frame_add(&st[depth], n);
			else
				root = n;
			if (n->type == YN_MAP || n->type == YN_SEQ) {
				if (depth + 1 >= YAML_MAX_DEPTH) {
					diag_error(&pos,
					           "nested more than %d levels "
					           "deep; input files need at "
					           "most 5",
					           YAML_MAX_DEPTH);
					failed = true;
					done = true;
				} else {
					depth++;
					st[depth] =
					    (struct frame){n, NULL, 0, 0};
				}
			}
		}
		yaml_event_delete(&ev);
	}
	while (depth >= 0)
		free(st[depth--].kids);
	yaml_parser_delete(&parser);
	if (!failed && root == NULL) {
		pos = (struct src_pos){path, 1, 1};
		diag_error(&pos, "the file is empty; an input file holds a "
		                 "mapping with one or more of settings, "
		                 "structure, milestones, indicators, glossary, "
		                 "sources");
		failed = true;
	}
	free(data);
	return failed ? NULL : root;
}
