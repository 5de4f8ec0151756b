/* stats_account.c - the QBR summaries (SPEC 8.5): for each picked account
 * (one id, every account, or a CSM's book) its steps against its tier's
 * median day for each, its SLA deadline, its next step and target date,
 * and its onboarding row and post-mortems for the internal view.
 *
 * The figures every summary shares (the tiers' step medians, which row
 * and which post-mortems belong to which account) are computed once, so
 * `--account all` costs one pass over the accounts, not one per QBR. */
#include "stats_priv.h"
#include "suggest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *stats_account_state_name(enum account_state st)
{
	static const char *const name[] = {"reached-within-sla",
					   "reached-late", "on-track", "late",
					   "not-started"};
	return name[st];
}

/* What every summary reads, built once per run. */
struct pick_shared {
	double *tier_step_median;	/* [tier * nsteps + k], in s's arena */
	int32_t *row_of;		/* account -> onboarding row, -1 */
	size_t *pm_off;			/* account a's post-mortems are */
	uint32_t *pm_idx;		/* pm_idx[pm_off[a] .. pm_off[a+1]) */
};

static double step_days(const struct stats_work *w, size_t k, uint32_t a)
{
	int64_t t = stats_step_at(w, k, a);
	if (t == TTFV_NO_TIME || w->start[a] == TTFV_NO_TIME)
		return NAN;
	enum day_kind kind = w->s->tiers[w->tier[a]].days;
	return t < w->start[a] ? 0.0
			       : stats_duration(w, (int32_t)a, w->start[a], t,
						kind);
}

/* Each tier's median day of each step, over the tier's measured accounts
 * that did it by the as-of date. */
static void tier_step_medians(struct stats_work *w, struct pick_shared *p)
{
	struct stats *s = w->s;
	size_t nk = s->nsteps, nt = s->ntiers;
	size_t cells = nt * nk;
	p->tier_step_median = arena_alloc(w->arena,
					  (cells ? cells : 1) * sizeof(double));
	size_t *off;
	uint32_t *b = stats_bucket(w->by_cal, w->nmeasured, w->tier, nt, &off);
	double *v = xmalloc((w->nmeasured ? w->nmeasured : 1) * sizeof(*v));
	for (size_t t = 0; t < nt; t++)
		for (size_t k = 0; k < nk; k++) {
			size_t n = 0;
			for (size_t i = off[t]; i < off[t + 1]; i++) {
				double d = step_days(w, k, b[i]);
				if (!isnan(d))
					v[n++] = d;
			}
			p->tier_step_median[t * nk + k] = stats_median_of(v, n);
		}
	free(v);
	free(off);
	free(b);
}

static void shared_build(struct stats_work *w, struct pick_shared *p)
{
	const struct model *m = w->m;
	tier_step_medians(w, p);
	p->row_of = xmalloc((w->n ? w->n : 1) * sizeof(*p->row_of));
	for (size_t a = 0; a < w->n; a++)
		p->row_of[a] = -1;
	for (size_t i = 0; i < w->s->nonboarding; i++)
		p->row_of[w->s->onboarding[i].account] = (int32_t)i;
	/* a counting sort of the post-mortems by account */
	p->pm_off = xcalloc(w->n + 1, sizeof(*p->pm_off));
	for (size_t i = 0; i < m->npms; i++)
		p->pm_off[m->pms[i].account + 1]++;
	for (size_t a = 0; a < w->n; a++)
		p->pm_off[a + 1] += p->pm_off[a];
	p->pm_idx = xmalloc((m->npms ? m->npms : 1) * sizeof(*p->pm_idx));
	size_t *fill = xmalloc((w->n ? w->n : 1) * sizeof(*fill));
	memcpy(fill, p->pm_off, w->n * sizeof(*fill));
	for (size_t i = 0; i < m->npms; i++)
		p->pm_idx[fill[m->pms[i].account]++] = (uint32_t)i;
	free(fill);
}

