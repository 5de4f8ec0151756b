/* sample_account.c - one simulated onboarding, shaped by the seeds.
 *
 * Seed 000 gives the tiers and their clocks (high-touch from the kickoff
 * call in business days, the others from signature), the SLA targets, the
 * post-mortem categories, and the renewal gap (first value within 30 days
 * retains 2-3x better than after 60).  Seed 003 gives the churn flags
 * (no exec sponsor), seed 004 the record fields (owner, proof, approver)
 * and intervention paths.  Every number below is a modelling choice that
 * lands the figures in the seeds' ranges.
 */
#include "sample_gen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "timeutil.h"

#define DAY 86400

struct tier_model {
	double median;		/* TTFV in the tier's days, mid-window */
	double sigma;		/* spread of log TTFV */
	double complicated;	/* chance of a 2.5x slower onboarding */
	double never;		/* chance of stalling for good */
	double sla;		/* the SLA the samples' ttfv.ini leads to (auto
				 * for high-touch: p75 32 * 1.2, rounded up) */
	bool business;		/* days count Monday to Friday only */
	int users_lo, users_hi;
	double noise;		/* product events per active day */
	double pause;		/* chance of a customer-side pause */
	double arr_lo, arr_hi;
	double no_sponsor;	/* chance of no named exec sponsor */
};

/* p75 of TTFV = median * exp(0.674 sigma): high-touch 20 * 1.45 = 29
 * business days, tech-touch 6 * 1.60 = 9.6 days, self-serve 2.2 * 1.77 =
 * 3.9 days (seed 000: 28 / 9 days; self-serve 1-7). */
static const struct tier_model tiers[ST_COUNT] = {
	[ST_HIGH] = {20, 0.55, 0.12, 0.05, 38, true, 5, 15, 0.25, 0.08,
		     60000, 400000, 0.12},
	[ST_TECH] = {6, 0.70, 0.08, 0.06, 14, false, 2, 8, 0.11, 0.05,
		     8000, 60000, 0.25},
	[ST_SELF] = {2.2, 0.85, 0.05, 0.18, 7, false, 1, 3, 0.06, 0, 600,
		     6000, 0.60},
};

const char *const sample_tier_names[ST_COUNT] = {"high-touch", "tech-touch",
						 "self-serve"};

/* ---- name tables ------------------------------------------------------ */

#define N(a) ((int)(sizeof(a) / sizeof(*(a))))

static const char *const plans[] = {"Enterprise", "Business", "Growth",
				    "Team", "Starter"};
static const double plan_w[ST_COUNT][5] = {
	{1, 0, 0, 0, 0}, {0, 0.6, 0.4, 0, 0}, {0, 0, 0, 0.5, 0.5}};
static const char *const sizes[] = {"1-10", "11-50", "51-200", "201-1000",
				    "1001-5000", "5000+"};
static const double size_w[ST_COUNT][6] = {{0, 0, 0, 0.2, 0.5, 0.3},
					   {0, 0.1, 0.5, 0.4, 0, 0},
					   {0.4, 0.5, 0.1, 0, 0, 0}};
static const char *const channels[] = {"sales", "partner", "inbound",
				       "self-serve", "marketplace"};
static const double channel_w[ST_COUNT][5] = {{0.8, 0.2, 0, 0, 0},
					      {0.5, 0.2, 0.3, 0, 0},
					      {0, 0, 0, 0.8, 0.2}};
static const char *const regions[] = {"NA", "EMEA", "APAC", "LATAM"};
static const double region_w[] = {0.45, 0.35, 0.15, 0.05};
static const char *const csms[] = {
	"Alex Moreno", "Bea Lindqvist", "Chidi Okafor", "Dana Kim",
	"Elif Yilmaz", "Farah Siddiqui", "Gus Andersen", "Hana Sato",
	"Ines Duarte", "Jon Park", "Kemi Adeyemi", "Luca Romano"};
static const char digital_cs[] = "Digital CS";
static const char *const first_names[] = {
	"Maria", "James", "Aisha", "Wei", "Olga", "Carlos", "Sofia", "Noah",
	"Priya", "Tom", "Yuki", "Amara", "Lars", "Zoe", "Omar", "Chloe"};
