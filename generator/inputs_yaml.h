/*
 * inputs_yaml.h - a guarded YAML reader for the inputs stage.
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
 * Reads `path` into a tree allocated from `pool` (which the caller
 * frees).  `path` must outlive the tree: positions point to it.
 * Returns NULL after reporting why the file could not be read; a file
 * that only has some bad values (overlong strings, aliases) still gives
 * a tree, with YN_BAD nodes in their places.
 */
struct ynode *yaml_read_file(const char *path, struct pool *pool);

/*
 * Loads a whole file into memory for a parser, after checking its size
 * and that it is UTF-8 without NUL bytes (reported at line:col).  The
 * caller frees *data.  `what` names the kind of file in messages.
 */
bool read_text_file(const char *path, char **data, size_t *len);
/* The same without the UTF-8 check, for files in other encodings; a
 * NUL is appended after the *len bytes. */
bool read_file_bytes(const char *path, char **data, size_t *len);

/* Line and column (1-based) of byte `off` in `data`, columns counted in
 * characters, not bytes. */
void text_pos(const char *data, size_t off, const char *file,
              struct src_pos *out);

/* The node's type for messages: "a mapping", "a list", "text". */
const char *ynode_kind(const struct ynode *);

#endif