static void shared_release(struct pick_shared *p)
{
	free(p->row_of);
	free(p->pm_off);
	free(p->pm_idx);
}

static const char *pm_label(const struct stats *s, unsigned category)
{
	for (int i = 0; i < PM_COUNT; i++)
		if ((unsigned)s->pm[i].category == category)
			return s->pm[i].label;
	return "";
}

/* The next step of an account still onboarding, and when it is due. */
static void next_step(struct stats_work *w, struct account_summary *as,
		      uint32_t a)
{
	const struct tier_path *path = sw_path(w, a);
	size_t npre = path->npre, cur = npre;
	for (size_t j = 0; j < npre && cur == npre; j++)
		if (stats_step_at(w, path->step[j], a) == TTFV_NO_TIME)
			cur = j;
	as->next_step = cur < npre	   ? (int)path->step[cur]
			: path->fv >= 0 ? (int)path->step[path->fv]
					: -1;
	as->next_target = stats_projected(w, a, cur, cur + 1, w->s->as_of);
	as->next_target_days =
		as->next_target == TTFV_NO_TIME
			? NAN
			: stats_duration(w, (int32_t)a, w->start[a],
					 as->next_target, as->days);
}

static enum account_state state_of(const struct account_summary *as)
{
	if (as->clock_start == TTFV_NO_TIME)
		return ACCOUNT_NOT_STARTED;
	if (as->reached)
		return as->sla_breached ? ACCOUNT_REACHED_LATE
					: ACCOUNT_REACHED_IN_SLA;
	return as->sla_breached ? ACCOUNT_LATE : ACCOUNT_ON_TRACK;
}

static void summary_fill(struct stats_work *w, const struct pick_shared *p,
			 struct account_summary *as, uint32_t a)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	const struct account *acc = &m->acc[a];
	const struct tier_stats *ts = &s->tiers[w->tier[a]];
	memset(as, 0, sizeof(*as));
	as->account = (int32_t)a;
	as->account_id = acc->id;
	as->name = acc->name;
	as->tier = ts->g.name;
	as->csm = model_attr_value(m, acc, ATTR_CSM);
	as->clock_start = w->start[a];
	size_t nk = s->nsteps ? s->nsteps : 1;
	as->step_at = arena_alloc(w->arena, nk * sizeof(*as->step_at));
	as->step_days = arena_alloc(w->arena, nk * sizeof(*as->step_days));
	for (size_t k = 0; k < s->nsteps; k++) {
		as->step_at[k] = stats_step_at(w, k, a);
		as->step_days[k] = step_days(w, k, a);
	}
	as->tier_step_median = p->tier_step_median + (size_t)w->tier[a] *
							     s->nsteps;
	as->path = ts->path;
	as->npath = ts->npath;
	bool started = w->start[a] != TTFV_NO_TIME;
	as->reached = started && sw_reached(w, a);
	as->first_value_at = as->reached ? w->fv[a] : TTFV_NO_TIME;
	as->ttfv = as->reached ? w->dur[a] : NAN;
	as->ttfv_calendar = as->reached ? w->cal[a] : NAN;
	as->elapsed_days = as->reached || !started ? NAN : w->dur[a];
	as->days = ts->days;
	as->tier_sla = ts->sla_days;
	as->sla_days = w->limit[a];
	as->tier_median = ts->g.p[1];
	as->overall_median = s->overall.p[1];
	as->breached_at = w->breach_at[a];
	as->sla_breached = as->breached_at != TTFV_NO_TIME;
	as->deadline = started && !isnan(as->sla_days)
			       ? stats_deadline(w, (int32_t)a, w->start[a],
						as->sla_days, as->days)
			       : TTFV_NO_TIME;
	as->status = STATUS_ON_TRACK;
	as->next_step = -1;
	as->next_target = TTFV_NO_TIME;
	as->next_target_days = NAN;
	if (p->row_of[a] >= 0) {
		const struct onboarding_row *r = &s->onboarding[p->row_of[a]];
		as->row = r;
		as->status = r->status;
		as->current_step = r->current_step;
	}
	if (started && !as->reached)
		next_step(w, as, a);
	as->state = state_of(as);
	as->npms = p->pm_off[a + 1] - p->pm_off[a];
	as->pms = arena_alloc(w->arena,
			      (as->npms ? as->npms : 1) * sizeof(*as->pms));
	for (size_t i = 0; i < as->npms; i++) {
		const struct postmortem *pm = &m->pms[p->pm_idx[p->pm_off[a] + i]];
		as->pms[i] = (struct account_pm){pm_label(s, pm->category),
						 pm->owner, pm->breached_at,
						 pm->opened_at};
	}
}

