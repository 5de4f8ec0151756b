/* sql.h - the query that reduces a raw event table, where it lives, to
 * the rows ttfv's figures depend on (`ttfv sql`, SPEC section 6). */
#ifndef TTFV_SQL_H
#define TTFV_SQL_H

#include "config.h"
#include "util.h"

enum sql_dialect { SQL_POSTGRES, SQL_BIGQUERY, SQL_SNOWFLAKE, SQL_SQLITE,
		  SQL_DUCKDB };

/* The dialects' names, for messages. */
#define SQL_DIALECTS "postgres, bigquery, snowflake, sqlite or duckdb"

/* The dialect called name (one of SQL_DIALECTS), or -1. */
int sql_dialect_find(const char *name);

/* Appends to out the query over table (a name, qualified or quoted) that
 * keeps each account's first event of every name and each user's last
 * event: every first time and every user's last activity, so a report of
 * its result equals a report of the whole table.  The table's columns are
 * account_id, event, timestamp and user_id, or the headers c's [columns]
 * maps onto them; the result's are account_id, event, timestamp (ISO-8601
 * UTC text) and user_id.  Returns 0, or -1 with the problem in d (a table
 * name that is not one, a column [columns] leaves unclear, or a [columns]
 * that would misread the result). */
int sql_reduce_events(enum sql_dialect dialect, const char *table,
		      const struct config *c, struct buf *out,
		      struct diag *d);

#endif
