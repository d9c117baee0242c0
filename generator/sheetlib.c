/*
 * sheetlib.c - opens the spreadsheet libraries (sheetlib.h).
 */
#include "sheetlib.h"

#include <dlfcn.h>
#include <stdlib.h>

#include "i18n.h"

/* The Makefile passes the sonames of the libraries it compiled
 * against (objdump -p). */
#if !defined(PR_SONAME_zip) || !defined(PR_SONAME_expat) ||                    \
    !defined(PR_SONAME_xlsxwriter)
#error "PR_SONAME_zip, PR_SONAME_expat and PR_SONAME_xlsxwriter must be set"
#endif

struct sheet_lib sheet_lib;

/* Opens the library `soname` once (*handle); false with the reason. */
static bool
open_lib(void **handle, const char *soname, struct buf *why)
{
	const char *err;

	if (*handle != NULL)
		return true;
	/* a test hook: the library is not there (t-ops-sheetlib.sh) */
	if (getenv("PROGRESS_REPORT_TEST_NO_SHEETLIB") != NULL)
		soname = "libprogress-report-missing.so";
	/* RTLD_NOW: a missing symbol shows here, not in the middle of a
	 * file */
	*handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (*handle != NULL)
		return true;
	err = dlerror();
	buf_printf(why, _("cannot load %s (%s)"), soname,
	           err != NULL ? err : "unknown reason");
	return false;
}

/* Looks up every function of `list` in the libraries' handles; false
 * with the first that is missing. */
#define SHEETLIB_LOOKUP(lib, name)                                             \
	if (ok) {                                                              \
		sheet_lib.name = (__typeof__(name) *)dlsym(h_##lib, #name);    \
		if (sheet_lib.name == NULL) {                                  \
			buf_printf(why, _("%s has no function %s"),            \
			           PR_SONAME_##lib, #name);                    \
			ok = false;                                            \
		}                                                              \
	}

static void *h_zip, *h_expat, *h_xlsxwriter;

bool
sheetlib_read(struct buf *why)
{
	static bool done;
	bool ok = true;

	if (done)
		return true;
	if (!open_lib(&h_zip, PR_SONAME_zip, why) ||
	    !open_lib(&h_expat, PR_SONAME_expat, why))
		return false;
	SHEETLIB_READ(SHEETLIB_LOOKUP)
	done = ok;
	return ok;
}

bool
sheetlib_write(struct buf *why)
{
	static bool done;
	bool ok = true;

	if (done)
		return true;
	if (!open_lib(&h_xlsxwriter, PR_SONAME_xlsxwriter, why))
		return false;
	SHEETLIB_WRITE(SHEETLIB_LOOKUP)
	done = ok;
	return ok;
}
