/* encoding.c - UTF-8 validation and the Windows-1252 conversion. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 when
 * invalid.  Ranges from RFC 3629 section 4. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return len;
}

bool enc_utf8_valid(const char *b, size_t n, size_t *bad, bool *has_nul)
{
	const unsigned char *p = (const unsigned char *)b;
	size_t i = 0;
	uint64_t zero = 0;
	while (i < n) {
		/* exports are mostly ASCII: eight bytes at a time, noting zero
		 * bytes on the way (the classic has-zero-byte trick) */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			zero |= (w - 0x0101010101010101ull) & ~w &
				0x8080808080808080ull;
			i += 8;
		}
		if (i >= n)
			break;
		zero |= p[i] == 0;
		size_t len = utf8_seq(p + i, n - i);
		if (!len) {
			*bad = i;
			*has_nul = zero != 0;
			return false;
		}
		i += len;
	}
	*has_nul = zero != 0;
	return true;
}

char *enc_cp1252_to_utf8(const char *b, size_t n, size_t *outn)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	if (cd == (iconv_t)-1)
		return NULL;
	/* no Windows-1252 byte needs more than three UTF-8 bytes */
	size_t cap = n * 3 + 1;
	char *out = xmalloc(cap);
	char *in = (char *)b, *o = out;
	size_t inleft = n, outleft = cap - 1;
	while (inleft) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno != EILSEQ && errno != EINVAL)
			break;
		/* an undefined byte: U+FFFD, and go on */
		memcpy(o, "\xEF\xBF\xBD", 3);
		o += 3;
		outleft -= 3;
		in++;
		inleft--;
	}
	iconv_close(cd);
	*o = '\0';
	*outn = (size_t)(o - out);
	return out;
}
