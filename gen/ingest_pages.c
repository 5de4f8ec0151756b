/* ingest_pages.c - a mapped input in memory only where it is being read.
 *
 * Mapping a 250 MB export whole and populated would keep all of it
 * resident until it is unmapped, most of the run's peak memory.  Each
 * pass over a mapping (the UTF-8 check, a reader) instead has the kernel
 * map the pages just ahead of it, in one call per window rather than a
 * fault per page, and drops those it has passed.  The mapping is private
 * and never written, so a dropped page is only a page-cache page no
 * longer mapped: touching it again (a message quoting an earlier line, a
 * reader going on past a cut) maps it again from the file, with the same
 * bytes. */
#include "ingest_impl.h"

#include <sys/mman.h>
#include <unistd.h>

/* Linux 5.14; older kernels refuse it (EINVAL) and get the pages touched */
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

static uintptr_t page_size(void)
{
	long s = sysconf(_SC_PAGESIZE);
	return s > 0 ? (uintptr_t)s : 4096;
}

void ingest_pages_want(const char *p, size_t n)
{
	if (!n)
		return;
	uintptr_t ps = page_size();
	uintptr_t a = (uintptr_t)p & ~(ps - 1);
	uintptr_t b = (uintptr_t)p + n;
	if (madvise((void *)a, b - a, MADV_POPULATE_READ) == 0)
		return;
	/* one read per page faults it in (and its neighbours with it) */
	for (volatile const char *q = (const char *)a; (uintptr_t)q < b;
	     q += ps)
		(void)*q;
}

size_t ingest_pages_drop(const char *p, size_t n)
{
	uintptr_t ps = page_size();
	uintptr_t a = ((uintptr_t)p + ps - 1) & ~(ps - 1);
	uintptr_t b = ((uintptr_t)p + n) & ~(ps - 1);
	if (a >= b)
		return 0;
	madvise((void *)a, b - a, MADV_DONTNEED);
	return (size_t)(b - (uintptr_t)p);
}
