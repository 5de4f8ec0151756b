/* sample.c - `ttfv sample`: deterministic synthetic exports.
 *
 * Each account is simulated from its own random stream (seed, index), so
 * the files depend only on the options, and its rows go straight into one
 * large buffer per file.  Files are written under a temporary name and
 * renamed at the end, so a failed run leaves an earlier sample intact.
 */
#include "sample.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "sample_gen.h"
#include "timeutil.h"

#define SINK_CAP (1u << 20)

/* A file being written through a large buffer. */
struct sink {
	FILE *f;
	struct buf path, tmp;
	char *buf;
	size_t len;
	int err;	/* first errno, 0 when all is well */
};

static const char *const file_names[SF_COUNT] = {
	"accounts.csv", "events.csv", "postmortems.csv", "pauses.csv"};

static void sink_flush(struct sink *s)
{
	if (s->len && fwrite(s->buf, 1, s->len, s->f) != s->len && !s->err)
		s->err = errno ? errno : EIO;
	s->len = 0;
}

static int sink_open(struct sink *s, const char *dir, const char *name,
		     struct diag *d)
{
	buf_addf(&s->path, "%s/%s", dir, name);
	buf_addf(&s->tmp, "%s/.%s.tmp", dir, name);
	s->f = fopen(buf_cstr(&s->tmp), "wb");
	if (!s->f) {
		diag_add(d, buf_cstr(&s->tmp), 0, NULL, "cannot create: %s",
			 strerror(errno));
		return -3;
	}
	s->buf = xmalloc(SINK_CAP);
	return 0;
}

/* Where the next row goes: SAMPLE_ROW_ROOM bytes are free there. */
static char *sink_room(struct sink *s)
{
	if (SINK_CAP - s->len < SAMPLE_ROW_ROOM)
		sink_flush(s);
	return s->buf + s->len;
}

static void sink_end(struct sink *s, char *p)
{
	s->len = (size_t)(p - s->buf);
}

static void sink_puts(struct sink *s, const char *text)
{
	size_t n = strlen(text);
	char *p = sink_room(s);
	memcpy(p, text, n);
	sink_end(s, p + n);
}

/* Closes s and, when keep and all went well, renames it into place;
 * otherwise removes the temporary.  0 or -3 (reported in d). */
static int sink_close(struct sink *s, bool keep, struct diag *d)
{
	int rc = 0;
	if (s->f) {
		sink_flush(s);
		if (fclose(s->f) != 0 && !s->err)
			s->err = errno;
		if (s->err) {
			diag_add(d, buf_cstr(&s->path), 0, NULL,
				 "cannot write: %s", strerror(s->err));
			rc = -3;
		} else if (keep &&
			   rename(buf_cstr(&s->tmp), buf_cstr(&s->path)) != 0) {
			diag_add(d, buf_cstr(&s->path), 0, NULL,
				 "cannot rename into place: %s",
				 strerror(errno));
			rc = -3;
		}
		if (rc || !keep)
			remove(buf_cstr(&s->tmp));
	}
	free(s->buf);
	buf_release(&s->path);
	buf_release(&s->tmp);
	return rc;
}

/* The config that fits the files: tiers and SLAs of seed 000, the steps
 * every tier goes through (as events, since self-serve has no kickoff
 * call), and the weekly targets of seed 004. */
