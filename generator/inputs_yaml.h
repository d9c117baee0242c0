/*
 * inputs_yaml.h - the guarded YAML reader: the input files and the
 * templates' locale files.
 *
 * Reads one file with libyaml's event API into a small tree of
 * mappings, sequences and scalars, each carrying its source position.
 * The reader, not libyaml, enforces the limits that make hostile files
 * harmless: a maximum file size, valid UTF-8 without NUL bytes, a
 * nesting limit, a length limit per string, and no anchors or aliases
 * (which would let a few lines expand into gigabytes).  Every problem
 * goes to diag() with the file, line and column.
 */
#ifndef PR_INPUTS_YAML_H
#define PR_INPUTS_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "textfile.h"
#include "util.h"

#define YAML_MAX_FILE   (64u << 20) /* bytes per input file */
#define YAML_MAX_DEPTH  32          /* nested mappings and sequences */
#define YAML_MAX_STRING 65536u      /* bytes per scalar */

enum ynode_type {
	YN_SCALAR,
	YN_MAP,
	YN_SEQ,
	YN_BAD /* already reported (alias, overlong string): skip quietly */
};

struct ynode {
	enum ynode_type type;
	struct src_pos pos;
	/* Scalars: the text as written, NUL-terminated. */
	const char *str;
	bool plain; /* written without quotes or block indicators */
	bool null;  /* plain "", "~" or "null": no value */
	/* Mappings hold key, value, key, value...; sequences the items. */
	struct ynode **kids;
	size_t nkids;
};

/*
 * Reads `path`, a file of the given kind, into a tree allocated from `pool`
 * (which the caller frees).  `path` must outlive the tree: positions point to
 * it. Returns NULL after reporting why the file could not be read; a file that
 * only has some bad values (overlong strings, aliases) still gives a tree, with
 * YN_BAD nodes in their places.
 */
struct ynode *yaml_read_file(const char *path, const struct textfile_kind *,
                             struct pool *pool);

/* What the inputs' files are, for read_text_file() and its limits. */
extern const struct textfile_kind input_file;

/* The node's type for messages: "a mapping", "a list", "text". */
const char *ynode_kind(const struct ynode *);

#endif
