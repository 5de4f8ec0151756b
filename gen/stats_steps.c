/* stats_steps.c - the onboarding steps: configured, else the milestone
 * columns present, else inferred from the events (SPEC section 3). */
#include "stats_priv.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A step in words a customer reads: "configure_workflow" is "Configure
 * workflow" (underscores as spaces, the first letter capitalised). */
static const char *step_label(const struct stats_work *w, const char *name)
{
	char *l = arena_strndup(w->arena, name, strlen(name));
	for (char *p = l; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (*l >= 'a' && *l <= 'z')
		*l = (char)(*l - 'a' + 'A');
	return l;
}

static void step_add(struct stats_work *w, const char *name, int ms, int ev)
{
	struct stats *s = w->s;
	struct step_info *si = &s->steps[s->nsteps];
	memset(si, 0, sizeof(*si));
	si->name = name;
	si->label = step_label(w, name);
	si->column = ms >= 0 ? schema_milestone_name(ms) : NULL;
	si->event = ev >= 0 ? w->m->event_names.str[ev] : NULL;
	si->max_days = NAN;
	/* SPEC 8.3: integration and setup are what an automated assist
	 * (guided setup, connector checks) can unblock */
	si->route_automated = str_ieq_n(name, strlen(name), "integration") ||
			      str_ieq_n(name, strlen(name), "setup");
	w->step_src[s->nsteps].ms = ms;
	w->step_src[s->nsteps].ev = ev;
	s->nsteps++;
}

/* The first-value step: its column name without "_at", or its event. */
static void step_add_first_value(struct stats_work *w)
{
	if (w->fv_src.ms >= 0)
		step_add(w, "first_value", w->fv_src.ms, -1);
	else
		step_add(w, w->m->event_names.str[w->fv_src.ev], -1,
			 w->fv_src.ev);
}

/* The stats outlive the config: its strings are copied. */
static const char *keep(const struct stats_work *w, const char *str)
{
	return str ? arena_strndup(w->arena, str, strlen(str)) : NULL;
}

static void steps_from_config(struct stats_work *w)
{
	const struct config *c = w->c;
	for (size_t k = 0; k < c->nsteps; k++) {
		const struct step_conf *sc = &c->steps[k];
		int ms = sc->column ? schema_milestone_of(sc->column) : -1;
		int ev = sc->event ? strtab_find(&w->m->event_names, sc->event,
						 strlen(sc->event))
				   : -1;
		step_add(w, keep(w, sc->name), ms, ev);
		struct step_info *si = &w->s->steps[k];
		/* an event the data never saw still names the step */
		si->event = keep(w, sc->event);
		si->column = keep(w, sc->column);
		si->max_days = sc->max_days;
		si->playbook = keep(w, sc->playbook);
		if (sc->route != STEP_ROUTE_DEFAULT)
			si->route_automated = sc->route == STEP_ROUTE_AUTOMATED;
		if (sc->label)
			si->label = keep(w, sc->label);
	}
}

static bool steps_from_columns(struct stats_work *w)
{
	static const int before[] = {MS_KICKOFF, MS_FIRST_LOGIN,
				     MS_SETUP_COMPLETE};
	static const char *const name[] = {"kickoff", "first_login",
					   "setup_complete"};
	bool any = false;
	for (size_t i = 0; i < sizeof(before) / sizeof(before[0]); i++)
		if (model_has_milestone(w->m, before[i])) {
			step_add(w, name[i], before[i], -1);
			any = true;
		}
	step_add_first_value(w);
	if (model_has_milestone(w->m, MS_GO_LIVE)) {
		step_add(w, "go_live", MS_GO_LIVE, -1);
		any = true;
	}
	return any;
}

struct candidate {
	int ev;
	double median;
	const char *name;
};

static int cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->median != y->median)
		return (x->median > y->median) - (x->median < y->median);
	return strcmp(x->name, y->name);
}

