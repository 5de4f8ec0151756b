/* sql.c - `ttfv sql`: the query that reduces a raw event table to the rows
 * ttfv's figures depend on, for when the table is too large to export.
 *
 * ttfv keeps of the events only each account's first time of every event
 * name, each account's users by last activity, the latest time of all, and
 * whether the account has an event in days [7, 14) after its clock start
 * (week-2 retention).  All are kept exactly by a subset of the rows: the
 * first row of every (account, event), the last row of every (account,
 * user), rows with no user counting as one more user, and the first and
 * last row of every (account, week), weeks being a fixed grid of 7-day
 * periods (week_of below).  Rows are taken whole, not aggregated.
 *
 * Why the weeks keep week-2 retention, though the query knows no clock
 * start: let W = [a, a + 7 days) be an account's days 7 to 14 and e one
 * of its events in W, in the week P = [p, q), q - p <= 7 days.  If p >= a,
 * P's first event f has a <= p <= f <= e < a + 7 days: f is in W.  Else
 * p < a, so q <= p + 7 days < a + 7 days, and P's last event l has
 * a <= e <= l < q: l is in W.  So an account has an event in W exactly
 * when one of its kept rows is in W, whatever W is.  Any grid of periods
 * of at most 7 days would do; 7 keeps fewest rows.  Where accounts have
 * a few events a week the weeks keep most of them, but so must any query
 * that does not know the clock starts (the README has the figures).
 *
 * The query is standard SQL (window functions) in every dialect; dialects
 * differ in how names are quoted and in how a timestamp becomes text.  The
 * query writes every timestamp itself, as ISO-8601 in
 * UTC, so no session setting (DateStyle, time zone, output formats)
 * changes the file, and it names the result's columns ttfv's way, so the
 * file reads the same with or without the [columns] that described the
 * table. */
#include <ctype.h>
#include <string.h>

#include "ingest.h"
#include "sql.h"

static const struct dialect {
	const char *name;
	char quote;		/* '"', or BigQuery's '`' (escaped with \) */
	/* Snowflake stores a name written without quotes in upper case: a
	 * name fit to be written so is quoted in upper case, which finds the
	 * same column while no keyword can take its place */
	bool fold_upper;
	bool dash_in_names;	/* BigQuery project ids: my-project.ds.t */
	bool sort_as_text;	/* SQLite: times are text, in any offset */
	const char *text;	/* the type the result's ids are cast to */
	/* before and after the timestamp column: it as ISO-8601 UTC text,
	 * microseconds (SQLite: milliseconds); a naive timestamp is taken as
	 * UTC where the engine can do so without a session setting
	 * (PostgreSQL, DuckDB) */
	const char *utc[2];
	/* before and after the timestamp column: its week, the floor of its
	 * time over 7 days, from the time the result writes (so both agree
	 * on which week an event is in).  The time is taken in whole seconds,
	 * microseconds or days, whose quotient is never so close to a whole
	 * number that the division's rounding could reach it */
	const char *week_of[2];
} dialects[] = {
	[SQL_POSTGRES] = {"postgres", '"', false, false, false, "text",
			  {"to_char(to_timestamp(extract(epoch FROM ",
			   ")) AT TIME ZONE 'UTC', "
			   "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"},
			  {"floor(floor(extract(epoch FROM ", ")) / 604800)"}},
	[SQL_BIGQUERY] = {"bigquery", '`', false, true, false, "STRING",
			  {"FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', ",
			   ", 'UTC')"},
			  /* a FLOAT64 cannot partition */
			  {"CAST(FLOOR(UNIX_SECONDS(", ") / 604800) AS INT64)"}},
	[SQL_SNOWFLAKE] = {"snowflake", '"', true, false, false, "VARCHAR",
			   {"TO_VARCHAR(CONVERT_TIMEZONE('UTC', ",
			    "), 'YYYY-MM-DD\"T\"HH24:MI:SS.FF6\"Z\"')"},
			   {"FLOOR(DATE_PART(EPOCH_SECOND, CONVERT_TIMEZONE('UTC', ",
			    ")) / 604800)"}},
	[SQL_SQLITE] = {"sqlite", '"', false, false, true, "TEXT",
			{"strftime('%Y-%m-%dT%H:%M:%fZ', ", ")"},
			/* Julian days are positive: the division is a floor */
			{"CAST(julianday(", ") AS INTEGER) / 7"}},
	[SQL_DUCKDB] = {"duckdb", '"', false, false, false, "VARCHAR",
			{"strftime(make_timestamp(epoch_us(",
			 ")), '%Y-%m-%dT%H:%M:%S.%fZ')"},
			{"floor(epoch_us(", ") / 604800000000)"}},
};
#define NDIALECTS (sizeof(dialects) / sizeof(*dialects))