static const char *const last_names[] = {
	"Garcia", "Smith", "Khan", "Chen", "Ivanova", "Silva", "Rossi",
	"Johnson", "Patel", "O'Brien", "Tanaka", "Mensah", "Nilsen", "Dubois",
	"Haddad", "Weber"};
static const char *const approvers[] = {"R. Okafor (VP CS)",
					"M. Jensen (Head of Onboarding)",
					"S. Alvarez (CS Ops)"};
static const char *const paths[] = {"automation_only", "hybrid",
				    "manual_assist"};
/* a person is involved (hybrid or manual) for ~27% overall: between
 * seed 004's target (25%) and warning level (40%) */
static const double path_w[ST_COUNT][3] = {
	{0.15, 0.45, 0.40}, {0.70, 0.22, 0.08}, {0.97, 0.02, 0.01}};
static const char *const adjectives[] = {
	"Blue", "Northern", "Bright", "Silver", "Quiet", "Rapid", "Golden",
	"Open", "Summit", "Harbor", "Pine", "Granite", "Clear", "Vivid",
	"Polar", "Cedar", "Atlas", "Nimbus", "Coastal", "Iron"};
static const char *const nouns[] = {
	"Fox", "River", "Ledger", "Beacon", "Orbit", "Forge", "Meadow",
	"Anchor", "Signal", "Canyon", "Lantern", "Falcon", "Harvest", "Vector",
	"Bridge", "Willow", "Comet", "Pioneer", "Quarry", "Tide"};
static const char *const suffixes[] = {
	"Logistics", "Health", "Labs", "Retail", "Capital", "Foods",
	"Systems", "Media", "Energy", "Analytics", "Legal", "Travel"};
/* Legal values that break naive CSV, Markdown and HTML output. */
static const char *const hostile_names[] = {
	"Acme, Inc.", "The \"Quoted\" Company", "| *x*", "<b>bold</b>",
	"<script>alert(1)</script>", "Müller & Söhne GmbH"};

const char *const sample_pm_names[SP_COUNT] = {
	"data_migration", "configuration", "customer_readiness", "product"};
/* seed 000: mostly data migration, then configuration, readiness, product;
 * a complicated onboarding is even more often a migration problem */
static const double pm_w[2][SP_COUNT] = {{0.35, 0.27, 0.25, 0.13},
					 {0.55, 0.25, 0.08, 0.12}};
static const char *const pm_owners[SP_COUNT][2] = {
	{"Priya Nair (Implementation)", "Jonas Berg (CS Ops)"},
	{"Mei Tanaka (Implementation)", "Jonas Berg (CS Ops)"},
	{NULL, NULL},	/* the account's CSM, through the success plan */
	{"Dana Whitfield (Product)", "Omar Haddad (Product)"}};
static const char *const pm_notes[SP_COUNT][3] = {
	{"Customer export had mixed date formats, re-imported twice",
	 "Legacy CRM dump arrived 9 days late",
	 "Field mapping for \"custom objects\" needed a script"},
	{"Approval workflow needed 3 custom stages",
	 "SSO and role mapping took longer than the playbook assumed",
	 "Per-region settings were not in the implementation plan"},
	{"Project owner moved to another initiative",
	 "IT could not provide integration credentials on time",
	 "Approver for the configuration was on leave"},
	{"Import failed on files over 50 MB (bug filed)",
	 "Report sharing lacked a PDF export",
	 "Permissions UI hid the workflow editor from admins"}};
static const char *const pause_reasons[] = {
	"customer security review", "customer holiday freeze",
	"waiting on customer IT credentials", "customer re-org"};
static const char *const blockers[] = {"setup", "integration", "confidence",
				       "strategy"};
/* An onboarding nudge (an in-app checklist with reminder emails) tried on
 * the digital tiers from 2026-05-01, half the new accounts each way. */
static const char *const variants[] = {"control", "nudge"};

/* ---- calendar ---------------------------------------------------------- */

