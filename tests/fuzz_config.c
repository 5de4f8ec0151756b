/* fuzz_config.c - libFuzzer target for the config reader: any bytes give
 * 0 or -1 and a list of problems, never a crash, a leak or a hang.
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
 *     -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE tests/fuzz_config.c \
 *     gen/config.c gen/config_keys.c gen/util.c gen/timeutil.c -linih -lm
 */
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	config_parse(&c, "fuzz.ini", (const char *)data, size, &d);
	config_release(&c);
	diag_release(&d);
	tu_set_timezone("UTC");
	return 0;
}