/* Why step k's name cannot be pasted back as "[step NAME]" and "event =
 * NAME" (the config reads them as inih does), or NULL: a line break ends
 * the line, ']' the header, a ';' after white space starts a comment, a
 * line has at most INI_LINE_MAX characters (inih's 200 less the line end
 * and NUL, as config.c reads it), and step names are matched
 * case-insensitively, so a second "Login" beside "login" is a duplicate. */
#define INI_LINE_MAX 197
static const char *ini_unfit(const struct stats *s, size_t k)
{
	const char *name = s->steps[k].name;
	if (strpbrk(name, "\n\r"))
		return "holds a line break, which an INI line cannot";
	if (strchr(name, ']'))
		return "holds ']', which ends a section name";
	for (const char *c = strchr(name, ';'); c; c = strchr(c + 1, ';'))
		if (c > name && isspace((unsigned char)c[-1]))
			return "holds ';' after a space, which starts a comment";
	if (strlen(name) + sizeof("event = ") - 1 > INI_LINE_MAX)
		return "is too long for one line of ttfv.ini";
	for (size_t j = 0; j < k; j++)
		if (str_ieq_n(s->steps[j].name, strlen(s->steps[j].name), name))
			return "differs from an earlier one only in case, and step "
			       "names are matched case-insensitively";
	return NULL;
}

/* Events that at least half of the accounts with a first value did before
 * it, ordered by their median days since clock start. */
static void steps_infer(struct stats_work *w)
{
	const struct model *m = w->m;
	size_t nreached = 0;
	for (uint32_t a = 0; a < w->n; a++)
		nreached += w->start[a] != TTFV_NO_TIME && sw_reached(w, a);
	struct candidate cand[MODEL_MAX_EVENTS];
	size_t ncand = 0;
	double *days = xmalloc((nreached ? nreached : 1) * sizeof(*days));
	for (size_t e = 0; e < m->event_names.n; e++) {
		/* no first value, [report]'s or a tier's, is a step before
		 * one */
		bool fv = (int)e == w->fv_src.ev;
		for (size_t t = 0; t < w->s->ntiers && !fv; t++)
			fv = w->path[t].fv_src.ev == (int)e;
		if (fv)
			continue;
		size_t n = 0;
		for (uint32_t a = 0; a < w->n; a++) {
			if (w->start[a] == TTFV_NO_TIME || !sw_reached(w, a))
				continue;
			int64_t t = m->event_first[e][a];
			if (t != TTFV_NO_TIME && t <= w->fv[a])
				days[n++] = (double)(t - w->start[a]) / TU_DAY;
		}
		if (n == 0 || n * 2 < nreached)
			continue;
		cand[ncand].ev = (int)e;
		cand[ncand].name = m->event_names.str[e];
		cand[ncand++].median = stats_median_of(days, n);
	}
	free(days);
	qsort(cand, ncand, sizeof(*cand), cmp_candidate);
	for (size_t i = 0; i < ncand; i++)
		step_add(w, cand[i].name, -1, cand[i].ev);
	step_add_first_value(w);

	struct stats *s = w->s;
	for (size_t k = 0; k < s->nsteps; k++)
		s->steps[k].ini_unfit = ini_unfit(s, k);
	s->dq.steps_inferred = true;
}

static bool src_same(struct step_src a, struct step_src b)
{
	return (a.ms >= 0 && a.ms == b.ms) || (a.ev >= 0 && a.ev == b.ev);
}

/* The step whose source is src, added after the others when there is
 * none (a tier's own first-value event on steps the config does not
 * name). */
static size_t step_of_source(struct stats_work *w, struct step_src src)
{
	for (size_t k = 0; k < w->s->nsteps; k++)
		if (src_same(w->step_src[k], src))
			return k;
	if (src.ev >= 0)
		step_add(w, w->m->event_names.str[src.ev], -1, src.ev);
	else
		step_add(w, "first_value", src.ms, -1);
	return w->s->nsteps - 1;
}

static void path_add(struct tier_path *p, size_t k)
{
	p->step[p->n++] = (uint32_t)k;
}

