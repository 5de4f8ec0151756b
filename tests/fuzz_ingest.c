/* fuzz_ingest.c - libFuzzer target for ingest: any bytes, read as one CSV
 * file (role from its header) beside a fixed accounts file, give 0 or -1
 * and a list of problems, never a crash, a leak or a hang.  The first byte
 * picks --lenient and the [report] encoding.
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
 *     -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE tests/fuzz_ingest.c \
 *     gen/ingest*.c gen/encoding.c gen/timeparse.c gen/model.c \
 *     gen/config.c gen/config_keys.c gen/util.c gen/timeutil.c \
 *     -lcsv -linih -lm
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "ingest.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void put(const char *name, const void *p, size_t n)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp)
		abort();
	fwrite(p, 1, n, fp);
	fclose(fp);
}

/* The two files and their directory go when the process ends, so that
 * every replay in make check does not leave one behind. */
static void remove_dir(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/a.csv", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.csv", dir);
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz-ingest-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
		static const char acc[] = "account_id,signed_at,tier\n"
					  "A1,2026-01-05,high-touch\n"
					  "A2,1/13/2026,tech-touch\n";
		put("a.csv", acc, sizeof(acc) - 1);
	}
	unsigned flags = size ? data[0] : 0;
	put("b.csv", size ? data + 1 : data, size ? size - 1 : 0);
	struct config c;
	struct model m;
	struct ingest in;
	struct diag d;
	config_init(&c);
	model_init(&m);
	diag_init(&d);
	memset(&in, 0, sizeof(in));
	in.lenient = flags & 1;
	if (flags & 2)
		c.encoding = strdup(flags & 4 ? "utf-8" : "windows-1252");
	char pa[128], pb[128];
	snprintf(pa, sizeof(pa), "%s/a.csv", dir);
	snprintf(pb, sizeof(pb), "%s/b.csv", dir);
	struct ingest_input inputs[2] = {{pa, ROLE_UNKNOWN}, {pb, ROLE_UNKNOWN}};
	int rc = ingest_run(&in, &m, &c, inputs, 2, &d);
	if (rc != 0 && rc != -1)
		abort();
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		clock_settle(&c, m.latest, &d);
		ingest_describe(&in, &c.clock, sink);
		fclose(sink);
	}
	ingest_release(&in);
	model_release(&m);
	diag_release(&d);
	config_release(&c);
	return 0;
}
