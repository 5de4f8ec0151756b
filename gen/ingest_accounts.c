/* ingest_accounts.c - one accounts record into struct account.
 *
 * Every field is checked before the account is added, so a row reports all
 * its problems at once.  Without --lenient a bad row is still added (when
 * its id is usable): ingest fails anyway, and its events then do not
 * cascade into "unknown account" errors. */
#include "ingest_impl.h"

#include <math.h>
#include <string.h>

/* Every accounts row asks this of its outcome and its sponsor: a word
 * whose first letter differs (0x20 folds the case of a letter, and
 * changes no other byte's match) is passed over without a call. */
static bool word_in(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (n && ((s[0] | 0x20) == ((*words)[0] | 0x20)) &&
		    str_ieq_n(s, n, *words))
			return true;
	return false;
}

static int outcome_of(const char *s, size_t n)
{
	static const char *const renewed[] = {"renewed", "renew", "renewal",
					      NULL};
	static const char *const churned[] = {"churned", "churn", "lost",
					      "cancelled", "canceled", NULL};
	static const char *const open[] = {"open", "active", "pending",
					   "in progress", "in_progress", NULL};
	if (!n)
		return OUTCOME_NONE;
	if (word_in(s, n, renewed))
		return OUTCOME_RENEWED;
	if (word_in(s, n, churned))
		return OUTCOME_CHURNED;
	if (word_in(s, n, open))
		return OUTCOME_OPEN;
	return -1;
}

/* "no named exec sponsor" (seed 003): blank or a plain no. */
static bool sponsor_named(const char *s, size_t n)
{
	static const char *const no[] = {"no", "false", "none", "0", "n",
					 "-", "n/a", "na", "tbd", NULL};
	return n && !word_in(s, n, no);
}

/* The milestone a tier's clock starts from (SPEC section 3). */
static int clock_milestone(const struct config *c, const char *tier,
			   size_t n)
{
	char name[128];
	if (!n || n >= sizeof(name))
		return MS_SIGNED;
	memcpy(name, tier, n);
	name[n] = '\0';
	const struct tier_conf *tc = config_tier(c, name);
	if (!tc || !tc->clock_start)
		return MS_SIGNED;
	int ms = schema_milestone_of(tc->clock_start);
	return ms < 0 ? MS_SIGNED : ms;
}

struct parsed {
	int64_t ms[MS_COUNT];
	int outcome;
	double sla_days, arr;
};

static bool read_milestones(struct ingest_ctx *x, struct ingest_file *f,
			    const struct csv_row *row, struct parsed *p)
{
	bool ok = true;
	for (int ms = 0; ms < MS_COUNT; ms++)
		ok &= ingest_row_time(x, f, row, schema_milestone_col(ms), false,
				      &p->ms[ms]);
	if (ok && p->ms[MS_SIGNED] == TTFV_NO_TIME) {
		ingest_row_problem(x, row->line, COL_SIGNED_AT,
				   "blank; every account needs the date it "
				   "signed");
		ok = false;
	}
	return ok;
}

static bool read_numbers(struct ingest_ctx *x, struct ingest_file *f,
			 const struct csv_row *row, struct parsed *p)
{
	const char *s;
	size_t n;
	char show[80];
	bool ok = true;
	p->sla_days = NAN;
	p->arr = NAN;
	if (ingest_field(f, row, COL_OUTCOME, &s, &n) &&
	    (p->outcome = outcome_of(s, n)) < 0) {
		ingest_row_problem(x, row->line, COL_OUTCOME,
				   "unknown outcome '%s' (expected renewed, "
				   "churned or open)",
				   ingest_show(show, s, n));
		ok = false;
	}
	if (ingest_field(f, row, COL_SLA_DAYS, &s, &n) &&
	    (!ingest_value_number(s, n, f->delim == ';', &p->sla_days) ||
	     !(p->sla_days > 0 && p->sla_days <= CONFIG_MAX_HORIZON))) {
		/* the config's range: a 1e308-day SLA overflows the deadline */
		ingest_row_problem(x, row->line, COL_SLA_DAYS,
				   "'%s' is not a number of days above 0 and "
				   "at most %d", ingest_show(show, s, n),
				   CONFIG_MAX_HORIZON);
		ok = false;
	}
	if (ingest_field(f, row, COL_ARR, &s, &n) &&
	    !ingest_value_number(s, n, f->delim == ';', &p->arr)) {
		ingest_row_problem(x, row->line, COL_ARR,
				   "cannot read '%s' as an amount",
				   ingest_show(show, s, n));
		ok = false;
	}
	return ok;
}