void sample_world_init(struct sample_world *w)
{
	/* the holidays written into the samples' ttfv.ini */
	static const unsigned short hol[][3] = {
		{2025, 11, 27}, {2025, 12, 25}, {2025, 12, 26}, {2026, 1, 1},
		{2026, 5, 25},	{2026, 7, 3},	{2026, 9, 7}};
	memset(w, 0, sizeof(*w));
	for (int i = 0; i < N(hol); i++)
		w->holidays[w->nholidays++] =
			(int32_t)tu_days_from_civil(hol[i][0], hol[i][1],
						    hol[i][2]);
	w->last_day = tu_days_from_civil(2026, 10, 31);
	w->first_day = tu_days_from_civil(2025, 8, 1);
	w->as_of = (w->last_day + 1) * DAY;
}

bool sample_business_day(const struct sample_world *w, int64_t day)
{
	if (tu_weekday(day) >= 5)
		return false;
	for (size_t i = 0; i < w->nholidays; i++)
		if (w->holidays[i] == day)
			return false;
	return true;
}

/* t plus days, counted as the tier counts them. */
static int64_t days_add(const struct sample_world *w, int64_t t, double days,
			bool business)
{
	if (!business)
		return t + (int64_t)(days * DAY);
	int64_t whole = (int64_t)days;
	int64_t r = t + (int64_t)((days - (double)whole) * DAY);
	while (whole > 0) {
		r += DAY;
		whole -= sample_business_day(w, r / DAY);
	}
	while (!sample_business_day(w, r / DAY))
		r += DAY;
	return r;
}

/* A moment between the hours lo and hi (UTC) of day. */
static int64_t at_hours(struct rng *r, int64_t day, int lo, int hi)
{
	return day * DAY + (int64_t)sample_rng_range(r, lo * 3600.0,
						     hi * 3600.0);
}

/* ---- one account -------------------------------------------------------- */

/* Signature day: volume grows by half over the window (density 1 + x/2,
 * drawn by inverting its distribution function). */
static int64_t sign_day(struct rng *r, const struct sample_world *w,
			double *pos)
{
	double u = sample_rng_unit(r);
	double x = (-1.0 + sqrt(1.0 + 1.25 * u)) / 0.5;
	int64_t span = w->last_day - w->first_day;
	int64_t day = w->first_day + (int64_t)(x * (double)(span + 1));
	if (day > w->last_day)
		day = w->last_day;
	*pos = (double)(day - w->first_day) / (double)span;
	return day;
}

static void attrs_pick(struct sample_account *a, bool reached, bool slow)
{
	struct rng *r = &a->rng;
	const struct tier_model *m = &tiers[a->tier];
	const char **at = a->attr;
	at[SA_PLAN] = plans[sample_rng_pick(r, plan_w[a->tier], N(plans))];
	at[SA_SIZE] = sizes[sample_rng_pick(r, size_w[a->tier], N(sizes))];
	at[SA_CHANNEL] =
		channels[sample_rng_pick(r, channel_w[a->tier], N(channels))];
	at[SA_REGION] = regions[sample_rng_pick(r, region_w, N(regions))];
	at[SA_CSM] = a->tier == ST_SELF
			     ? digital_cs
			     : csms[sample_rng_int(r, 0, N(csms) - 1)];
	if (!sample_rng_chance(r, m->no_sponsor)) {
		snprintf(a->sponsor, sizeof(a->sponsor), "%s %s",
			 first_names[sample_rng_int(r, 0, N(first_names) - 1)],
			 last_names[sample_rng_int(r, 0, N(last_names) - 1)]);
		at[SA_SPONSOR] = a->sponsor;
	}
	/* seed 004: every first-value record should carry owner, proof and
	 * approver; ~4% miss one (0.99 * 0.985^2 = 0.96, above the warning
	 * level of 95%) */
	if (sample_rng_chance(r, 0.99))
		at[SA_OWNER] = at[SA_CSM];
	a->has_proof = reached && sample_rng_chance(r, 0.985);
	if (reached && sample_rng_chance(r, 0.985))
		at[SA_APPROVER] =
			approvers[sample_rng_int(r, 0, N(approvers) - 1)];
	at[SA_INTERVENTION] =
		paths[sample_rng_pick(r, path_w[a->tier], N(paths))];
	if (slow)
		at[SA_BLOCKER] = blockers[sample_rng_int(r, 0, 1)];
	else if (!reached && sample_rng_chance(r, 0.5))
		at[SA_BLOCKER] = blockers[sample_rng_int(r, 0, 3)];
	double arr = exp(sample_rng_range(r, log(m->arr_lo), log(m->arr_hi)));
	a->arr = (uint32_t)(arr / 100.0) * 100u;
}