int sql_dialect_find(const char *name)
{
	for (size_t i = 0; i < NDIALECTS; i++)
		if (!strcmp(name, dialects[i].name))
			return (int)i;
	return -1;
}

/* A character of a name written without quotes (bytes of UTF-8 letters
 * included: every engine here takes them). */
static bool plain_char(const struct dialect *dl, unsigned char c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80 ||
	       (c == '-' && dl->dash_in_names);
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return true;
	return false;
}

/* name as a quoted identifier: quotes inside doubled, or in BigQuery
 * backquotes and backslashes escaped with a backslash (a backslash starts
 * an escape sequence there).  source: a column of the table, which
 * Snowflake may have stored in upper case. */
static void put_ident(struct buf *out, const struct dialect *dl,
		      const char *name, bool source)
{
	bool fold = source && dl->fold_upper &&
		    (isalpha((unsigned char)*name) || *name == '_');
	for (const char *p = name; fold && *p; p++)
		fold = isalnum((unsigned char)*p) || *p == '_' || *p == '$';
	buf_putc(out, dl->quote);
	for (const char *p = name; *p; p++) {
		if (*p == dl->quote)
			buf_putc(out, dl->quote == '`' ? '\\' : dl->quote);
		else if (*p == '\\' && dl->quote == '`')
			buf_putc(out, '\\');
		buf_putc(out, fold ? (char)toupper((unsigned char)*p) : *p);
	}
	buf_putc(out, dl->quote);
}

/* Length of the quoted part at t (t[0] is the quote), or 0 when it does
 * not end. */
static size_t quoted_len(const struct dialect *dl, const char *t)
{
	for (size_t i = 1; t[i]; i++) {
		if (dl->quote == '`' && t[i] == '\\') {
			if (!t[++i])
				return 0;
		} else if (t[i] == dl->quote) {
			if (dl->quote == '`' || t[i + 1] != dl->quote)
				return i + 1;
			i++;
		}
	}
	return 0;
}

/* A table name goes into the query as written: one to three parts
 * separated by dots, each plain or in the dialect's quotes.  Nothing else
 * can follow (no ';', comment, blank or unbalanced quote outside quotes),
 * and no control character anywhere, as the name is also echoed in a
 * comment line. */
static bool table_ok(const struct dialect *dl, const char *t)
{
	if (has_control(t))
		return false;
	for (int parts = 1; parts <= 3; parts++) {
		size_t n = 0;
		if (*t == dl->quote)
			n = quoted_len(dl, t);
		else
			while (t[n] && plain_char(dl, (unsigned char)t[n]))
				n++;
		if (!n)
			return false;
		t += n;
		if (!*t)
			return true;
		if (*t++ != '.')
			return false;
	}
	return false;
}

/* The result's columns, in the order the query below writes them. */
static const int canon_col[] = {COL_ACCOUNT_ID, COL_EVENT, COL_TIMESTAMP,
				COL_USER_ID};
enum { NCANON = sizeof(canon_col) / sizeof(*canon_col) };

static const char *canon(int k)
{
	return schema_col_name(canon_col[k]);
}

/* The table's column for canonical column col: the header a [columns] line
 * maps onto it, else col itself.  NULL with the problem in d when two
 * lines claim it, or when col's own name is mapped elsewhere and no line
 * names its column. */
