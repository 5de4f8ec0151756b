/* test_files.h - reading back what a test wrote. */
#ifndef TTFV_TEST_FILES_H
#define TTFV_TEST_FILES_H

#include <dirent.h>
#include <stdio.h>

#include "util.h"

/* The whole file, NUL-terminated, for the caller to free; its length in
 * *len when len is not NULL (files may hold NUL bytes).  NULL when it
 * cannot be opened. */
static inline char *slurp_len(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	buf_puts(&b, "");
	if (len)
		*len = b.len;
	return buf_detach(&b);
}

static inline char *slurp(const char *path)
{
	return slurp_len(path, NULL);
}

/* Files in dir, to see that no temporary is left behind. */
static inline int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

#endif
