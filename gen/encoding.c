/* encoding.c - UTF-8 validation and the Windows-1252 conversion. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

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

static bool utf8_scan(const char *b, size_t n, size_t *bad, bool *has_nul)
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

/* Below this a second thread costs more than it saves. */
#define ENC_SPLIT_MIN_BYTES (8u << 20)

struct half {
	const char *b;
	size_t n, bad;
	bool ok, has_nul;
};

static void *scan_half(void *arg)
{
	struct half *h = arg;
	h->ok = utf8_scan(h->b, h->n, &h->bad, &h->has_nul);
	return NULL;
}

/* A large file is checked in two halves at once, cut before an ASCII byte.
 * No sequence holds an ASCII byte, so a whole-file scan passes the cut on
 * a sequence boundary, and a sequence cut short fails at the same offset
 * either way: the answer (and *bad, and *has_nul up to it) is the
 * one-pass answer. */
bool enc_utf8_valid(const char *b, size_t n, size_t *bad, bool *has_nul)
{
	size_t cut = n / 2;
	while (cut < n && (unsigned char)b[cut] >= 0x80)
		cut++;
	struct half second = {.b = b + cut, .n = n - cut};
	pthread_t t;
	if (n < ENC_SPLIT_MIN_BYTES || cut == n ||
	    sysconf(_SC_NPROCESSORS_ONLN) < 2 ||
	    pthread_create(&t, NULL, scan_half, &second))
		return utf8_scan(b, n, bad, has_nul);
	bool ok = utf8_scan(b, cut, bad, has_nul);
	pthread_join(t, NULL);
	if (!ok)
		return false;
	*has_nul |= second.has_nul;
	if (!second.ok)
		*bad = cut + second.bad;
	return second.ok;
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
