/*
 * hpdf_oom.c - an LD_PRELOAD library for tests/t-ops-pdf-oom.sh that
 * makes one of libharu's allocations fail, as a full memory would:
 *
 *   HPDF_OOM_AT=N      the Nth call (from 1) libharu makes to the
 *                      allocator the program gave HPDF_NewEx() finds
 *                      malloc() failing, once, on that thread
 *   HPDF_OOM_COUNT=F   at exit, the number of such calls is written to
 *                      file F (to choose N)
 *
 * It wraps the allocator HPDF_NewEx() is given, not libharu itself: the
 * program's allocator must meet the failure (and say "out of memory"),
 * and libharu must never see a NULL it would report as its own error.
 * A program that gave libharu no allocator of its own, or one that does
 * not use malloc(), is never failed, and the test notices that.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <hpdf.h>

typedef HPDF_Doc (*newex_fn)(HPDF_Error_Handler, HPDF_Alloc_Func,
                             HPDF_Free_Func, HPDF_UINT, void *);

extern void *__libc_malloc(size_t);

static HPDF_Alloc_Func program_alloc;
static atomic_ulong calls;
static unsigned long fail_at;
/* Only the thread inside the failing call: the HTML is written on a
 * thread of its own at the same time. */
static _Thread_local int fail_next;

void *
malloc(size_t n)
{
	if (fail_next) {
		fail_next = 0;
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

static void *
counting_alloc(HPDF_UINT size)
{
	void *p;

	if (atomic_fetch_add(&calls, 1) + 1 == fail_at)
		fail_next = 1;
	p = program_alloc(size);
	fail_next = 0;
	return p;
}

static void
write_count(void)
{
	const char *path = getenv("HPDF_OOM_COUNT");
	FILE *f;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%lu\n", (unsigned long)atomic_load(&calls));
	fclose(f);
}

HPDF_Doc
HPDF_NewEx(HPDF_Error_Handler on_error, HPDF_Alloc_Func alloc_fn,
           HPDF_Free_Func free_fn, HPDF_UINT pool_size, void *data)
{
	static newex_fn real;
	const char *at = getenv("HPDF_OOM_AT");

	if (real == NULL)
		real = (newex_fn)(void (*)(void))dlsym(RTLD_NEXT, "HPDF_NewEx");
	if (alloc_fn == NULL)
		return real(on_error, alloc_fn, free_fn, pool_size, data);
	program_alloc = alloc_fn;
	fail_at = at != NULL ? strtoul(at, NULL, 10) : 0;
	atexit(write_count);
	return real(on_error, counting_alloc, free_fn, pool_size, data);
}
