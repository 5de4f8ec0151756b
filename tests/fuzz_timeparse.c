/* fuzz_timeparse.c - libFuzzer target for the timestamp parser: any bytes
 * give TP_OK, TP_BAD or TP_AMBIGUOUS, never a crash or a read past the
 * value (the value is copied to an exact-size heap block so ASan sees an
 * overrun).  The first byte picks the slash order, one of a few configured
 * date_formats and the report timezone; the rest is the value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeparse.h"
#include "timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {
		NULL, "%d-%m-%Y %H:%M", "%m/%d/%y", "%Y%m%d"
	};
	static const char *const zones[] = {"UTC", "America/New_York"};
	static const enum tp_order orders[] = {
		TP_ORDER_UNKNOWN, TP_ORDER_MDY, TP_ORDER_DMY, TP_ORDER_UNKNOWN
	};
	unsigned flags = size ? data[0] : 0;
	const char *fmt = formats[(flags >> 2) & 3];
	tu_set_timezone(zones[(flags >> 4) & 1]);
	tp_zone_changed();
	size_t n = size ? size - 1 : 0;
	char *s = malloc(n ? n : 1);
	if (!s)
		abort();
	if (n)
		memcpy(s, data + 1, n);
	int64_t t = 0;
	enum tp_form form = TP_ISO;
	int rc = tp_parse(s, n, fmt, orders[flags & 3], &t, &form);
	if (rc != TP_OK && rc != TP_BAD && rc != TP_AMBIGUOUS)
		abort();
	if (rc == TP_OK && (form < 0 || form >= TP_FORM_COUNT))
		abort();
	enum tp_order o = tp_slash_order(s, n);
	if (o != TP_ORDER_UNKNOWN && o != TP_ORDER_MDY && o != TP_ORDER_DMY)
		abort();
	free(s);
	return 0;
}
