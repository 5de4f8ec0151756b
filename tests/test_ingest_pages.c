/* test_ingest_pages.c - a mapped input resident only where it is read
 * (ingest_pages.c), and the load checks that walk a mapping a window at a
 * time (ingest_load.c): the same answers as one pass over the file, with
 * the pages dropped after. */
#include "harness.h"
#include "ingest_helpers.h"
#include "../gen/ingest_impl.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* kB of file pages this process has mapped (RssFile), -1 unknown */
static long rss_file_kb(void)
{
	FILE *fp = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (fp && fgets(line, sizeof(line), fp))
		if (!strncmp(line, "RssFile:", 8))
			kb = strtol(line + 8, NULL, 10);
	if (fp)
		fclose(fp);
	return kb;
}

static char *path_of(const char *name)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	return path;
}

/* want maps 8 MiB in, drop takes out whole pages only and says where the
 * next drop starts; the bytes read back the same after a drop. */
static void test_window(void)
{
	const size_t n = 8u << 20;
	size_t ps = (size_t)sysconf(_SC_PAGESIZE);
	char *b = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		b[i] = (char)('a' + i % 23);
	put_bytes("pages.bin", b, n);
	FILE *fp = fopen(path_of("pages.bin"), "rb");
	char *p = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
	fclose(fp);
	CHECK(p != MAP_FAILED);
	long before = rss_file_kb();
	ingest_pages_want(p, n);
	long wanted = rss_file_kb();
	/* within a page of p+1 .. p+3ps+1: pages 1 and 2 only, the next
	 * drop starting at page 3 */
	CHECK_INT(ingest_pages_drop(p + 1, 3 * ps), 3 * ps - 1);
	CHECK_INT(ingest_pages_drop(p + 1, ps), 0);
	CHECK_INT(ingest_pages_drop(p, n), n);
	long dropped = rss_file_kb();
	if (before < 0) {
		SKIP("no /proc/self/status RssFile");
	} else {
		/* 8192 kB in, and out again (a little slack for the
		 * harness's own pages) */
		CHECK(wanted - before >= 8000);
		CHECK(wanted - dropped >= 8000);
	}
	CHECK(!memcmp(p, b, n));
	munmap(p, n);
	free(b);
}

/* A file of three 16 MiB check windows and more, built of lines "x...\n"
 * (or CR), with bytes put where a window ends. */
static char *big_text(size_t n, char eol)
{
	char *b = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		b[i] = i % 64 == 63 ? eol : 'x';
	return b;
}

static int load(const char *name, const char *encoding,
		struct ingest_file *f, struct diag *d)
{
	struct config c;
	config_init(&c);
	c.encoding = (char *)encoding;	/* not freed: reset below */
	memset(f, 0, sizeof(*f));
	f->path = path_of(name);
	diag_init(d);
	int rc = ingest_load(f, &c, d);
	c.encoding = NULL;
	config_release(&c);
	return rc;
}

static void test_checks(void)
{
	const size_t win = 16u << 20, n = 3 * win + 1000;
	struct ingest_file f;
	struct diag d;
	char *b = big_text(n, '\n');
	/* a euro sign across the first window's end, a NUL in the third */
	memcpy(b + win - 1, "\xE2\x82\xAC", 3);
	b[2 * win + 5] = '\0';
	put_bytes("big.csv", b, n);
	long before = rss_file_kb();
	CHECK_INT(load("big.csv", "utf-8", &f, &d), 0);
	CHECK(f.map != NULL);
	CHECK(f.has_nul);
	CHECK(!f.cr_only);
	CHECK(!strcmp(f.encoding, "UTF-8"));
	/* the checks left at most a few pages of it mapped */
	if (before >= 0)
		CHECK(rss_file_kb() - before < 4096);
	ingest_unload(&f);
	diag_release(&d);

	/* a cut-short sequence in the second window: its line, counted
	 * over the windows before.  An LF ends every 64 bytes, so the LFs
	 * before offset win + 640 are (win + 640) / 64, less the one the
	 * euro sign replaced at win - 1; the line is one more */
	memcpy(b + win + 640, "\xE2\x82", 2);
	put_bytes("big.csv", b, n);
	CHECK_INT(load("big.csv", "utf-8", &f, &d), -1);
	char want[128];
	snprintf(want, sizeof(want), "big.csv:%zu:", (win + 640) / 64 - 1 + 1);
	CHECK(strstr(buf_cstr(&d.text), want) != NULL);
	CHECK(strstr(buf_cstr(&d.text), "invalid UTF-8 (byte 0xE2)") != NULL);
	ingest_unload(&f);
	diag_release(&d);
	free(b);

	/* CR line ends, and one LF in the last window only */
	b = big_text(n, '\r');
	put_bytes("cr.csv", b, n);
	CHECK_INT(load("cr.csv", NULL, &f, &d), 0);
	CHECK(f.cr_only);
	ingest_unload(&f);
	diag_release(&d);
	b[n - 10] = '\n';
	put_bytes("cr.csv", b, n);
	CHECK_INT(load("cr.csv", NULL, &f, &d), 0);
	CHECK(!f.cr_only);
	ingest_unload(&f);
	diag_release(&d);
	free(b);
}

/* A reader looks back at bytes it has passed, dropped by then: a quote
 * that never closes is found at the end of the file, megabytes after the
 * line that opened it, and the message quotes that line's value.  Its
 * text and line are the same as from memory never dropped. */
static void test_look_back(void)
{
	struct buf csv = BUF_INIT;
	buf_puts(&csv, "account_id,name,signed_at\n");
	for (int i = 1; i <= 200000; i++) {
		if (i == 10)
			buf_puts(&csv, "A10,\"Be\"ta Corp,2026-01-05\n");
		else
			buf_addf(&csv, "A%d,Name %d,2026-01-05\n", i, i);
	}
	CHECK(csv.len > (size_t)4 << 20);	/* a few reader windows */
	put_bytes("accounts.csv", csv.ptr, csv.len);
	buf_release(&csv);
	struct run r;
	run_begin(&r);
	const char *names[] = {"accounts.csv"};
	CHECK_INT(run_files(&r, names, 1), -1);
	/* the header is line 1, account A10 line 11 */
	CHECK_CONTAINS(diag_text(&r.d), "accounts.csv:11:");
	CHECK_CONTAINS(diag_text(&r.d), "name: text after a closing quote in "
					"'\"Be\"ta Corp'");
	run_end(&r);
}

int main(void)
{
	test_dir_make();
	test_window();
	test_checks();
	test_look_back();
	test_dir_remove();
	return test_done("test_ingest_pages");
}