static void ini_text(struct buf *b, const struct sample_world *w)
{
	buf_puts(b,
		 "; ttfv sample configuration: it fits the exports next to it\n"
		 "[report]\n"
		 "title = Onboarding review (sample data)\n"
		 "as_of = 2026-10-31\n"
		 "timezone = UTC\n"
		 "cohort = month\n"
		 "horizon_days = 120\n"
		 "holidays =");
	for (size_t i = 0; i < w->nholidays; i++) {
		char day[11];
		tu_format_date((int64_t)w->holidays[i] * TU_DAY, day);
		buf_addf(b, "%s%s", i ? (i % 4 ? ", " : ",\n    ") : " ", day);
	}
	buf_puts(b,
		 "\nfirst_value_event = report_shared\n"
		 "wau_threshold = 2\n"
		 "driver_days = 14         ; value drivers: events in the first "
		 "14 days\n"
		 "\n"
		 "[tier high-touch]        ; seed 000: from the kickoff call\n"
		 "clock_start = kickoff_at\n"
		 "sla_days = auto          ; p75 of reached accounts + buffer\n"
		 "buffer = 0.20\n"
		 "days = business\n"
		 "\n"
		 "[tier tech-touch]\n"
		 "clock_start = signed_at\n"
		 "sla_days = 14\n"
		 "days = calendar\n"
		 "\n"
		 "[tier self-serve]        ; internal target only\n"
		 "clock_start = signed_at\n"
		 "sla_days = 7\n"
		 "days = calendar\n"
		 "\n"
		 "[step first_login]\n"
		 "event = first_login\n"
		 "max_days = 3\n"
		 "playbook = Resend the invite and offer a 15-minute "
		 "walkthrough to the champion.\n"
		 "\n"
		 "[step import_data]\n"
		 "event = data_imported\n"
		 "max_days = 7\n"
		 "playbook = Book a 30-minute data format troubleshooting "
		 "call.\n"
		 "\n"
		 "[step configure_workflow]\n"
		 "event = workflow_configured\n"
		 "max_days = 7\n"
		 "playbook = Pair the admin with an implementation engineer "
		 "to configure the first workflow.\n"
		 "\n"
		 "[step first_report]\n"
		 "event = report_shared\n"
		 "max_days = 5\n"
		 "playbook = Build the first report with the champion and "
		 "share it with two stakeholders.\n"
		 "\n"
		 "[targets]                ; seed 004: target, warning\n"
		 "median_ttfv_days = 5, 8\n"
		 "first_value_rate_7d = 0.70, 0.55\n"
		 "manual_assist_share = 0.25, 0.40\n"
		 "record_completeness = 1.0, 0.95\n"
		 "\n"
		 "[experiment]             ; the onboarding nudge trial\n"
		 "control = control\n");
}

static int ini_write(const char *dir, const struct sample_world *w,
		     struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	buf_addf(&path, "%s/ttfv.ini", dir);
	ini_text(&text, w);
	int rc = output_write_atomic(buf_cstr(&path), text.ptr, text.len, d);
	buf_release(&path);
	buf_release(&text);
	return rc < 0 ? -3 : 0;
}

/* Every row of one account, into the four sinks. */
static void account_write(struct sample_account *a,
			  const struct sample_world *w,
			  struct sample_event *ev, struct sink *s, int width)
{
	struct sink *acc = &s[SF_ACCOUNTS], *evs = &s[SF_EVENTS];
	sink_end(acc, sample_row_account(sink_room(acc), a, width));
	if (a->has_pm) {
		struct sink *pm = &s[SF_POSTMORTEMS];
		sink_end(pm, sample_row_postmortem(sink_room(pm), a, width));
	}
	if (a->pause_from != TTFV_NO_TIME) {
		struct sink *pa = &s[SF_PAUSES];
		sink_end(pa, sample_row_pause(sink_room(pa), a, width));
	}
	size_t n = sample_events_make(a, w, ev);
	for (size_t k = 0; k < n; k++)
		sink_end(evs, sample_row_event(sink_room(evs), a, &ev[k],
					       width));
}

int sample_write(const struct sample_opts *o, struct diag *d)
{
	if (o->accounts > SAMPLE_MAX_ACCOUNTS) {
		diag_add(d, NULL, 0, NULL,
			 "at most %d accounts can be generated",
			 SAMPLE_MAX_ACCOUNTS);
		return -2;
	}
	if (output_mkdirs(o->out_dir, d) < 0)
		return -3;
	struct sample_world w;
	sample_world_init(&w);
	/* A000001 .. A999999, then as many digits as the count needs */
	int width = 6;
	for (size_t n = o->accounts; n > 999999; n /= 10)
		width++;

	struct sink sinks[SF_COUNT];
	memset(sinks, 0, sizeof(sinks));
	struct sample_event *ev = xmalloc(sizeof(*ev) * SAMPLE_MAX_EVENTS);
	struct sample_account a;
	int rc = 0;
	for (int f = 0; f < SF_COUNT && rc == 0; f++) {
		rc = sink_open(&sinks[f], o->out_dir, file_names[f], d);
		if (rc == 0)
			sink_puts(&sinks[f], sample_csv_headers[f]);
	}
	for (size_t i = 0; i < o->accounts && rc == 0; i++) {
		sample_account_make(&a, &w, o->seed, (uint32_t)i);
		account_write(&a, &w, ev, sinks, width);
	}
	for (int f = 0; f < SF_COUNT; f++)
		if (sink_close(&sinks[f], rc == 0, d) < 0)
			rc = -3;
	free(ev);
	if (rc == 0)
		rc = ini_write(o->out_dir, &w, d);
	return rc;
}