static const char *source_column(const struct config *c, const char *col,
				 struct diag *d)
{
	const struct column_conf *onto = NULL, *away = NULL;
	for (size_t i = 0; i < c->ncolumns; i++) {
		const struct column_conf *cc = &c->columns[i];
		if (!strcmp(cc->canonical, col)) {
			if (onto) {
				diag_add(d, NULL, 0, col,
					 "[columns] lines %d ('%s') and %d "
					 "('%s') both map onto %s, and the "
					 "query can read only one; give ttfv "
					 "sql a --config with the event table's",
					 onto->line, onto->header, cc->line,
					 cc->header, col);
				return NULL;
			}
			onto = cc;
		} else if (str_ieq_n(cc->header, strlen(cc->header), col)) {
			away = cc;
		}
	}
	if (onto)
		return onto->header;
	if (away) {
		diag_add(d, NULL, 0, col,
			 "[columns] line %d reads the table's '%s' as %s, and "
			 "no line names the column that holds %s; map it onto "
			 "%s",
			 away->line, away->header, away->canonical, col, col);
		return NULL;
	}
	return col;
}

/* The problem of a [columns] that would misread the result: its lines
 * from one of the result's names to another, which no file named ttfv's
 * way can undo (a swap, say). */
static int misread(const struct config *c, struct diag *d)
{
	struct buf lines = BUF_INIT;
	for (size_t i = 0; i < c->ncolumns; i++) {
		const struct column_conf *cc = &c->columns[i];
		for (int k = 0; k < NCANON; k++)
			if (str_ieq_n(cc->header, strlen(cc->header), canon(k)))
				buf_addf(&lines, "%sline %d ('%s = %s')",
					 lines.len ? ", " : "", cc->line,
					 cc->header, cc->canonical);
	}
	diag_add(d, NULL, 0, NULL,
		 "[columns] %s would read the result, whose columns are named "
		 "account_id, event, timestamp and user_id, as other columns; "
		 "rename the table's columns in a view instead",
		 buf_cstr(&lines));
	buf_release(&lines);
	return -1;
}

/* tmpl with each "@c" replaced by part[c] (parts are not scanned again). */
static void put_template(struct buf *out, const char *const *part,
			 const char *tmpl)
{
	for (const char *p = tmpl; *p; p++) {
		if (*p == '@' && p[1]) {
			buf_puts(out, part[(unsigned char)*++p]);
			continue;
		}
		buf_putc(out, *p);
	}
}

int sql_reduce_events(enum sql_dialect dialect, const char *table,
		      const struct config *c, struct buf *out,
		      struct diag *d)
{
	const struct dialect *dl = &dialects[dialect];
	if (!table_ok(dl, table))
		return diag_add(d, NULL, 0, "--table",
				"'%s' is not a table name (one to three parts "
				"joined by '.', each of letters, digits, _%s "
				"and $, or quoted %s)",
				table, dl->dash_in_names ? ", -" : "",
				dl->quote == '`' ? "in `backquotes`"
						 : "in \"double quotes\"");
	const char *src[NCANON];
	int rc = 0;
	for (int i = 0; i < NCANON; i++)
		if (!(src[i] = source_column(c, canon(i), d)))
			rc = -1;
		else if (has_control(src[i]))
			rc = diag_add(d, NULL, 0, canon(i),
				      "[columns] header '%s' holds a control "
				      "character",
				      src[i]);
	if (rc)
		return rc;
	const char *result[NCANON];
	for (int i = 0; i < NCANON; i++)
		result[i] = canon(i);
	if (!ingest_columns_keep_names(c, ROLE_EVENTS, result, NCANON))
		return misread(c, d);

