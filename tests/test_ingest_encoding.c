/* test_ingest_encoding.c - UTF-8 validation (RFC 3629 section 4 ranges)
 * and the Windows-1252 conversion (code points from the Unicode
 * consortium's CP1252.TXT mapping: 0x80 -> U+20AC, 0x96 -> U+2013,
 * 0xE9 -> U+00E9; 0x81 is undefined). */
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "harness.h"
#include "util.h"

/* A 16 MiB buffer is checked in two halves cut near 8 MiB (before an
 * ASCII byte); each case's expected offset is where the byte was put. */
static void check_large(void)
{
	const size_t big = 16u << 20, mid = big / 2;
	char *b = xmalloc(big);
	size_t bad = 99;
	bool nul = true;
	memset(b, 'a', big);
	CHECK(enc_utf8_valid(b, big, &bad, &nul) && !nul);
	/* a euro sign across the middle: the cut moves past it */
	memcpy(b + mid - 1, "\xE2\x82\xAC", 3);
	CHECK(enc_utf8_valid(b, big, &bad, &nul) && !nul);
	/* a NUL in the second half only */
	b[big - 5] = '\0';
	CHECK(enc_utf8_valid(b, big, &bad, &nul) && nul);
	b[big - 5] = 'a';
	/* a lone continuation byte late in the second half */
	b[big - 3] = (char)0x80;
	CHECK(!enc_utf8_valid(b, big, &bad, &nul));
	CHECK_INT(bad, big - 3);
	/* a cut-short sequence just before the middle (E2 82 then 'a') is
	 * the first problem, in the first half */
	memcpy(b + mid - 10, "\xE2\x82", 2);
	CHECK(!enc_utf8_valid(b, big, &bad, &nul));
	CHECK_INT(bad, mid - 10);
	free(b);
}

static bool valid(const char *s, size_t n, size_t *bad, bool *nul)
{
	return enc_utf8_valid(s, n, bad, nul);
}

int main(void)
{
	size_t bad = 99;
	bool nul = true;
	CHECK(valid("plain ascii, long enough to use words", 37, &bad, &nul));
	CHECK(!nul);
	CHECK(valid("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14, &bad, &nul));
	/* overlong '/', a UTF-16 surrogate, past U+10FFFF, a cut sequence */
	CHECK(!valid("ab\xC0\xAF", 4, &bad, &nul) && bad == 2);
	CHECK(!valid("\xED\xA0\x80", 3, &bad, &nul) && bad == 0);
	CHECK(!valid("\xF4\x90\x80\x80", 4, &bad, &nul) && bad == 0);
	CHECK(!valid("abcdefghij\xE2\x82", 12, &bad, &nul) && bad == 10);
	/* Latin-1 as Excel writes it: 0xE9 alone is not UTF-8 */
	CHECK(!valid("Caf\xE9", 4, &bad, &nul) && bad == 3);
	/* a NUL inside the eight-byte fast path and in the tail */
	CHECK(valid("abcdefg\0abcdefgh", 16, &bad, &nul) && nul);
	CHECK(valid("abcdefghij\0", 11, &bad, &nul) && nul);
	CHECK(valid("abcdefghijklmnop", 16, &bad, &nul) && !nul);

	size_t n;
	char *u = enc_cp1252_to_utf8("\x80 \x96 Caf\xE9 \x81", 10, &n);
	CHECK(u != NULL);
	if (u) {
		CHECK_STR(u, "\xE2\x82\xAC \xE2\x80\x93 Caf\xC3\xA9 \xEF\xBF\xBD");
		CHECK_INT(n, 17);
		CHECK(valid(u, n, &bad, &nul));
	}
	free(u);
	check_large();
	return test_done("test_ingest_encoding");
}