/* Seed 004's paths per segment.  A tier's steps = list is its path; a
 * tier without one walks the [step] sections no list names (all of them
 * when no tier has a list), or the steps from the columns or the events;
 * a tier with a first-value event of its own there walks the shared steps
 * before first value, then its own (added after the shared steps, which
 * are the first shared of s->steps). */
static void path_build(struct stats_work *w, size_t t, size_t shared,
		       size_t cap)
{
	struct stats *s = w->s;
	struct tier_path *p = &w->path[t];
	const struct tier_conf *tc = config_tier(w->c, s->tiers[t].g.name);
	p->step = xmalloc(cap * sizeof(*p->step));
	p->n = 0;
	if (tc && tc->nsteps) {
		for (size_t i = 0; i < tc->nsteps; i++)
			path_add(p, (size_t)config_step_find(w->c,
							     tc->steps[i]));
	} else if (w->c->nsteps) {
		for (size_t k = 0; k < w->c->nsteps; k++)
			if (!config_step_claimed(w->c, k))
				path_add(p, k);
	} else {
		bool own = !src_same(p->fv_src, w->fv_src);
		size_t end = own && w->fv_step >= 0 ? (size_t)w->fv_step
						    : shared;
		for (size_t k = 0; k < end; k++)
			path_add(p, k);
		if (own)
			path_add(p, step_of_source(w, p->fv_src));
	}
}

/* Where first value is on each path, and which steps each holds; once
 * every step exists (path_build may add some). */
static void path_finish(struct stats_work *w, size_t t)
{
	struct tier_path *p = &w->path[t];
	size_t ns = w->s->nsteps;
	p->on = xcalloc(ns ? ns : 1, sizeof(*p->on));
	p->fv = -1;
	for (size_t i = 0; i < p->n; i++) {
		p->on[p->step[i]] = true;
		if (p->fv < 0 && src_same(w->step_src[p->step[i]], p->fv_src))
			p->fv = (int)i;
	}
	p->npre = p->fv >= 0 ? (size_t)p->fv : p->n;
	struct tier_stats *ts = &w->s->tiers[t];
	ts->npath = p->n;
	uint32_t *copy = arena_alloc(w->arena,
				     (p->n ? p->n : 1) * sizeof(*copy));
	memcpy(copy, p->step, p->n * sizeof(*copy));
	ts->path = copy;
}

void stats_steps_resolve(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	size_t cap = w->c->nsteps + MODEL_MAX_EVENTS + MS_COUNT + 1 +
		     s->ntiers;
	s->steps = arena_alloc(w->arena, cap * sizeof(*s->steps));
	w->step_src = xmalloc(cap * sizeof(*w->step_src));
	s->nsteps = 0;
	if (w->c->nsteps)
		steps_from_config(w);
	else if (steps_from_columns(w))
		s->dq.steps_default = true;
	else if (m->event_names.n > (w->fv_src.ev >= 0)) {
		s->nsteps = 0;
		steps_infer(w);
	}
	w->fv_step = -1;
	for (size_t k = 0; k < s->nsteps && w->fv_step < 0; k++)
		if (src_same(w->step_src[k], w->fv_src))
			w->fv_step = (int)k;
	size_t shared = s->nsteps;
	for (size_t t = 0; t < s->ntiers; t++)
		path_build(w, t, shared, cap);
	for (size_t t = 0; t < s->ntiers; t++)
		path_finish(w, t);
	w->nseg = 1;
	for (size_t t = 0; t < s->ntiers; t++)
		if (w->path[t].npre + 1 > w->nseg)
			w->nseg = w->path[t].npre + 1;
	w->seg_median = xmalloc((s->ntiers ? s->ntiers : 1) * w->nseg *
				sizeof(*w->seg_median));
	for (size_t k = 0; k < s->nsteps; k++) {
		bool done = false;
		for (uint32_t a = 0; a < w->n && !done; a++)
			done = stats_step_at(w, k, a) != TTFV_NO_TIME;
		s->dq.steps_unreached += !done;
	}
}
