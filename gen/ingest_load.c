/* ingest_load.c - a file's bytes, as UTF-8, and what they look like:
 * BOM, encoding, line endings, delimiter, NUL bytes.
 *
 * Regular files are mapped, not read, so a 250 MB event export costs no
 * copy; only a Windows-1252 file is converted into a heap buffer. */
#include "ingest_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "encoding.h"

/* The most bytes of text one input may hold, decompressed: 2 GiB (an
 * export past that belongs in `ttfv sql`), less on a machine or under a
 * limit that could not hold it: half the memory, a quarter of ulimit -v
 * or -d, so the run ends with a message rather than in the allocator.
 * TTFV_MAX_INPUT (bytes, or with K, M or G) sets it outright. */
static size_t ingest_max_input(void)
{
	const char *env = getenv("TTFV_MAX_INPUT");
	if (env && *env) {
		char *end;
		unsigned long long v = strtoull(env, &end, 10);
		int shift = *end == 'K' || *end == 'k'	 ? 10
			    : *end == 'M' || *end == 'm' ? 20
			    : *end == 'G' || *end == 'g' ? 30
							 : 0;
		if (end != env && (!*end || (shift && !end[1])) &&
		    v <= (SIZE_MAX >> shift))
			return (size_t)v << shift;
	}
	size_t limit = (size_t)2 << 30;
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	if (pages > 0 && page > 0 &&
	    (size_t)pages / 2 < limit / (size_t)page)
		limit = (size_t)pages / 2 * (size_t)page;
	static const int res[] = {RLIMIT_AS, RLIMIT_DATA};
	for (size_t i = 0; i < 2; i++) {
		struct rlimit rl;
		if (getrlimit(res[i], &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		    rl.rlim_cur / 4 < limit)
			limit = (size_t)(rl.rlim_cur / 4);
	}
	return limit;
}

/* what: "is 20480 MiB," or "holds more than" */
static void too_large(const struct ingest_file *f, size_t limit,
		      const char *what, struct diag *d)
{
	diag_add(d, f->path, 0, NULL,
		 "%s the %zu MiB limit for one input file (set "
		 "TTFV_MAX_INPUT to change it, or reduce the events where "
		 "they are with `ttfv sql`)",
		 what, limit >> 20);
}

/* A pipe's bytes, up to limit; 0, or -3 with the reason in d. */
static int read_all(int fd, struct ingest_file *f, size_t limit,
		    struct diag *d)
{
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	for (;;) {
		if (b && n == cap) {
			char *nb = cap > limit ? NULL : realloc(b, cap * 2);
			if (!nb && cap > limit) {
				free(b);
				too_large(f, limit, "holds more than", d);
				return -3;
			}
			if (!nb)
				free(b);
			b = nb;
			cap *= 2;
		}
		if (!b) {
			diag_add(d, f->path, 0, NULL,
				 "cannot read: out of memory");
			return -3;
		}
		ssize_t got = read(fd, b + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_add(d, f->path, 0, NULL, "cannot read: %s",
				 strerror(errno));
			free(b);
			return -3;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > limit) {
		free(b);
		too_large(f, limit, "holds more than", d);
		return -3;
	}
	f->owned = b;
	f->data = b;
	f->len = n;
	return 0;
}

static int open_bytes(struct ingest_file *f, struct diag *d)
{
	int fd = open(f->path, O_RDONLY);
	if (fd < 0) {
		diag_add(d, f->path, 0, NULL, "cannot open: %s",
			 strerror(errno));
		return -3;
	}
	struct stat st;
	int rc = 0;
	bool known = fstat(fd, &st) == 0;
	/* /dev/zero or /dev/urandom would be read until memory runs out;
	 * a pipe or a terminal ends */
	if (known && S_ISCHR(st.st_mode) && !isatty(fd)) {
		diag_add(d, f->path, 0, NULL,
			 "cannot read: a device, not a file or a pipe");
		close(fd);
		return -3;
	}
	size_t limit = ingest_max_input();
	if (known && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > limit) {
		char what[64];
		snprintf(what, sizeof(what), "is %ju MiB, over",
			 (uintmax_t)st.st_size >> 20);
		too_large(f, limit, what, d);
		close(fd);
		return -3;
	}
	if (known && S_ISREG(st.st_mode) && st.st_size > 0) {
		/* not populated: each pass over it has a window of it
		 * mapped in at a time (ingest_pages.c) */
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ,
			       MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			f->map = p;
			f->maplen = (size_t)st.st_size;
			f->data = p;
			f->len = f->maplen;
			madvise(p, f->maplen, MADV_SEQUENTIAL);
		}
	}
	if (!f->data)
		rc = read_all(fd, f, limit, d);
	close(fd);
	return rc;
}

void ingest_unload(struct ingest_file *f)
{
	if (f->map)
		munmap(f->map, f->maplen);
	free(f->owned);
	f->map = NULL;
	f->owned = NULL;
	f->data = NULL;
	f->len = 0;
}

/* 1-based line holding byte off. */
static long line_at(const char *b, size_t off, bool cr_only)
{
	long line = 1;
	const char *p = b, *end = b + off;
	while ((p = memchr(p, cr_only ? '\r' : '\n', (size_t)(end - p)))) {
		line++;
		p++;
	}
	return line;
}

/* A mapped file is checked this much at a time: enough for
 * enc_utf8_valid to split each window between two threads. */
#define CHECK_WINDOW ((size_t)16 << 20)

/* enc_utf8_valid over f, and for a mapping whether it holds an LF
 * (f->cr_only), from one pass that wants each window, checks it and drops
 * it.  A window ends before an ASCII byte, which no sequence holds: the
 * answer, *bad and *has_nul are the one-pass answer (as for
 * enc_utf8_valid's own halves). */
static bool utf8_valid(struct ingest_file *f, size_t *bad, bool *has_nul)
{
	if (!f->map)
		return enc_utf8_valid(f->data, f->len, bad, has_nul);
	bool lf = false;
	*has_nul = false;
	for (size_t off = 0, dropped = 0; off < f->len;) {
		size_t end = f->len - off <= CHECK_WINDOW ? f->len
							  : off + CHECK_WINDOW;
		while (end < f->len && (unsigned char)f->data[end] >= 0x80)
			end++;
		ingest_pages_want(f->data + off, end - off);
		bool nul;
		bool ok = enc_utf8_valid(f->data + off, end - off, bad, &nul);
		*has_nul |= nul;
		lf = lf || memchr(f->data + off, '\n', end - off);
		dropped += ingest_pages_drop(f->data + dropped, end - dropped);
		if (!ok) {
			*bad += off;
			return false;
		}
		off = end;
	}
	f->cr_only = !lf;
	return true;
}

static bool wants(const char *enc, const char *a, const char *b)
{
	return enc && (str_ieq_n(enc, strlen(enc), a) ||
		       str_ieq_n(enc, strlen(enc), b));
}

static int decode(struct ingest_file *f, const struct config *c,
		  struct diag *d)
{
	bool force_utf8 = wants(c->encoding, "utf-8", "utf8");
	bool force_1252 = wants(c->encoding, "windows-1252", "cp1252") ||
			  wants(c->encoding, "latin1", "iso-8859-1");
	size_t bad = 0;
	bool valid = !force_1252 && utf8_valid(f, &bad, &f->has_nul);
	if (valid)
		return 0;
	bool cr_only = !memchr(f->data, '\n', f->len);
	if (force_utf8)
		return diag_add(d, f->path, line_at(f->data, bad, cr_only),
				NULL,
				"invalid UTF-8 (byte 0x%02X); [report] encoding "
				"says utf-8, but this looks like Windows-1252",
				(unsigned char)f->data[bad]);
	size_t n;
	char *u = enc_cp1252_to_utf8(f->data, f->len, &n);
	if (!u)
		return diag_add(d, f->path, 0, NULL,
				"not valid UTF-8 and iconv cannot convert "
				"Windows-1252 here");
	ingest_unload(f);
	f->owned = u;
	f->data = u;
	f->len = n;
	f->has_nul = memchr(u, 0, n) != NULL;
	f->encoding = force_1252 ? "Windows-1252 ([report] encoding), "
				   "converted to UTF-8"
				 : "Windows-1252 (not valid UTF-8), converted "
				   "to UTF-8";
	return 0;
}

/* The delimiter that splits the header line most: , ; or tab.  A title
 * line above the header (a report name, often with no delimiter at all)
 * says nothing: the first of the first few lines with any delimiter
 * decides. */
static unsigned char find_delim(const char *b, size_t n)
{
	static const char cand[3] = {',', ';', '\t'};
	size_t count[3] = {0, 0, 0};
	bool quoted = false;
	int lines = 0;
	for (size_t i = 0; i < n && lines < 8; i++) {
		char c = b[i];
		if (c == '"') {
			quoted = !quoted;
		} else if (!quoted && (c == '\n' || c == '\r')) {
			if (count[0] || count[1] || count[2])
				break;
			lines += c == '\n' || i + 1 >= n || b[i + 1] != '\n';
		} else if (!quoted) {
			for (int k = 0; k < 3; k++)
				count[k] += c == cand[k];
		}
	}
	int best = 0;
	for (int k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return (unsigned char)cand[best];
}

/* A gzip file (exports are often downloaded compressed) is inflated
 * into memory, member after member as gunzip does, up to the input
 * limit (a small file may inflate to gigabytes); 0, -1 for a broken
 * file or -3 past the limit, with the reason in d. */
static int inflate_gzip(struct ingest_file *f, struct diag *d)
{
	size_t limit = ingest_max_input();
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return diag_add(d, f->path, 0, NULL,
				"cannot decompress: %s", "out of memory");
	size_t cap = f->len < ((size_t)1 << 20) ? (size_t)1 << 20 : f->len * 4;
	if (cap > limit + 1)
		cap = limit + 1;
	size_t n = 0;
	char *out = malloc(cap);
	const unsigned char *in = (const unsigned char *)f->data;
	size_t left = f->len;
	int zr = Z_OK;
	while (out && n <= limit && (left || zr == Z_OK)) {
		if (n == cap) {
			size_t more = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
			char *grown = realloc(out, more);
			if (!grown)
				free(out);
			out = grown;
			cap = more;
			if (!out)
				break;
		}
		/* zlib counts in uInt: feed and drain in slices */
		uInt give = left > UINT_MAX ? UINT_MAX : (uInt)left;
		uInt room = cap - n > UINT_MAX ? UINT_MAX : (uInt)(cap - n);
		z.next_in = (Bytef *)in;
		z.avail_in = give;
		z.next_out = (Bytef *)out + n;
		z.avail_out = room;
		zr = inflate(&z, Z_NO_FLUSH);
		in += give - z.avail_in;
		left -= give - z.avail_in;
		n += room - z.avail_out;
		if (zr == Z_STREAM_END) {
			if (!left)
				break;
			zr = inflateReset(&z);	/* the next member */
		} else if (zr == Z_BUF_ERROR && !left && z.avail_out) {
			break;	/* truncated: reported below */
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			break;
		}
	}
	const char *why = zr == Z_STREAM_END ? NULL
			  : z.msg		 ? z.msg
						 : "the file ends early";
	inflateEnd(&z);
	if (!out || n > limit) {
		free(out);
		if (out)
			too_large(f, limit, "decompresses to more than", d);
		else
			diag_add(d, f->path, 0, NULL,
				 "cannot decompress: out of memory");
		return -3;
	}
	if (why) {
		free(out);
		return diag_add(d, f->path, 0, NULL,
				"cannot decompress: %s (not a whole gzip file)",
				why);
	}
	ingest_unload(f);
	f->owned = out;
	f->data = out;
	f->len = n;
	f->gzip = true;
	return 0;
}

/* Line endings, from the first megabyte (enough to describe a file). */
static unsigned find_eol(const char *b, size_t n)
{
	if (n > (1u << 20))
		n = 1u << 20;
	unsigned eol = 0;
	for (size_t i = 0; i < n; i++) {
		if (b[i] == '\n')
			eol |= i && b[i - 1] == '\r' ? EOL_CRLF : EOL_LF;
		else if (b[i] == '\r' && (i + 1 >= n || b[i + 1] != '\n'))
			eol |= EOL_CR;
	}
	return eol;
}

int ingest_load(struct ingest_file *f, const struct config *c,
		struct diag *d)
{
	int rc = open_bytes(f, d);
	if (rc)
		return rc;
	if (f->len >= 2 && (unsigned char)f->data[0] == 0x1F &&
	    (unsigned char)f->data[1] == 0x8B && (rc = inflate_gzip(f, d)))
		return rc;
	f->encoding = "UTF-8";
	if (f->len >= 2 && (((unsigned char)f->data[0] == 0xFF &&
			     (unsigned char)f->data[1] == 0xFE) ||
			    ((unsigned char)f->data[0] == 0xFE &&
			     (unsigned char)f->data[1] == 0xFF))) {
		return diag_add(d, f->path, 1, NULL,
				"UTF-16 text (Excel's \"Unicode Text\"); save "
				"it as \"CSV UTF-8\" instead");
	}
	if (f->len >= 3 && !memcmp(f->data, "\xEF\xBB\xBF", 3)) {
		f->data += 3;
		f->len -= 3;
		f->encoding = "UTF-8 with BOM";
	}
	if (decode(f, c, d) < 0)
		return -1;
	f->eol = find_eol(f->data, f->len);
	if (f->map)	/* what the checks touched: readers want their own */
		ingest_pages_drop(f->data, f->len);
	else
		f->cr_only = !memchr(f->data, '\n', f->len);
	/* Excel's own hint line, "sep=;", names the delimiter */
	if (f->len >= 5 && str_ieq_n(f->data, 4, "sep=") &&
	    (f->len == 5 || f->data[5] == '\n' || f->data[5] == '\r')) {
		f->delim = (unsigned char)f->data[4];
		f->sep_line = true;
		return 0;
	}
	f->delim = find_delim(f->data, f->len);
	return 0;
}
