/*
 * sheetlib.h - the spreadsheet libraries, loaded when a command first
 * needs them: libzip and expat to read XLSX and ODS files (sheet_read.c,
 * for import), libxlsxwriter to write the forms (forms.c).
 *
 * A build, the command that runs every January, never reads or writes a
 * spreadsheet.  Linked, the three libraries and OpenSSL's libcrypto,
 * which libzip and libxlsxwriter bring, were mapped and relocated at
 * every start: 1.9 MB of a build's memory, a fourteenth of M's peak.
 * So they are not linked but opened with dlopen(3), under the sonames
 * of the libraries whose headers the program was compiled with (the
 * Makefile reads them), as systemd opens its optional libraries.
 *
 * Each function is called through a pointer of its own declared type
 * (sheet_lib.name), filled by sheetlib_read() or sheetlib_write().
 */
#ifndef SHEETLIB_H
#define SHEETLIB_H

#include <expat.h>
#include <stdbool.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "util.h"

/* What sheet_read.c calls, and from which library. */
#define SHEETLIB_READ(X)                                                       \
	X(zip, zip_open)                                                       \
	X(zip, zip_discard)                                                    \
	X(zip, zip_name_locate)                                                \
	X(zip, zip_stat)                                                       \
	X(zip, zip_fopen)                                                      \
	X(zip, zip_fread)                                                      \
	X(zip, zip_fclose)                                                     \
	X(zip, zip_file_get_error)                                             \
	X(zip, zip_error_init_with_code)                                       \
	X(zip, zip_error_strerror)                                             \
	X(zip, zip_error_fini)                                                 \
	X(expat, XML_ParserCreateNS)                                           \
	X(expat, XML_ParserFree)                                               \
	X(expat, XML_SetUserData)                                              \
	X(expat, XML_SetElementHandler)                                        \
	X(expat, XML_SetCharacterDataHandler)                                  \
	X(expat, XML_Parse)                                                    \
	X(expat, XML_StopParser)                                               \
	X(expat, XML_GetErrorCode)                                             \
	X(expat, XML_GetCurrentLineNumber)                                     \
	X(expat, XML_ErrorString)

/* What forms.c calls. */
#define SHEETLIB_WRITE(X)                                                      \
	X(xlsxwriter, workbook_new)                                            \
	X(xlsxwriter, workbook_close)                                          \
	X(xlsxwriter, workbook_set_properties)                                 \
	X(xlsxwriter, workbook_add_worksheet)                                  \
	X(xlsxwriter, workbook_add_format)                                     \
	X(xlsxwriter, worksheet_activate)                                      \
	X(xlsxwriter, worksheet_hide)                                          \
	X(xlsxwriter, worksheet_protect)                                       \
	X(xlsxwriter, worksheet_set_column)                                    \
	X(xlsxwriter, worksheet_set_row)                                       \
	X(xlsxwriter, worksheet_set_paper)                                     \
	X(xlsxwriter, worksheet_set_landscape)                                 \
	X(xlsxwriter, worksheet_fit_to_pages)                                  \
	X(xlsxwriter, worksheet_repeat_rows)                                   \
	X(xlsxwriter, worksheet_freeze_panes)                                  \
	X(xlsxwriter, worksheet_data_validation_range)                         \
	X(xlsxwriter, worksheet_write_string)                                  \
	X(xlsxwriter, worksheet_write_number)                                  \
	X(xlsxwriter, worksheet_write_datetime)                                \
	X(xlsxwriter, worksheet_write_blank)                                   \
	X(xlsxwriter, format_set_bold)                                         \
	X(xlsxwriter, format_set_font_size)                                    \
	X(xlsxwriter, format_set_align)                                        \
	X(xlsxwriter, format_set_text_wrap)                                    \
	X(xlsxwriter, format_set_num_format)                                   \
	X(xlsxwriter, format_set_bg_color)                                     \
	X(xlsxwriter, format_set_border)                                       \
	X(xlsxwriter, format_set_border_color)                                 \
	X(xlsxwriter, format_set_unlocked)                                     \
	X(xlsxwriter, lxw_strerror)

#define SHEETLIB_MEMBER(lib, name) __typeof__(name) *name;

struct sheet_lib {
	SHEETLIB_READ(SHEETLIB_MEMBER)
	SHEETLIB_WRITE(SHEETLIB_MEMBER)
};

extern struct sheet_lib sheet_lib;

/* Opens libzip and expat once; false, with the reason in *why (the
 * library's name and dlerror()), if either or a function is missing. */
bool sheetlib_read(struct buf *why);
/* Opens libxlsxwriter once; false with the reason in *why. */
bool sheetlib_write(struct buf *why);

#endif
