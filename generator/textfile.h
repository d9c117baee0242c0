/*
 * textfile.h - the one reader of the files the program parses: inputs
 * (YAML, CSV), templates and locale files.  It opens only regular
 * files (a FIFO swapped in must not hang a cron job), refuses a file
 * larger than a limit before reading it, notices a file that grows
 * while it is read and, for text, checks UTF-8 without NUL bytes; each
 * problem is reported through diag() with the file, and the line and
 * column where there is one.
 */
#ifndef PR_TEXTFILE_H
#define PR_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* "an input file", "a template" */
const char *textfile_article(const char *what);

/* What kind of file, for messages and limits. */
struct textfile_kind {
	const char *what;  /* "input file": "input files must be ..." */
	size_t max;        /* bytes */
	const char *holds; /* what a YAML file of the kind holds, when empty */
};

struct stat;

/* What read_fd_bytes() found. */
enum { TF_OK, TF_TOO_LARGE, TF_GREW, TF_READ /* errno set */ };

/* Reads the open regular file fd (st: its status from open_regular())
 * into memory, at most `max` bytes, a NUL appended after the *len
 * bytes, and closes fd; reports nothing, for callers with messages of
 * their own.  The caller frees *data. */
int read_fd_bytes(int fd, const struct stat *st, size_t max, char **data,
                  size_t *len);

/* Loads a whole file into memory; a NUL is appended after the *len
 * bytes.  The caller frees *data.  For files in other encodings. */
bool read_file_bytes(const char *path, const struct textfile_kind *,
                     char **data, size_t *len);

/* The same, and the bytes must be UTF-8 without NUL bytes. */
bool read_text_file(const char *path, const struct textfile_kind *, char **data,
                    size_t *len);

/* Line and column (1-based) of byte `off` in `data`, columns counted in
 * characters, not bytes. */
void text_pos(const char *data, size_t off, const char *file,
              struct src_pos *out);

#endif
