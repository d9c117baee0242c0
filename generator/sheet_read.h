/*
 * sheet_read.h - the cells of a spreadsheet file, XLSX (Office Open
 * XML) or ODS (OpenDocument), read with libzip and expat: enough for
 * import.c to read the forms back, whichever office program saved them.
 */
#ifndef PR_SHEET_READ_H
#define PR_SHEET_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum cell_type {
	CELL_NUMBER, /* num; in XLSX also dates (a serial day number) */
	CELL_TEXT,   /* text */
	CELL_DATE,   /* ODS dates: text "YYYY-MM-DD" (a time part dropped) */
	CELL_BOOL,   /* num 0 or 1 */
	CELL_ERROR   /* text: the error as the program wrote it */
};

struct cell {
	unsigned row, col; /* 0-based */
	size_t seq;        /* the order read */
	enum cell_type type;
	double num;
	char *text; /* NULL for numbers */
};

struct sheet {
	char *name;
	struct cell *cells; /* by row, then column */
	size_t n, cap;
};

struct book {
	bool ods;
	bool date1904; /* XLSX: serial numbers count from 1904 */
	struct sheet *sheets;
	size_t n;
};

/*
 * Reads every sheet of the file at `path`.  False when it is not a
 * readable XLSX or ODS file (a damaged zip, a missing part, XML that
 * is not well-formed, more than the limits allow); `why` then says
 * what, in words for the person who sent the file.
 */
bool book_read(const char *path, struct book *, struct buf *why);
void book_free(struct book *);

const struct sheet *book_sheet(const struct book *, const char *name);
/* The cell at row, col (0-based), or NULL if it is empty. */
const struct cell *sheet_cell(const struct sheet *, unsigned row, unsigned col);

#endif
