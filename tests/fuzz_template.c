/* fuzz_template.c - libFuzzer target for the template engine: any bytes
 * give 0 or -1, a diagnostic for every -1, and output within
 * TEMPLATE_MAX_OUTPUT, never a crash, a leak or a hang.  The resolver knows
 * a few names of each kind, so both good and unknown placeholders occur. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_resolve(void *ctx, enum template_kind kind, const char *name,
			struct buf *out, bool *truth)
{
	(void)ctx;
	if (strlen(name) > 64)
		abort();	/* the engine caps names at 64 characters */
	if (kind == TPL_IF) {
		if (strcmp(name, "yes") && strcmp(name, "no"))
			return -1;
		if (out)
			*truth = name[0] == 'y';
		return 0;
	}
	static const char *const names[] = {"v", "t", "c"};
	if (strcmp(name, names[kind]) && strcmp(name, "x"))
		return -1;
	if (out)
		buf_puts(out, kind == TPL_TABLE ? "|a|b|\n|-|-|\n|1|2|\n" :
			      kind == TPL_CHART ? "![c](charts/c.png)" : "42");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	if (!text)
		abort();
	if (size)
		memcpy(text, data, size);
	struct buf out = BUF_INIT;
	struct diag d;
	diag_init(&d);
	int rc = template_expand("fuzz.md", text, size, fuzz_resolve, NULL,
				 &out, &d);
	if (rc != 0 && rc != -1)
		abort();
	if (rc == -1 && d.count == 0)
		abort();	/* every failure says why */
	if (out.len > TEMPLATE_MAX_OUTPUT + (1u << 20))
		abort();
	buf_release(&out);
	diag_release(&d);
	free(text);
	return 0;
}