/* Returns whether the name is one of the hostile ones. */
static bool name_make(struct sample_account *a)
{
	struct rng *r = &a->rng;
	/* hostile names early, so even a tiny sample has them */
	if (a->index % 5 == 3 && a->index / 5 < (uint32_t)N(hostile_names)) {
		snprintf(a->name, sizeof(a->name), "%s",
			 hostile_names[a->index / 5]);
		return true;
	}
	snprintf(a->name, sizeof(a->name), "%s %s %s",
		 adjectives[sample_rng_int(r, 0, N(adjectives) - 1)],
		 nouns[sample_rng_int(r, 0, N(nouns) - 1)],
		 suffixes[sample_rng_int(r, 0, N(suffixes) - 1)]);
	return false;
}

/* Renewal at the end of the first term: seed 000's retention gap by TTFV
 * band (0.90 / 0.30 = 3x before the other signals), and seed 003's other
 * churn signals, slow for the tier (so that churned accounts are slower
 * within every tier, not only across tiers) and no exec sponsor; accounts
 * that never got going mostly cancel early.  ttfv_days < 0: no first
 * value. */
static void outcome_decide(struct sample_account *a,
			   const struct sample_world *w, double ttfv_days,
			   bool slow_for_tier)
{
	struct rng *r = &a->rng;
	/* first terms: self-serve quarterly, others half a year or a year
	 * (high-touch half-year terms are paid pilots) */
	int term = 90;
	if (a->tier == ST_HIGH)
		term = sample_rng_chance(r, 0.4) ? 180 : 365;
	else if (a->tier == ST_TECH)
		term = sample_rng_chance(r, 0.5) ? 180 : 365;
	int64_t renewal = a->signed_at + (int64_t)term * DAY;
	a->outcome = SO_OPEN;
	a->active_until = w->as_of;
	if (renewal <= w->as_of) {
		double p = ttfv_days < 0	 ? 0.04
			   : ttfv_days <= 30 ? 0.90
			   : ttfv_days <= 60 ? 0.60
					     : 0.30;
		if (slow_for_tier && ttfv_days >= 0 && ttfv_days <= 30)
			p -= 0.20;
		if (!a->attr[SA_SPONSOR])
			p = fmax(p - 0.08, 0);
		if (sample_rng_chance(r, p))
			a->outcome = SO_RENEWED;
		else {
			a->outcome = SO_CHURNED;
			a->active_until =
				renewal - (int64_t)sample_rng_range(r, 0, 30) *
						  DAY;
		}
	} else if (ttfv_days < 0 &&
		   a->signed_at + 150 * (int64_t)DAY <= w->as_of &&
		   sample_rng_chance(r, 0.75)) {
		a->outcome = SO_CHURNED;
		a->active_until =
			a->signed_at +
			(int64_t)sample_rng_range(r, 100, 150) * DAY;
	}
}

/* Seed 000: a breach of the tier's SLA gets a post-mortem, most within a
 * few business days, some late, some never. */
