/* encoding.h - what bytes an export came in, and UTF-8 for the rest of
 * ttfv.  Excel's plain "CSV" on Windows writes Windows-1252; everything
 * else writes UTF-8 (with or without a BOM). */
#ifndef TTFV_ENCODING_H
#define TTFV_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

/* True when b[0..n) is valid UTF-8 (no overlongs, no surrogates);
 * otherwise *bad is the offset of the first invalid byte.  *has_nul tells
 * whether a NUL byte came before that point (one pass over the file does
 * both). */
bool enc_utf8_valid(const char *b, size_t n, size_t *bad, bool *has_nul);

/* b[0..n) read as Windows-1252, converted to UTF-8 with iconv into a new
 * heap buffer of *outn bytes (NUL-terminated; the caller frees it).  The
 * five bytes Windows-1252 leaves undefined become U+FFFD.  NULL when iconv
 * lacks the conversion. */
char *enc_cp1252_to_utf8(const char *b, size_t n, size_t *outn);

#endif
