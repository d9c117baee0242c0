/*
 * fuzz_sheet.c - libFuzzer harness for the spreadsheet reader
 * (sheet_read.c) that import.c reads the forms with.  The first byte
 * of the data says what the rest is:
 *
 *   'z'  a whole file (a damaged zip, an XLSX or ODS as saved);
 *   'o'  the content.xml of an ODS, zipped here;
 *   'x'  a worksheet part of an XLSX, zipped here with a fixed
 *        workbook, relationships and shared strings;
 *
 * so that the XML parsing is reached without the fuzzer having to
 * forge deflate streams and zip checksums.  Built and run by
 * tests/fuzz/run.sh; tests/unit/test_fuzz_sheet.c replays the corpus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "sheet_read.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

static char sheet_path[64];
/* Reads that succeeded, so the replay test can tell that the seeds are
 * valid files. */
static unsigned sheet_read_ok;

static void
sheet_done(void)
{
	unlink(sheet_path);
}

static const char workbook[] =
    "<?xml version=\"1.0\"?><workbook "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char strings[] =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats."
    "org/spreadsheetml/2006/main\"><si><t>a</t></si><si><r><t>b</t></r>"
    "<r><t>c</t></r></si><si><t>geplant</t><rPh><t>x</t></rPh></si>"
    "</sst>";

static void
add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *src = zip_source_buffer(z, p, n, 0);

	if (src != NULL && zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0)
		zip_source_free(src);
}

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct book b;
	struct buf why;
	FILE *f;

	if (sheet_path[0] == '\0') {
		int fd;

		snprintf(sheet_path, sizeof(sheet_path),
		         "/tmp/pr-fuzz-sheet.XXXXXX");
		if ((fd = mkstemp(sheet_path)) < 0)
			abort();
		close(fd);
		atexit(sheet_done);
	}
	if (size < 1)
		return 0;
	if (data[0] == 'o' || data[0] == 'x') {
		zip_t *z = zip_open(sheet_path, ZIP_CREATE | ZIP_TRUNCATE, NULL);

		if (z == NULL)
			abort();
		if (data[0] == 'o')
			add(z, "content.xml", data + 1, size - 1);
		else {
			add(z, "xl/workbook.xml", workbook, strlen(workbook));
			add(z, "xl/_rels/workbook.xml.rels", rels,
			    strlen(rels));
			add(z, "xl/sharedStrings.xml", strings,
			    strlen(strings));
			add(z, "xl/worksheets/sheet1.xml", data + 1, size - 1);
		}
		if (zip_close(z) != 0)
			zip_discard(z);
	} else {
		if ((f = fopen(sheet_path, "wb")) == NULL)
			abort();
		fwrite(data + 1, 1, size - 1, f);
		fclose(f);
	}
	buf_init(&why);
	if (book_read(sheet_path, &b, &why)) {
		sheet_read_ok++;
		for (size_t i = 0; i < b.n; i++) {
			const struct sheet *s = &b.sheets[i];

			for (size_t k = 0; k < s->n; k++)
				if (sheet_cell(s, s->cells[k].row,
				               s->cells[k].col) == NULL)
					abort(); /* every cell is found */
		}
		book_free(&b);
	}
	buf_free(&why);
	return 0;
}
