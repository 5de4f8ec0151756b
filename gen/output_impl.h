/* output_impl.h - what output.c and output_publish.c share. */
#ifndef TTFV_OUTPUT_IMPL_H
#define TTFV_OUTPUT_IMPL_H

#include <stddef.h>

/* write(2) until all of p[0..n) is out; 0, or -1 with errno set. */
int output_write_all(int fd, const void *p, size_t n);

#endif
