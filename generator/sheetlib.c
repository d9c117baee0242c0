/*
 * sheetlib.c - opens the spreadsheet libraries (sheetlib.h).
 */
#include "sheetlib.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

/* The three libraries, by the index SHEETLIB_READ and SHEETLIB_WRITE
 * name them with. */
enum { LIB_zip, LIB_expat, LIB_xlsxwriter, NLIBS };

static const char *const sonames[NLIBS] = {PR_SONAME_zip, PR_SONAME_expat,
                                           PR_SONAME_xlsxwriter};
static void *handles[NLIBS];

/* A function to look up: its library, its name, and where in sheet_lib
 * its pointer goes. */
struct sym {
	int lib;
	const char *name;
	size_t off;
};

#define SHEETLIB_SYM(lib, name)                                                \
	{LIB_##lib, #name, offsetof(struct sheet_lib, name)},

static const struct sym read_syms[] = {SHEETLIB_READ(SHEETLIB_SYM)};
static const struct sym write_syms[] = {SHEETLIB_WRITE(SHEETLIB_SYM)};

/* Opens the libraries of syms[0 .. n-1] and looks their functions up,
 * once (*done); false with the reason in *why. */
static bool
load(const struct sym *syms, size_t n, bool *done, struct buf *why)
{
	size_t i;
	void *f;

	if (*done)
		return true;
	for (i = 0; i < n; i++) {
		if (!open_lib(&handles[syms[i].lib], sonames[syms[i].lib], why))
			return false;
		f = dlsym(handles[syms[i].lib], syms[i].name);
		if (f == NULL) {
			buf_printf(why, _("%s has no function %s"),
			           sonames[syms[i].lib], syms[i].name);
			return false;
		}
		/* POSIX: a function's address as dlsym(3) gives it */
		memcpy((char *)&sheet_lib + syms[i].off, &f, sizeof(f));
	}
	*done = true;
	return true;
}

bool
sheetlib_read(struct buf *why)
{
	static bool done;

	return load(read_syms, sizeof(read_syms) / sizeof(read_syms[0]), &done,
	            why);
}

bool
sheetlib_write(struct buf *why)
{
	static bool done;

	return load(write_syms, sizeof(write_syms) / sizeof(write_syms[0]),
	            &done, why);
}