static void fill(struct ingest_ctx *x, struct ingest_file *f,
		 const struct csv_row *row, const struct parsed *p,
		 struct account *a)
{
	struct model *m = x->m;
	const char *s;
	size_t n;
	memcpy(a->ms, p->ms, sizeof(a->ms));
	for (int ms = 0; ms < MS_COUNT; ms++)
		model_see_time(m, a->ms[ms]);
	for (int at = 0; at < ATTR_COUNT; at++)
		if (ingest_field(f, row, schema_attr_col(at), &s, &n))
			a->attr[at] = strtab_intern(&m->attrs[at], &m->arena,
						    s, n);
	if (ingest_field(f, row, COL_ACCOUNT_NAME, &s, &n))
		a->name = arena_strndup(&m->arena, s, n);
	a->outcome = (uint8_t)p->outcome;
	a->sla_days = p->sla_days;
	a->arr = p->arr;
	ingest_field(f, row, COL_EXEC_SPONSOR, &s, &n);
	a->has_exec_sponsor = sponsor_named(s, n);
	a->has_owner = ingest_field(f, row, COL_MILESTONE_OWNER, &s, &n);
	a->has_proof = ingest_field(f, row, COL_PROOF_ASSET_LINK, &s, &n);
	a->has_approver = ingest_field(f, row, COL_ESCALATION_APPROVER, &s, &n);
	if (a->has_approver)
		a->approver = arena_strndup(&m->arena, s, n);
	a->line = (uint32_t)row->line;
}

bool ingest_account_row(struct ingest_ctx *x, struct ingest_file *f,
			const struct csv_row *row)
{
	const char *id, *tier;
	size_t nid, ntier;
	char show[80], v1[80], v2[80];
	bool ok = true;
	if (!ingest_field(f, row, COL_ACCOUNT_ID, &id, &nid)) {
		ingest_row_problem(x, row->line, COL_ACCOUNT_ID,
				   "blank account id");
		ok = false;
	}
	int32_t dup = nid ? model_find(x->m, id, nid) : -1;
	if (dup >= 0 && (size_t)dup < f->acc_first) {
		/* an earlier file's account: ingest_accounts_done says it once */
		if (!f->dup_rows++) {
			f->dup_line = row->line;
			f->dup_acc = dup;
		}
		if (!x->in->lenient)
			x->rc = -1;
		ok = false;
	} else if (dup >= 0) {
		ingest_row_problem(x, row->line, COL_ACCOUNT_ID,
				   "duplicate account id '%s' (first on line "
				   "%u)",
				   ingest_show(show, id, nid), x->m->acc[dup].line);
		ok = false;
	}
	struct parsed p = {.outcome = OUTCOME_NONE};
	ok &= read_milestones(x, f, row, &p);
	ok &= read_numbers(x, f, row, &p);
	ingest_field(f, row, COL_TIER, &tier, &ntier);
	int clock = clock_milestone(x->c, tier, ntier);
	if (p.ms[MS_FIRST_VALUE] != TTFV_NO_TIME && p.ms[clock] != TTFV_NO_TIME &&
	    p.ms[MS_FIRST_VALUE] < p.ms[clock]) {
		const char *s1, *s2;
		size_t n1, n2;
		ingest_field(f, row, COL_FIRST_VALUE_AT, &s1, &n1);
		ingest_field(f, row, schema_milestone_col(clock), &s2, &n2);
		ingest_row_problem(x, row->line, COL_FIRST_VALUE_AT,
				   "first value '%s' is before the clock start "
				   "%s '%s'",
				   ingest_show(v1, s1, n1),
				   schema_col_name(schema_milestone_col(clock)),
				   ingest_show(v2, s2, n2));
		ok = false;
	}
	if (!nid || dup >= 0 || (!ok && x->in->lenient))
		return ok;
	int32_t a = model_add_account(x->m, id, nid, NULL);
	fill(x, f, row, &p, &x->m->acc[a]);
	return ok;
}

/* The rows of f whose ids an earlier accounts file holds: one message
 * naming both files, not one per row. */
void ingest_accounts_done(struct ingest_ctx *x, struct ingest_file *f)
{
	f->acc_end = x->m->nacc;
	if (!f->dup_rows)
		return;
	const struct ingest_file *first = NULL;
	for (size_t i = 0; i < x->in->nfiles; i++) {
		const struct ingest_file *g = &x->in->files[i];
		if (g->role == ROLE_ACCOUNTS && g != f &&
		    (size_t)f->dup_acc >= g->acc_first &&
		    (size_t)f->dup_acc < g->acc_end)
			first = g;
	}
	const struct account *a = &x->m->acc[f->dup_acc];
	struct diag *to = x->in->lenient ? x->skipped : x->d;
	diag_add(to, f->path, f->dup_line, schema_col_name(COL_ACCOUNT_ID),
		 "%zu of its %zu rows repeat account ids of %s (the first, "
		 "'%s', is its line %u): two exports of the same accounts? "
		 "read one of them (move the other out of the directory, or "
		 "name the file with --accounts)%s",
		 f->dup_rows, f->rows, first ? first->path : "another file",
		 a->id, a->line, x->in->lenient ? "; these rows are skipped" : "");
	/* each skipped row counts, though said once */
	if (x->in->lenient)
		to->count += f->dup_rows - 1;
}