/* "; closest: 'A000042', 'A000024'" for a name nobody has. */
static void closest_list(struct buf *b, const struct suggest_nearest *c)
{
	for (size_t i = 0; i < c->n; i++)
		buf_addf(b, "%s'%s'", i ? ", " : "; closest: ", c->best[i]);
}

static int unknown_account(struct stats_work *w, const char *id,
			   struct diag *d)
{
	struct suggest_nearest c;
	suggest_nearest_init(&c, id);
	for (size_t a = 0; a < w->n; a++)
		suggest_nearest_add(&c, w->m->acc[a].id);
	struct buf b = BUF_INIT;
	closest_list(&b, &c);
	diag_add(d, NULL, 0, "--account", "no account '%s' in the accounts "
		 "data%s", id, buf_cstr(&b));
	buf_release(&b);
	return -1;
}

static int unknown_csm(struct stats_work *w, const char *csm,
		       struct diag *d)
{
	const struct strtab *t = &w->m->attrs[ATTR_CSM];
	struct suggest_nearest c;
	suggest_nearest_init(&c, csm);
	for (size_t i = 0; i < t->n; i++)
		suggest_nearest_add(&c, t->str[i]);
	struct buf b = BUF_INIT;
	closest_list(&b, &c);
	diag_add(d, NULL, 0, "--csm", "no account has the CSM '%s'%s", csm,
		 buf_cstr(&b));
	buf_release(&b);
	return -1;
}

/* Whether account a is one the pick asks for (id_match: the one id). */
static bool picked(const struct stats_work *w, const struct stats_pick *p,
		   int32_t one, int32_t csm, uint32_t a)
{
	if (one >= 0)
		return (int32_t)a == one;
	if (p->csm)
		return w->m->acc[a].attr[ATTR_CSM] == csm;
	return true;
}

int stats_accounts_pick(struct stats_work *w, const struct stats_pick *pick,
			struct diag *d)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	int32_t one = -1, csm = -1;
	bool all = pick->account && strcmp(pick->account, "all") == 0;
	if (pick->account && !all) {
		one = model_find(m, pick->account, strlen(pick->account));
		if (one < 0)
			return unknown_account(w, pick->account, d);
	}
	if (pick->csm) {
		csm = strtab_find(&m->attrs[ATTR_CSM], pick->csm,
				  strlen(pick->csm));
		if (csm < 0)
			return unknown_csm(w, pick->csm, d);
	}
	size_t n = 0;
	for (uint32_t a = 0; a < w->n; a++)
		n += picked(w, pick, one, csm, a);
	struct pick_shared p;
	shared_build(w, &p);
	s->qbr = arena_alloc(w->arena, (n ? n : 1) * sizeof(*s->qbr));
	for (uint32_t a = 0; a < w->n; a++)
		if (picked(w, pick, one, csm, a))
			summary_fill(w, &p, &s->qbr[s->nqbr++], a);
	shared_release(&p);
	if (one >= 0)
		s->account = &s->qbr[0];
	return 0;
}

struct stats stats_account_view(const struct stats *s,
				const struct account_summary *a)
{
	struct stats v = *s;
	v.account = a;
	return v;
}
