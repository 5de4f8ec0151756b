/* render_csv.c - accounts.csv: one row per account with where it stands,
 * for a CRM to import back (a Salesforce custom object, HubSpot
 * properties, an Intercom audience; seed 002).
 *
 * The headers are the column table below, snake_case and stable, so an
 * import maps them once.  The values follow the conventions ttfv reads:
 * RFC 4180 (CRLF, a field quoted when it holds a comma, a quote, a line
 * break or edge spaces, quotes doubled), instants as ISO 8601 UTC with
 * "Z", dates as YYYY-MM-DD in the report timezone, '.' decimals written
 * the way report.json writes them, blank for "none".  A text value that
 * a spreadsheet would run as a formula (first character = + - @, tab or
 * carriage return) gets a leading apostrophe, OWASP's advice for CSV
 * injection: Excel and Sheets then show the text, and the value is still
 * the original after that one character. */
#include "render.h"

#include <math.h>
#include <string.h>

#include "render_json_write.h"
#include "render_md.h"
#include "timeutil.h"

/* The instant as YYYY-MM-DDTHH:MM:SS[.ffffff]Z in UTC, whatever the
 * report timezone: a CRM stores instants, not local dates.  Sub-second
 * digits only when instants carry them (TU_DAY counts more than one
 * unit per second). */
static void put_instant(struct buf *b, int64_t t)
{
	const int64_t per_sec = TU_DAY / 86400;
	int64_t day = t / TU_DAY, rem = t % TU_DAY;
	if (rem < 0) {
		rem += TU_DAY;
		day--;
	}
	int64_t y;
	unsigned m, d;
	tu_civil_from_days(day, &y, &m, &d);
	int64_t sec = rem / per_sec;
	if (y < 0 || y > 9999) {
		buf_addf(b, "%04lld-%02u-%02uT%02d:%02d:%02d", (long long)y, m,
			 d, (int)(sec / 3600), (int)(sec / 60 % 60),
			 (int)(sec % 60));
	} else {
		/* without printf: three instants per account */
		unsigned h = (unsigned)(sec / 3600),
			 mi = (unsigned)(sec / 60 % 60), se = (unsigned)(sec % 60);
		char s[19];
		tu_put_ymd(s, (unsigned)y, m, d);
		const char hms[9] = {
			'T',		       (char)('0' + h / 10),
			(char)('0' + h % 10),  ':',
			(char)('0' + mi / 10), (char)('0' + mi % 10),
			':',		       (char)('0' + se / 10),
			(char)('0' + se % 10)};
		memcpy(s + 10, hms, sizeof(hms));
		buf_put(b, s, sizeof(s));
	}
	if (per_sec > 1 && rem % per_sec)
		buf_addf(b, ".%06lld",
			 (long long)(rem % per_sec * 1000000 / per_sec));
	buf_putc(b, 'Z');
}

static void put_date(struct buf *b, int64_t t)
{
	char day[11];
	tu_format_date(t, day);
	buf_puts(b, day);
}

/* A text value as one RFC 4180 field, formula prefixes neutralised. */
static void put_text(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	bool formula = n && strchr("=+-@\t\r", s[0]);
	bool quote = n && (s[0] == ' ' || s[n - 1] == ' ' ||
			   strpbrk(s, ",\"\r\n"));
	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

static void put_num(struct buf *b, double v)
{
	if (!isnan(v))
		jw_put_double(b, v);
}

static void put_time(struct buf *b, int64_t t, bool instant)
{
	if (t == TTFV_NO_TIME)
		return;
	if (instant)
		put_instant(b, t);
	else
		put_date(b, t);
}

/* The column table: README's "accounts.csv" lists the same, in order. */
enum csv_col {
	CSV_ACCOUNT_ID,
	CSV_ACCOUNT_NAME,
	CSV_TIER,
	CSV_CSM,
	CSV_STATUS,
	CSV_SIGNED_AT,
	CSV_CLOCK_START,
	CSV_FIRST_VALUE_AT,
	CSV_TTFV_DAYS,
	CSV_ELAPSED_DAYS,
	CSV_DAY_KIND,
	CSV_SLA_DAYS,
	CSV_DEADLINE,
	CSV_PROJECTED,
	CSV_P_ON_TIME,
	CSV_ROUTE,
	CSV_NEXT_CHECK,
	CSV_NEXT_STEP,
	CSV_ALERT,
	CSV_COUNT
};

static const char *const csv_header[CSV_COUNT] = {
	"account_id",	 "account_name",   "tier",
	"csm",		 "status",	   "signed_at",
	"clock_start_at", "first_value_at", "ttfv_days",
	"elapsed_days",	 "day_kind",	   "sla_days",
	"sla_deadline",	 "projected_first_value_date",
	"p_on_time",	 "route",	   "next_check_date",
	"next_step",	 "alert",
};

static void put_field(struct buf *b, const struct account_record *r,
		      enum csv_col c)
{
	const struct onboarding_row *row = r->row;
	switch (c) {
	case CSV_ACCOUNT_ID: put_text(b, r->account_id); break;
	case CSV_ACCOUNT_NAME: put_text(b, r->name); break;
	case CSV_TIER: put_text(b, r->tier); break;
	case CSV_CSM: put_text(b, r->csm); break;
	case CSV_STATUS: buf_puts(b, stats_record_status_name(r->status)); break;
	case CSV_SIGNED_AT: put_time(b, r->signed_at, true); break;
	case CSV_CLOCK_START: put_time(b, r->clock_start, true); break;
	case CSV_FIRST_VALUE_AT: put_time(b, r->first_value_at, true); break;
	case CSV_TTFV_DAYS: put_num(b, r->ttfv_days); break;
	case CSV_ELAPSED_DAYS: put_num(b, row ? row->elapsed_days : NAN); break;
	case CSV_DAY_KIND:
		if (r->clock_start != TTFV_NO_TIME)
			buf_puts(b, r->days == DAYS_BUSINESS ? "business"
							     : "calendar");
		break;
	case CSV_SLA_DAYS: put_num(b, r->sla_days); break;
	/* the day by whose end it is due, as report.json's deadline */
	case CSV_DEADLINE:
		put_time(b, r->deadline == TTFV_NO_TIME ? r->deadline
							: r->deadline - 1,
			 false);
		break;
	case CSV_PROJECTED:
		put_time(b, row ? row->projected_first_value : TTFV_NO_TIME,
			 false);
		break;
	case CSV_P_ON_TIME: put_num(b, row ? row->p_on_time : NAN); break;
	case CSV_ROUTE:
		if (row)
			buf_puts(b, stats_route_name(row->route));
		break;
	case CSV_NEXT_CHECK:
		put_time(b, row ? row->next_check : TTFV_NO_TIME, false);
		break;
	case CSV_NEXT_STEP:
		if (row && row->current_step)
			put_text(b, row->current_step);
		break;
	case CSV_ALERT: {
		/* the wording every format shows */
		struct buf alert = BUF_INIT;
		if (md_alert_text(&alert, row))
			put_text(b, buf_cstr(&alert));
		buf_release(&alert);
		break;
	}
	case CSV_COUNT: break;
	}
}

void render_csv_accounts(const struct stats *s, struct buf *out)
{
	for (int c = 0; c < CSV_COUNT; c++)
		buf_addf(out, "%s%s", c ? "," : "", csv_header[c]);
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < s->nrecords; i++) {
		for (int c = 0; c < CSV_COUNT; c++) {
			if (c)
				buf_putc(out, ',');
			put_field(out, &s->records[i], (enum csv_col)c);
		}
		buf_puts(out, "\r\n");
	}
}