static void breach_record(struct sample_account *a,
			  const struct sample_world *w, int64_t deadline,
			  bool slow)
{
	struct rng *r = &a->rng;
	if (!sample_rng_chance(r, 0.85))
		return;
	double delay = sample_rng_chance(r, 0.12)
			       ? sample_rng_range(r, 6, 15)
			       : sample_rng_range(r, 0.5, 4);
	int64_t opened = days_add(w, deadline, delay, true);
	if (opened > w->as_of)
		return;
	a->has_pm = true;
	a->breached_at = deadline;
	a->pm_opened_at = opened;
	a->pm_category = (uint8_t)sample_rng_pick(r, pm_w[slow], SP_COUNT);
	const char *owner = pm_owners[a->pm_category][sample_rng_int(r, 0, 1)];
	a->pm_owner = owner ? owner : a->attr[SA_CSM];
	a->pm_notes = pm_notes[a->pm_category][sample_rng_int(r, 0, 2)];
}

/* Signature (and kickoff) times; returns the signature's position in the
 * window, 0 to 1. */
static double signing_draw(struct sample_account *a,
			   const struct sample_world *w, bool stuck)
{
	struct rng *r = &a->rng;
	double pos;
	int64_t day = sign_day(r, w, &pos);
	if (stuck) {
		day = w->last_day - sample_rng_int(r, 25, 50);
		pos = 1;
	}
	if (a->tier != ST_SELF) {
		/* sales-led deals close on working days */
		while (tu_weekday(day) >= 5)
			day += day + 2 <= w->last_day ? 1 : -1;
		a->signed_at = at_hours(r, day, 13, 22);
	} else
		a->signed_at = at_hours(r, day, 0, 24);

	a->kickoff_at = TTFV_NO_TIME;
	if (a->tier == ST_HIGH ||
	    (a->tier == ST_TECH && sample_rng_chance(r, 0.6))) {
		int64_t k = days_add(w, a->signed_at,
				     sample_rng_int(r, 1, 6), true);
		k = at_hours(r, k / DAY, 14, 19);
		if (k <= w->as_of)
			a->kickoff_at = k;
	}
	a->clock = a->tier == ST_HIGH ? a->kickoff_at : a->signed_at;
	return pos;
}

/* A customer-side pause somewhere in the first half of the way to fv;
 * returns its length. */
static int64_t pause_draw(struct sample_account *a, int64_t fv)
{
	struct rng *r = &a->rng;
	double at = sample_rng_range(r, 0.15, 0.6);
	a->pause_from = a->clock + (int64_t)(at * (double)(fv - a->clock));
	int64_t len = (int64_t)(sample_rng_range(r, 3, 15) * DAY);
	a->pause_to = a->pause_from + len;
	a->pause_reason = pause_reasons[sample_rng_int(r, 0, 3)];
	return len;
}

/* The onboarding steps before stall, spread between the clock start and
 * fv, as far as the account's activity and the as-of date go; then the
 * go-live of most accounts that reached first value. */
static void steps_place(struct sample_account *a,
			const struct sample_world *w, int64_t fv, int stall)
{
	static const double lo[SS_COUNT] = {0.02, 0.2, 0.56, 1};
	static const double hi[SS_COUNT] = {0.15, 0.55, 0.9, 1};
	struct rng *r = &a->rng;
	int64_t end = a->active_until < w->as_of ? a->active_until : w->as_of;
	for (int s = 0; s < stall; s++) {
		double f = sample_rng_range(r, lo[s], hi[s]);
		int64_t t = a->clock + (int64_t)(f * (double)(fv - a->clock));
		if (t > end)
			break;
		a->step[s] = t;
	}
	int64_t first_value = a->step[SS_REPORT];
	if (first_value != TTFV_NO_TIME && sample_rng_chance(r, 0.8)) {
		int64_t g = first_value +
			    (int64_t)(sample_rng_range(r, 5, 35) * DAY);
		if (g <= a->active_until && g <= w->as_of)
			a->go_live_at = g;
	}
}

