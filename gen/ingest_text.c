/* ingest_text.c - a field's text: trimmed for reading, made safe for
 * messages.  Every other ingest file uses these, and they use nothing. */
#include "ingest_impl.h"

#include <string.h>

void ingest_value_trim_blanks(const char **s, size_t *n)
{
	const char *p = *s;
	size_t k = *n;
	while (k && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		k--;
	}
	while (k && (p[k - 1] == ' ' || p[k - 1] == '\t' ||
		     p[k - 1] == '\r' || p[k - 1] == '\n'))
		k--;
	*s = p;
	*n = k;
}

const char *ingest_show(char *out, const char *s, size_t n)
{
	size_t k = 0;
	ingest_value_trim(&s, &n);
	bool cut = n > 60;
	if (cut) {
		n = 60;
		/* back off to the start of a UTF-8 sequence */
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[k++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	if (cut) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return out;
}
