/* sample_rows.c - the CSV rows of a simulated account, and its product
 * events.  This is the hot path of `ttfv sample` (about 25 event rows per
 * account), so fields are formatted by hand straight into the output
 * buffer: no printf, no allocation. */
#include "sample_gen.h"

#include <math.h>
#include <string.h>

#include "timeutil.h"

#define DAY 86400

const char *const sample_csv_headers[SF_COUNT] = {
	"account_id,account_name,tier,plan,company_size,channel,csm,region,"
	"signed_at,kickoff_at,go_live_at,outcome,exec_sponsor,arr,"
	"milestone_owner,proof_asset_link,escalation_approver,"
	"intervention_path,blocker_type,variant\n",
	"account_id,event,timestamp,user_id\n",
	"account_id,category,breached_at,opened_at,owner,notes\n",
	"account_id,paused_at,resumed_at,reason\n",
};

const char *const sample_event_names[SE_COUNT] = {
	"kickoff_completed", "first_login", "data_imported",
	"workflow_configured", "report_shared", "login", "dashboard_viewed",
	"report_viewed", "search", "teammate_invited", "help_article_viewed",
	"support_ticket_opened"};

static const char *const outcomes[] = {"open", "renewed", "churned"};

/* ---- field formatting ------------------------------------------------- */

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);
	memcpy(p, s, n);
	return p + n;
}

/* RFC 4180: quoted when it holds a comma, quote or line end. */
static char *put_csv(char *p, const char *s)
{
	if (!s)
		return p;
	if (!strpbrk(s, ",\"\r\n"))
		return put_str(p, s);
	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*p++ = '"';
		*p++ = *s;
	}
	*p++ = '"';
	return p;
}

