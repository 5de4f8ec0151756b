/* clock.c - the report clock: where the zone is set and the as-of
 * instant derived, for every stage (SPEC section 3). */
#include "clock.h"

int clock_start(struct config *c, struct diag *d)
{
	struct report_clock *k = &c->clock;
	k->timezone = c->timezone;
	if (tu_set_timezone(c->timezone) < 0)
		return diag_add(d, c->path, 0, "timezone",
				"unknown timezone '%s'", c->timezone);
	if (c->as_of_day != TTFV_NO_TIME) {
		k->as_of = tu_day_start(c->as_of_day + 1);
		k->source = c->as_of_line ? CLOCK_CONFIG : CLOCK_OPTION;
	}
	return 0;
}

int clock_settle(struct config *c, int64_t latest, struct diag *d)
{
	struct report_clock *k = &c->clock;
	if (k->as_of != TTFV_NO_TIME)
		return 0;
	if (latest == TTFV_NO_TIME)
		return diag_add(d, NULL, 0, NULL,
				"no timestamp in the data to take the as-of "
				"date from; give one with --as-of");
	/* the whole of the latest day: its end */
	k->as_of = tu_day_start(tu_day_of(latest) + 1);
	k->source = CLOCK_DATA;
	return 0;
}
