/* config_check.h - the configuration held against the data it is applied
 * to, once ingest is done: names that occur nowhere in the data.
 *
 * Errors are what would make a figure silently wrong (a step whose event
 * never occurs makes the whole funnel drop off after the step before; no
 * first value at all); warnings are what leaves the report right but
 * probably not what was meant (a [tier] no account has, a login as first
 * value, an as-of date outside the data).  Both `ttfv check` and
 * stats_compute run it, so check refuses what report would refuse.
 */
#ifndef TTFV_CONFIG_CHECK_H
#define TTFV_CONFIG_CHECK_H

#include "config.h"
#include "model.h"

/* Adds each error to errors and each warning to warnings, one line each
 * as "FILE:LINE: KEY: text" (FILE the config, or the command-line option
 * that set the value).  Returns 0, or -1 when an error was added. */
int config_check(const struct config *c, const struct model *m,
		 struct diag *errors, struct diag *warnings);

/* Whether an event name reads as a login (first_login, user_logged_in,
 * SignIn): seed 000 calls a login a weak definition of value. */
bool config_is_login_event(const char *name);

#endif