static char *put_uint(char *p, uint64_t v)
{
	char tmp[20];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_digits(char *p, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

/* "YYYY-MM-DDTHH:MM:SSZ"; nothing for TTFV_NO_TIME (a blank field). */
static char *put_time(char *p, int64_t t)
{
	if (t == TTFV_NO_TIME)
		return p;
	int64_t y;
	unsigned m, d;
	int64_t days = t / DAY, s = t % DAY;
	tu_civil_from_days(days, &y, &m, &d);
	p = put_digits(p, (unsigned)y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p++ = 'T';
	p = put_digits(p, (unsigned)(s / 3600), 2);
	*p++ = ':';
	p = put_digits(p, (unsigned)(s / 60 % 60), 2);
	*p++ = ':';
	p = put_digits(p, (unsigned)(s % 60), 2);
	*p++ = 'Z';
	return p;
}

static char *put_id(char *p, const struct sample_account *a, int width)
{
	*p++ = 'A';
	return put_digits(p, a->index + 1, width);
}

/* ---- rows --------------------------------------------------------------- */

char *sample_row_account(char *p, const struct sample_account *a,
			 int id_width)
{
	const char *const *at = a->attr;
	p = put_id(p, a, id_width);
	*p++ = ',';
	p = put_csv(p, a->name);
	*p++ = ',';
	p = put_str(p, sample_tier_names[a->tier]);
	for (int i = SA_PLAN; i <= SA_REGION; i++) {
		*p++ = ',';
		p = put_csv(p, at[i]);
	}
	*p++ = ',';
	p = put_time(p, a->signed_at);
	*p++ = ',';
	p = put_time(p, a->kickoff_at);
	*p++ = ',';
	p = put_time(p, a->go_live_at);
	*p++ = ',';
	p = put_str(p, outcomes[a->outcome]);
	*p++ = ',';
	p = put_csv(p, at[SA_SPONSOR]);
	*p++ = ',';
	p = put_uint(p, a->arr);
	*p++ = ',';
	p = put_csv(p, at[SA_OWNER]);
	*p++ = ',';
	if (a->has_proof) {
		p = put_str(p, "https://files.example.com/proof/");
		p = put_id(p, a, id_width);
		p = put_str(p, ".pdf");
	}
	*p++ = ',';
	p = put_csv(p, at[SA_APPROVER]);
	*p++ = ',';
	p = put_csv(p, at[SA_INTERVENTION]);
	*p++ = ',';
	p = put_csv(p, at[SA_BLOCKER]);
	*p++ = ',';
	p = put_csv(p, at[SA_VARIANT]);
	*p++ = '\n';
	return p;
}

char *sample_row_postmortem(char *p, const struct sample_account *a,
			    int id_width)
{
	p = put_id(p, a, id_width);
	*p++ = ',';
	p = put_str(p, sample_pm_names[a->pm_category]);
	*p++ = ',';
	p = put_time(p, a->breached_at);
	*p++ = ',';
	p = put_time(p, a->pm_opened_at);
	*p++ = ',';
	p = put_csv(p, a->pm_owner);
	*p++ = ',';
	p = put_csv(p, a->pm_notes);
	*p++ = '\n';
	return p;
}

char *sample_row_pause(char *p, const struct sample_account *a,
		       int id_width)
{
	p = put_id(p, a, id_width);
	*p++ = ',';
	p = put_time(p, a->pause_from);
	*p++ = ',';
	p = put_time(p, a->pause_to);
	*p++ = ',';
	p = put_csv(p, a->pause_reason);
	*p++ = '\n';
	return p;
}

char *sample_row_event(char *p, const struct sample_account *a,
		       const struct sample_event *e, int id_width)
{
	p = put_id(p, a, id_width);
	*p++ = ',';
	p = put_str(p, sample_event_names[e->name]);
	*p++ = ',';
	p = put_time(p, e->t);
	*p++ = ',';
	if (e->user) {
		*p++ = 'U';
		p = put_uint(p, a->index + 1);
		*p++ = '-';
		p = put_uint(p, e->user);
	}
	*p++ = '\n';
	return p;
}

/* ---- events ------------------------------------------------------------- */

/* Insertion sort by time: the lists sorted here hold a few events. */
static void events_sort(struct sample_event *e, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && e[j].t < e[j - 1].t; j--) {
			struct sample_event tmp = e[j];
			e[j] = e[j - 1];
			e[j - 1] = tmp;
		}
}

/* The kickoff call and the onboarding steps, in time order. */
static size_t milestones_list(const struct sample_account *a,
			      struct sample_event *out)
{
	size_t n = 0;
	if (a->kickoff_at != TTFV_NO_TIME)
		out[n++] = (struct sample_event){a->kickoff_at, SE_KICKOFF, 0};
	for (int s = 0; s < SS_COUNT; s++)
		if (a->step[s] != TTFV_NO_TIME)
			out[n++] = (struct sample_event){
				a->step[s], (uint8_t)(SE_STEP + s), 1};
	events_sort(out, n);
	return n;
}

static const double before_w[] = {0.5, 0.35, 0, 0.15, 0};
static const double after_w[] = {0.35, 0.3, 0.2, 0.05, 0.1};
static const uint8_t use_names[] = {SE_LOGIN, SE_DASHBOARD, SE_REPORT_VIEWED,
				    SE_SEARCH, SE_STEP + SS_REPORT};

/* Use spread between the first login and end: n sorted times from the
 * cumulative sums of n + 1 exponential gaps (the order statistics of
 * uniforms, without a sort).  Before first value the champion (user 1)
 * does most of it. */
static size_t use_spread(struct sample_account *a, int64_t end, size_t cap,
			 struct sample_event *out)
{
	struct rng *r = &a->rng;
	int64_t start = a->step[SS_FIRST_LOGIN];
	if (start == TTFV_NO_TIME || end <= start + 1)
		return 0;
	double mean = a->noise_rate * (double)(end - start) / DAY;
	size_t n = (size_t)(mean * sample_rng_range(r, 0.7, 1.3) +
			    sample_rng_unit(r));
	if (n > cap)
		n = cap;
	double cum[SAMPLE_MAX_EVENTS + 1], sum = 0;
	for (size_t i = 0; i <= n; i++) {
		sum += -log1p(-sample_rng_unit(r));
		cum[i] = sum;
	}
	int64_t fv = a->step[SS_REPORT];
	double span = (double)(end - start);
	for (size_t i = 0; i < n; i++) {
		int64_t t = start + 1 + (int64_t)(cum[i] / sum * (span - 1));
		bool after = fv != TTFV_NO_TIME && t > fv;
		int k = sample_rng_pick(r, after ? after_w : before_w, 5);
		int user = after || !sample_rng_chance(r, 0.7)
				   ? sample_rng_int(r, 1, a->nusers)
				   : 1;
		out[i] = (struct sample_event){t, use_names[k], (uint8_t)user};
	}
	return n;
}

/* The last week before the as-of date, which decides the weekly-active-
 * users flag: several distinct users, or at most one when low_wau. */
static size_t use_last_week(struct sample_account *a, int64_t from,
			    int64_t to, size_t cap, struct sample_event *out)
{
	struct rng *r = &a->rng;
	int most = a->nusers < 6 ? a->nusers : 6;
	int users = a->low_wau || most < 2 ? sample_rng_int(r, 0, 1)
					   : sample_rng_int(r, 2, most);
	if (users > a->nusers)
		users = a->nusers;
	int first = sample_rng_int(r, 0, a->nusers - 1);
	size_t n = 0;
	for (int u = 0; u < users; u++) {
		int times = sample_rng_int(r, 1, 3);
		for (int k = 0; k < times && n < cap; k++) {
			int64_t t = from + (int64_t)(sample_rng_unit(r) *
						     (double)(to - from));
			int name = sample_rng_pick(r, after_w, 5);
			out[n++] = (struct sample_event){
				t, use_names[name],
				(uint8_t)((first + u) % a->nusers + 1)};
		}
	}
	events_sort(out, n);
	return n;
}

/* Everyday use, in time order: spread over the account's active life,
 * and for a live account past first value, its last week apart. */
static size_t use_list(struct sample_account *a, const struct sample_world *w,
		       size_t cap, struct sample_event *out)
{
	int64_t end = a->active_until < w->as_of ? a->active_until : w->as_of;
	int64_t fv = a->step[SS_REPORT];
	int64_t week = w->as_of - 7 * DAY;
	bool live = fv != TTFV_NO_TIME && a->active_until >= w->as_of;
	size_t n = use_spread(a, live ? week : end, cap, out);
	if (live)
		n += use_last_week(a, fv > week ? fv + 1 : week, w->as_of,
				   cap - n, out + n);
	return n;
}

/* Actions that are no onboarding step, for the value drivers to find:
 * inviting a teammate goes with renewal, a support ticket with churn,
 * reading the help centre with neither.  Each is drawn from the outcome
 * (association, as an export shows it), at most once, within 18 days of
 * the clock start, so some fall past a 14-day window; account-level
 * events without a user, so the weekly active users stay as they were. */
static size_t extras_list(struct sample_account *a,
			  const struct sample_world *w,
			  struct sample_event *out)
{
	static const struct {
		uint8_t name;
		double p[3];	/* by enum sample_outcome: open, renewed,
				 * churned */
	} extra[] = {{SE_INVITE, {0.50, 0.80, 0.15}},
		     {SE_HELP, {0.35, 0.35, 0.35}},
		     {SE_TICKET, {0.25, 0.15, 0.50}}};
	struct rng *r = &a->xrng;
	int64_t end = a->active_until < w->as_of ? a->active_until : w->as_of;
	size_t n = 0;
	if (a->clock == TTFV_NO_TIME)
		return 0;
	for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
		bool does = sample_rng_chance(r, extra[i].p[a->outcome]);
		int64_t t = a->clock +
			    (int64_t)(sample_rng_range(r, 0.05, 18) * DAY);
		if (does && t < end)
			out[n++] = (struct sample_event){t, extra[i].name, 0};
	}
	events_sort(out, n);
	return n;
}

/* Two time-ordered lists as one. */
static size_t events_merge(const struct sample_event *x, size_t nx,
			   const struct sample_event *y, size_t ny,
			   struct sample_event *out)
{
	size_t i = 0, j = 0, n = 0;
	while (i < nx || j < ny) {
		if (j == ny || (i < nx && x[i].t <= y[j].t))
			out[n++] = x[i++];
		else
			out[n++] = y[j++];
	}
	return n;
}

size_t sample_events_make(struct sample_account *a,
			  const struct sample_world *w,
			  struct sample_event *out)
{
	struct sample_event key[1 + SS_COUNT], extra[3];
	struct sample_event both[1 + SS_COUNT + 3];
	struct sample_event use[SAMPLE_MAX_EVENTS];
	size_t nk = milestones_list(a, key);
	size_t nx = extras_list(a, w, extra);
	size_t nb = events_merge(key, nk, extra, nx, both);
	size_t nu = use_list(a, w, SAMPLE_MAX_EVENTS - nb, use);
	return events_merge(both, nb, use, nu, out);
}
