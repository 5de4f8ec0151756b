/* sql.c - `ttfv sql`: the query that reduces a raw event table to the rows
 * ttfv's figures depend on, for when the table is too large to export.
 *
 * ttfv keeps of the events only each account's first time of every event
 * name, each account's users by last activity and the latest time of all.
 * All are kept exactly by a subset of the rows: the first row of every
 * (account, event) and the last row of every (account, user), rows with
 * no user counting as one more user.  Rows are taken whole, not
 * aggregated, so the result needs no type juggling, and every engine
 * writes its timestamps in a text form ttfv reads.  The query is standard
 * SQL (window functions) in every dialect; dialects differ in how names
 * are quoted. */
#include <ctype.h>
#include <string.h>

#include "sql.h"

static const char *const dialect_names[] = {
	[SQL_POSTGRES] = "postgres",
	[SQL_BIGQUERY] = "bigquery",
	[SQL_SNOWFLAKE] = "snowflake",
	[SQL_SQLITE] = "sqlite",
};

int sql_dialect_find(const char *name)
{
	for (size_t i = 0; i < sizeof(dialect_names) / sizeof(*dialect_names);
	     i++)
		if (!strcmp(name, dialect_names[i]))
			return (int)i;
	return -1;
}

/* Words that name a column only when quoted in at least one dialect. */
static bool is_keyword(const char *s)
{
	static const char *const words[] = {
		"all", "by", "date", "default", "end", "from",
		"group", "limit", "order", "range", "rows", "select", "table",
		"time", "timestamp", "to", "user", "where", "window"};
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		size_t n = strlen(words[i]);
		if (strlen(s) == n && str_ieq_n(s, n, words[i]))
			return true;
	}
	return false;
}

/* A name the dialect reads as written without quotes: Postgres and SQLite
 * fold unquoted names to lower case, so only lower case is plain there;
 * Snowflake folds to upper case and matches either. */
static bool is_plain(enum sql_dialect dialect, const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool upper_ok = dialect == SQL_BIGQUERY ||
				dialect == SQL_SNOWFLAKE;
		if (!(islower(c) || isdigit(c) || c == '_' ||
		      (upper_ok && isupper(c))))
			return false;
	}
	return !is_keyword(s);
}

/* name quoted the dialect's way, in upper case when fold. */
static void put_quoted(struct buf *out, enum sql_dialect dialect,
		       const char *name, bool fold)
{
	char q = dialect == SQL_BIGQUERY ? '`' : '"';
	buf_putc(out, q);
	for (const char *p = name; *p; p++) {
		if (*p == q)
			buf_putc(out, dialect == SQL_BIGQUERY ? '\\' : q);
		buf_putc(out, fold ? (char)toupper((unsigned char)*p) : *p);
	}
	buf_putc(out, q);
}

/* name as an identifier: as written when plain, else quoted (a Snowflake
 * keyword in upper case, as Snowflake stores an unquoted name). */
static void put_ident(struct buf *out, enum sql_dialect dialect,
		      const char *name)
{
	if (is_plain(dialect, name))
		buf_puts(out, name);
	else
		put_quoted(out, dialect, name,
			   dialect == SQL_SNOWFLAKE && is_keyword(name));
}

/* The table's name for canonical column col: the header [columns] maps
 * onto it, else the canonical name. */
static const char *source_column(const struct config *c, const char *col)
{
	for (size_t i = 0; i < c->ncolumns; i++)
		if (!strcmp(c->columns[i].canonical, col))
			return c->columns[i].header;
	return col;
}

/* A table name goes into the query as written (it may be qualified or
 * quoted already); anything that could end or comment out the statement
 * is refused. */
static bool table_ok(const char *t)
{
	if (!*t)
		return false;
	for (const char *p = t; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_.$-\"`", *p))
			return false;
	return true;
}

int sql_reduce_events(enum sql_dialect dialect, const char *table,
		      const struct config *c, struct buf *out,
		      struct diag *d)
{
	static const char *const canon[] = {"account_id", "event", "timestamp",
					    "user_id"};
	if (!table_ok(table))
		return diag_add(d, NULL, 0, "--table",
				"'%s' is not a table name (letters, digits, "
				"_ . $ - and quotes)",
				table);
	struct buf src[4];
	for (int i = 0; i < 4; i++) {
		src[i] = (struct buf)BUF_INIT;
		put_ident(&src[i], dialect, source_column(c, canon[i]));
	}
	const char *acc = buf_cstr(&src[0]), *ev = buf_cstr(&src[1]),
		   *ts = buf_cstr(&src[2]), *user = buf_cstr(&src[3]);
	/* the result's own names, which ttfv reads with no [columns]: this
	 * keyword quoted as it is, so the CSV header says timestamp */
	struct buf ts_out = BUF_INIT;
	put_quoted(&ts_out, dialect, "timestamp", false);
	const char *t = buf_cstr(&ts_out);

	buf_addf(out,
		 "-- ttfv sql --dialect %s: the rows of table %s that ttfv's\n"
		 "-- figures depend on: each account's first event of every "
		 "name and\n"
		 "-- each user's last event (a report of them equals a report "
		 "of every\n"
		 "-- row).  Rows without a timestamp are all kept, for ttfv "
		 "check to\n"
		 "-- report.  Save the result as CSV with its header: it is the "
		 "events\n"
		 "-- file.\n",
		 dialect_names[dialect], table);
	buf_addf(out,
		 "SELECT account_id, event, %s, user_id\n"
		 "FROM (\n"
		 "  SELECT\n"
		 "    %s AS account_id,\n"
		 "    %s AS event,\n"
		 "    %s AS %s,\n"
		 "    %s AS user_id,\n"
		 "    ROW_NUMBER() OVER (\n"
		 "      PARTITION BY %s, %s\n"
		 "      ORDER BY CASE WHEN %s IS NULL THEN 1 ELSE 0 END, %s\n"
		 "    ) AS first_of_event,\n"
		 "    ROW_NUMBER() OVER (\n"
		 "      PARTITION BY %s, %s\n"
		 "      ORDER BY CASE WHEN %s IS NULL THEN 1 ELSE 0 END, %s DESC\n"
		 "    ) AS last_of_user\n"
		 "  FROM %s\n"
		 ") ranked\n"
		 "WHERE first_of_event = 1 OR last_of_user = 1 OR %s IS NULL\n"
		 "ORDER BY account_id, %s, event;\n",
		 t, acc, ev, ts, t, user, acc, ev, ts, ts, acc, user, ts, ts,
		 table, t, t);
	for (int i = 0; i < 4; i++)
		buf_release(&src[i]);
	buf_release(&ts_out);
	return 0;
}