	/* the query's names (the result's columns are ttfv's), the table's
	 * columns, and the timestamp as UTC text: from the table's column in
	 * SQLite, whose text times sort right only so, else from the typed
	 * column the rows were ordered by, on the kept rows only */
	const struct {
		char key;
		const char *name;
	} names[] = {{'a', result[0]}, {'e', result[1]}, {'t', result[2]},
		     {'u', result[3]}, {'s', "ts"}, {'f', "first_of_event"},
		     {'l', "last_of_user"}, {'w', "source"}, {'r', "ranked"},
		     {'k', "week"}, {'x', "first_of_week"},
		     {'y', "last_of_week"}};
	enum { NNAMES = sizeof(names) / sizeof(*names) };
	/* each name, each table column, the week, each result column */
	struct buf b[NNAMES + 2 * NCANON + 1];
	const char *part[128] = {0};
	size_t nb = 0;
	for (size_t i = 0; i < NNAMES; i++) {
		b[nb] = (struct buf)BUF_INIT;
		put_ident(&b[nb], dl, names[i].name, false);
		part[(int)names[i].key] = buf_cstr(&b[nb++]);
	}
	for (int i = 0; i < NCANON; i++) {
		b[nb] = (struct buf)BUF_INIT;
		bool utc = i == 2 && dl->sort_as_text;
		buf_puts(&b[nb], utc ? dl->utc[0] : "");
		put_ident(&b[nb], dl, src[i], true);
		buf_puts(&b[nb], utc ? dl->utc[1] : "");
		part[(int)"AECU"[i]] = buf_cstr(&b[nb++]);
	}
	b[nb] = (struct buf)BUF_INIT;
	buf_addf(&b[nb], "%s%s%s", dl->week_of[0], part['C'], dl->week_of[1]);
	part['K'] = buf_cstr(&b[nb++]);
	/* the result's columns, "1" to "4": all text, '' for NULL, so that
	 * no client's way of writing either changes the file (a NULL user
	 * printed as a word would be a user) */
	for (int i = 0; i < NCANON; i++) {
		const char *col = part[(int)"aesu"[i]];
		b[nb] = (struct buf)BUF_INIT;
		if (i != 2)
			buf_addf(&b[nb], "COALESCE(CAST(%s AS %s), '')", col,
				 dl->text);
		else if (dl->sort_as_text)
			buf_addf(&b[nb], "COALESCE(%s, '')", col);
		else
			buf_addf(&b[nb], "COALESCE(%s%s%s, '')", dl->utc[0], col,
				 dl->utc[1]);
		part[(int)"1234"[i]] = buf_cstr(&b[nb++]);
	}
	part['T'] = table;

	buf_addf(out,
		 "-- ttfv sql --dialect %s: the rows of table %s that ttfv's\n"
		 "-- figures depend on: each account's first event of every "
		 "name, each\n"
		 "-- user's last event and each account's first and last "
		 "event of every\n"
		 "-- 7-day week (a report of them equals a report of every "
		 "row),\n"
		 "-- timestamps as ISO-8601 UTC text.  Rows without a "
		 "timestamp are all\n"
		 "-- kept, for ttfv check to report.  Save the result as CSV "
		 "with its\n"
		 "-- header: it is the events file.\n",
		 dl->name, table);
	put_template(out, part,
		     "SELECT\n"
		     "  @1 AS @a,\n"
		     "  @2 AS @e,\n"
		     "  @3 AS @t,\n"
		     "  @4 AS @u\n"
		     "FROM (\n"
		     "  SELECT\n"
		     "    @a, @e, @s, @u,\n"
		     "    ROW_NUMBER() OVER (\n"
		     "      PARTITION BY @a, @e\n"
		     "      ORDER BY CASE WHEN @s IS NULL THEN 1 ELSE 0 END, @s\n"
		     "    ) AS @f,\n"
		     "    ROW_NUMBER() OVER (\n"
		     "      PARTITION BY @a, @u\n"
		     "      ORDER BY CASE WHEN @s IS NULL THEN 1 ELSE 0 END, @s DESC\n"
		     "    ) AS @l,\n"
		     "    ROW_NUMBER() OVER (\n"
		     "      PARTITION BY @a, @k ORDER BY @s\n"
		     "    ) AS @x,\n"
		     "    ROW_NUMBER() OVER (\n"
		     "      PARTITION BY @a, @k ORDER BY @s DESC\n"
		     "    ) AS @y\n"
		     "  FROM (\n"
		     "    SELECT\n"
		     "      @A AS @a,\n"
		     "      @E AS @e,\n"
		     "      @C AS @s,\n"
		     "      @K AS @k,\n"
		     "      @U AS @u\n"
		     "    FROM @T\n"
		     "  ) AS @w\n"
		     ") AS @r\n"
		     "WHERE @f = 1 OR @l = 1 OR @x = 1 OR @y = 1 OR @s IS NULL\n"
		     "ORDER BY @a, @s, @e, @u;\n");
	for (size_t i = 0; i < nb; i++)
		buf_release(&b[i]);
	return 0;
}