void sample_account_make(struct sample_account *a,
			 const struct sample_world *w, uint64_t seed,
			 uint32_t index)
{
	memset(a, 0, sizeof(*a));
	a->index = index;
	sample_rng_seed(&a->rng, seed, index);
	struct rng *r = &a->rng;
	static const double tier_w[ST_COUNT] = {0.15, 0.45, 0.40};
	a->tier = (uint8_t)sample_rng_pick(r, tier_w, ST_COUNT);
	const struct tier_model *m = &tiers[a->tier];
	/* every other hostile name signed lately and is stuck at the data
	 * import, so the weekly list of accounts to act on shows them */
	bool stuck = name_make(a) && a->index / 5 % 2 == 0;
	double pos = signing_draw(a, w, stuck);
	sample_rng_seed(&a->xrng, seed, (uint64_t)index + (1ull << 32));
	bool nudge = false;
	if (a->tier != ST_HIGH &&
	    a->signed_at >= tu_days_from_civil(2026, 5, 1) * DAY) {
		nudge = sample_rng_chance(&a->xrng, 0.5);
		a->attr[SA_VARIANT] = variants[nudge];
	}
	a->pause_from = a->pause_to = a->go_live_at = TTFV_NO_TIME;
	for (int s = 0; s < SS_COUNT; s++)
		a->step[s] = TTFV_NO_TIME;

	/* TTFV in the tier's days; older cohorts were slower (the trend
	 * chart should show onboarding getting faster).  The nudge works: a
	 * fifth faster, and half as many accounts stall for good. */
	bool slow = sample_rng_chance(r, m->complicated);
	double ttfv = m->median * (1.15 - 0.30 * pos) *
		      exp(m->sigma * sample_rng_normal(r)) * (slow ? 2.5 : 1) *
		      (nudge ? 0.8 : 1);
	ttfv = fmax(ttfv, 0.05);
	bool never = sample_rng_chance(r, m->never * (slow ? 2 : 1) *
						  (nudge ? 0.5 : 1)) ||
		     stuck;
	int stall = SS_COUNT;
	if (never) {
		static const double stall_w[SS_COUNT] = {0.1, 0.5, 0.3, 0.1};
		stall = stuck ? SS_IMPORT
			      : sample_rng_pick(r, stall_w, SS_COUNT);
	}

	int64_t fv = TTFV_NO_TIME, pause_len = 0, deadline = TTFV_NO_TIME;
	if (a->clock != TTFV_NO_TIME) {
		fv = days_add(w, a->clock, ttfv, m->business);
		deadline = days_add(w, a->clock, m->sla, m->business);
		if (sample_rng_chance(r, m->pause)) {
			/* a documented customer-side delay stops the clock:
			 * first value and the deadline move by its length */
			pause_len = pause_draw(a, fv);
			fv += pause_len;
			deadline += pause_len;
		}
	}
	bool reached = !never && fv != TTFV_NO_TIME && fv <= w->as_of;
	double ttfv_days = reached ? (double)(fv - a->clock - pause_len) / DAY
				   : -1;
	attrs_pick(a, reached, slow);
	/* slower than the tier's p75 (median * exp(0.674 sigma)) */
	bool slow_for_tier = ttfv > m->median * exp(0.674 * m->sigma);
	outcome_decide(a, w, ttfv_days, slow_for_tier);
	a->nusers = (uint8_t)sample_rng_int(r, m->users_lo, m->users_hi);
	/* seed 003: low weekly use after first value goes with the other
	 * churn signals (slow onboarding, no sponsor) */
	a->low_wau = sample_rng_chance(r, 0.1 + 0.25 * !a->attr[SA_SPONSOR] +
						  0.25 * (slow || !reached));
	a->noise_rate = m->noise * (never ? 0.3 : 1) *
			(a->outcome == SO_CHURNED ? 0.5 : 1) *
			sample_rng_range(r, 0.6, 1.4);

	if (fv != TTFV_NO_TIME)
		steps_place(a, w, fv, stall);
	int64_t first_value = a->step[SS_REPORT];
	if (a->pause_to != TTFV_NO_TIME && a->pause_to > w->as_of)
		a->pause_from = a->pause_to = TTFV_NO_TIME;
	/* self-serve SLAs are internal only: no post-mortems (seed 000) */
	if (a->tier != ST_SELF && deadline != TTFV_NO_TIME &&
	    deadline <= w->as_of &&
	    (first_value == TTFV_NO_TIME || first_value > deadline))
		breach_record(a, w, deadline, slow);
}
