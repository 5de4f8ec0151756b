/* clock.h - the report clock (struct report_clock, timeutil.h), settled
 * once by main: the zone and a given as-of before ingest reads a date,
 * the as-of from the data after it. */
#ifndef TTFV_CLOCK_H
#define TTFV_CLOCK_H

#include "config.h"
#include "util.h"

/* Sets the process's zone to c->timezone (the one place that does, at
 * start-up, before any other thread runs) and c->clock's as-of from
 * c->as_of_day (--as-of or [report] as_of, by c->as_of_line): the end of
 * that day in the zone.  0; -1 with the problem in d (unknown zone). */
int clock_start(struct config *c, struct diag *d);
/* When no as-of was given: the end of the day of latest, the latest
 * timestamp in the data.  0; -1 with the problem in d when there is none
 * to take it from. */
int clock_settle(struct config *c, int64_t latest, struct diag *d);

#endif
