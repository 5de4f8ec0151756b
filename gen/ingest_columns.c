/* ingest_columns.c - header names to canonical columns, and the file's role.
 *
 * A header is normalised (ASCII lower case, blanks and dashes read as
 * underscores) and then matched, in this order of strength, by a
 * [columns] line, by the canonical name itself, or by an alias: the labels
 * CRMs, product-analytics tools and spreadsheets write. */
#include "ingest_impl.h"

#include <stdlib.h>
#include <string.h>

#define R(role) (1u << (role))
#define R_ACC R(ROLE_ACCOUNTS)
#define R_EV R(ROLE_EVENTS)
#define R_PM R(ROLE_POSTMORTEMS)
#define R_PA R(ROLE_PAUSES)

static const struct {
	const char *name;
	unsigned roles;		/* kinds of file that read it */
	unsigned required;	/* kinds of file that need it */
	bool date;
} cols[COL_COUNT] = {
	[COL_ACCOUNT_ID] = {"account_id", R_ACC | R_EV | R_PM | R_PA,
			    R_ACC | R_EV | R_PM | R_PA, false},
	[COL_ACCOUNT_NAME] = {"account_name", R_ACC, 0, false},
	[COL_SIGNED_AT] = {"signed_at", R_ACC, R_ACC, true},
	[COL_KICKOFF_AT] = {"kickoff_at", R_ACC, 0, true},
	[COL_FIRST_LOGIN_AT] = {"first_login_at", R_ACC, 0, true},
	[COL_SETUP_COMPLETE_AT] = {"setup_complete_at", R_ACC, 0, true},
	[COL_FIRST_VALUE_AT] = {"first_value_at", R_ACC, 0, true},
	[COL_GO_LIVE_AT] = {"go_live_at", R_ACC, 0, true},
	[COL_TIER] = {"tier", R_ACC, 0, false},
	[COL_PLAN] = {"plan", R_ACC, 0, false},
	[COL_COMPANY_SIZE] = {"company_size", R_ACC, 0, false},
	[COL_CHANNEL] = {"channel", R_ACC, 0, false},
	[COL_CSM] = {"csm", R_ACC, 0, false},
	[COL_REGION] = {"region", R_ACC, 0, false},
	[COL_INTERVENTION_PATH] = {"intervention_path", R_ACC, 0, false},
	[COL_BLOCKER_TYPE] = {"blocker_type", R_ACC, 0, false},
	[COL_VARIANT] = {"variant", R_ACC, 0, false},
	[COL_OUTCOME] = {"outcome", R_ACC, 0, false},
	[COL_EXEC_SPONSOR] = {"exec_sponsor", R_ACC, 0, false},
	[COL_SLA_DAYS] = {"sla_days", R_ACC, 0, false},
	[COL_ARR] = {"arr", R_ACC, 0, false},
	[COL_MILESTONE_OWNER] = {"milestone_owner", R_ACC, 0, false},
	[COL_PROOF_ASSET_LINK] = {"proof_asset_link", R_ACC, 0, false},
	[COL_ESCALATION_APPROVER] = {"escalation_approver", R_ACC, 0, false},
	[COL_EVENT] = {"event", R_EV, R_EV, false},
	[COL_TIMESTAMP] = {"timestamp", R_EV, R_EV, true},
	[COL_USER_ID] = {"user_id", R_EV, 0, false},
	[COL_CATEGORY] = {"category", R_PM, R_PM, false},
	[COL_BREACHED_AT] = {"breached_at", R_PM, 0, true},
	[COL_OPENED_AT] = {"opened_at", R_PM, 0, true},
	[COL_OWNER] = {"owner", R_PM, 0, false},
	[COL_NOTES] = {"notes", R_PM, 0, false},
	[COL_PAUSED_AT] = {"paused_at", R_PA, R_PA, true},
	[COL_RESUMED_AT] = {"resumed_at", R_PA, R_PA, true},
	[COL_REASON] = {"reason", R_PA, 0, false},
};

/* Normalised aliases.  accounts_only: in other exports the same label
 * means something else (an event's own id, an event's name). */
static const struct {
	const char *alias;
	int col;
	bool accounts_only;
} aliases[] = {
	{"id", COL_ACCOUNT_ID, true},
	{"record_id", COL_ACCOUNT_ID, true},
	{"account", COL_ACCOUNT_ID, false},
	{"customer_id", COL_ACCOUNT_ID, false},
	{"customer", COL_ACCOUNT_ID, false},
	{"group_id", COL_ACCOUNT_ID, false},
	{"company_id", COL_ACCOUNT_ID, false},
	{"name", COL_ACCOUNT_NAME, true},
	{"company_name", COL_ACCOUNT_NAME, false},
	{"company", COL_ACCOUNT_NAME, false},
	{"customer_name", COL_ACCOUNT_NAME, false},
	{"signed", COL_SIGNED_AT, false},
	{"signed_date", COL_SIGNED_AT, false},
	{"signed_on", COL_SIGNED_AT, false},
	{"contract_signed_at", COL_SIGNED_AT, false},
	{"contract_signed_date", COL_SIGNED_AT, false},
	{"kickoff", COL_KICKOFF_AT, false},
	{"kickoff_date", COL_KICKOFF_AT, false},
	{"kick_off_date", COL_KICKOFF_AT, false},
	{"first_login", COL_FIRST_LOGIN_AT, false},
	{"first_login_date", COL_FIRST_LOGIN_AT, false},
	{"setup_complete", COL_SETUP_COMPLETE_AT, false},
	{"setup_completed_at", COL_SETUP_COMPLETE_AT, false},
	{"setup_complete_date", COL_SETUP_COMPLETE_AT, false},
	{"first_value", COL_FIRST_VALUE_AT, false},
	{"first_value_date", COL_FIRST_VALUE_AT, false},
	{"go_live", COL_GO_LIVE_AT, false},
	{"go_live_date", COL_GO_LIVE_AT, false},
	{"segment", COL_TIER, false},
	{"onboarding_tier", COL_TIER, false},
	{"service_tier", COL_TIER, false},
	{"customer_tier", COL_TIER, false},
	{"plan_name", COL_PLAN, false},
	{"subscription_plan", COL_PLAN, false},
	{"employees", COL_COMPANY_SIZE, false},
	{"number_of_employees", COL_COMPANY_SIZE, false},
	{"employee_count", COL_COMPANY_SIZE, false},
	{"sales_channel", COL_CHANNEL, false},
	{"acquisition_channel", COL_CHANNEL, false},
	{"customer_success_manager", COL_CSM, false},
	{"csm_name", COL_CSM, false},
	{"renewal_outcome", COL_OUTCOME, false},
	{"renewal_status", COL_OUTCOME, false},
	{"executive_sponsor", COL_EXEC_SPONSOR, false},
	{"sla", COL_SLA_DAYS, false},
	{"annual_recurring_revenue", COL_ARR, false},
	{"event_type", COL_EVENT, false},
	{"event_name", COL_EVENT, false},
	{"event_time", COL_TIMESTAMP, false},
	{"time", COL_TIMESTAMP, false},
	{"occurred_at", COL_TIMESTAMP, false},
	{"distinct_id", COL_USER_ID, false},
	{"root_cause", COL_CATEGORY, false},
	{"breach_category", COL_CATEGORY, false},
	{"breach_date", COL_BREACHED_AT, false},
	{"pause_start", COL_PAUSED_AT, false},
	{"pause_end", COL_RESUMED_AT, false},
	{"pause_reason", COL_REASON, false},
};

const char *ingest_col_name(int col)
{
	return col >= 0 && col < COL_COUNT ? cols[col].name : "?";
}

int ingest_col_find(const char *name, size_t n)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strlen(cols[i].name) == n && !memcmp(cols[i].name, name, n))
			return i;
	return -1;
}

bool ingest_col_is_date(int col)
{
	return cols[col].date;
}

bool ingest_col_used(int col, enum role r)
{
	return cols[col].roles & R(r);
}

const char *ingest_role_name(enum role r)
{
	switch (r) {
	case ROLE_ACCOUNTS:
		return "accounts";
	case ROLE_EVENTS:
		return "events";
	case ROLE_POSTMORTEMS:
		return "post-mortems";
	case ROLE_PAUSES:
		return "pauses";
	default:
		return "unknown";
	}
}

/* Lower case, blanks and dashes as one underscore, trimmed; into out. */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	ingest_value_trim(&s, &n);
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '-' || c == '_' || c == '\t') {
			if (k && out[k - 1] != '_')
				out[k++] = '_';
			continue;
		}
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	while (k && out[k - 1] == '_')
		k--;
	out[k] = '\0';
	return k;
}

static int alias_find(const char *norm, size_t n, enum role r)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strlen(aliases[i].alias) == n &&
		    !memcmp(aliases[i].alias, norm, n) &&
		    (!aliases[i].accounts_only || r == ROLE_ACCOUNTS))
			return aliases[i].col;
	return -1;
}

/* The [columns] line naming this header, or NULL. */
static const struct column_conf *config_column(const struct config *c,
					       const char *norm)
{
	char other[256];
	for (size_t i = 0; i < c->ncolumns; i++) {
		const char *h = c->columns[i].header;
		normalise(h, strlen(h), other, sizeof(other));
		if (!strcmp(other, norm))
			return &c->columns[i];
	}
	return NULL;
}

/* Each header's column under role r (accounts-only aliases only there). */
static void map_headers(struct ingest_file *f, const struct config *c,
			enum role r)
{
	char norm[256];
	for (size_t i = 0; i < f->nhdr; i++) {
		struct ingest_header *h = &f->hdr[i];
		size_t n = normalise(h->text, strlen(h->text), norm,
				     sizeof(norm));
		const struct column_conf *cc = config_column(c, norm);
		h->col = -1;
		h->how = HOW_IGNORED;
		if (cc) {
			h->col = ingest_col_find(cc->canonical,
						 strlen(cc->canonical));
			h->how = h->col >= 0 ? HOW_CONFIG : HOW_IGNORED;
		} else if ((h->col = ingest_col_find(norm, n)) >= 0) {
			h->how = HOW_NAME;
		} else if ((h->col = alias_find(norm, n, r)) >= 0) {
			h->how = HOW_ALIAS;
		} else if (r != ROLE_UNKNOWN &&
			   alias_find(norm, n, ROLE_ACCOUNTS) >= 0) {
			h->how = HOW_ACCOUNTS_ONLY;
		}
	}
}

/* A header that is a column's own name (in any case) and that [columns]
 * maps elsewhere keeps its name when no other header of the file is read
 * as that column: the file already names its columns ttfv's way, as
 * `ttfv sql`'s result of a table those lines describe does.  Repeated, as
 * each header kept frees another's name; a pass either keeps every header
 * of some column or ends, so there are at most COL_COUNT + 1 passes. */
static void keep_own_names(struct ingest_file *f)
{
	for (bool kept = true; kept;) {
		size_t onto[COL_COUNT] = {0};
		for (size_t i = 0; i < f->nhdr; i++)
			if (f->hdr[i].col >= 0)
				onto[f->hdr[i].col]++;
		kept = false;
		for (size_t i = 0; i < f->nhdr; i++) {
			struct ingest_header *h = &f->hdr[i];
			if (h->how != HOW_CONFIG)
				continue;
			int own = -1;
			for (int col = 0; col < COL_COUNT && own < 0; col++)
				if (str_ieq_n(h->text, strlen(h->text),
					      cols[col].name))
					own = col;
			if (own < 0 || own == h->col || onto[own] ||
			    !ingest_col_used(own, f->role))
				continue;
			h->col = own;
			h->how = HOW_OWN_NAME;
			kept = true;
		}
	}
}

bool ingest_columns_keep_names(const struct config *c, enum role r,
			       const char *const *names, size_t n)
{
	struct ingest_file f = {.forced = r};
	struct diag d;
	size_t *len = xcalloc(n, sizeof(*len));
	for (size_t i = 0; i < n; i++)
		len[i] = strlen(names[i]);
	struct csv_row row = {.f = names, .len = len, .n = n, .line = 1,
			      .nul_field = -1};
	diag_init(&d);
	bool same = ingest_columns_map(&f, c, &row, &d) == 0;
	for (size_t i = 0; same && i < n; i++) {
		int col = ingest_col_find(names[i], len[i]);
		same = col >= 0 && f.colidx[col] == (int)i;
	}
	ingest_columns_release(&f);
	diag_release(&d);
	free(len);
	return same;
}

bool ingest_columns_used(const struct ingest *in, const struct column_conf *cc)
{
	char want[256], have[256];
	normalise(cc->header, strlen(cc->header), want, sizeof(want));
	for (size_t i = 0; i < in->nfiles; i++) {
		const struct ingest_file *f = &in->files[i];
		for (size_t k = 0; k < f->nhdr; k++) {
			const char *t = f->hdr[k].text;
			normalise(t, strlen(t), have, sizeof(have));
			if (!strcmp(want, have))
				return true;
		}
	}
	return false;
}

static enum role guess_role(const struct ingest_file *f, const char **why)
{
	bool has[COL_COUNT] = {false};
	for (size_t i = 0; i < f->nhdr; i++)
		if (f->hdr[i].col >= 0)
			has[f->hdr[i].col] = true;
	if (has[COL_EVENT] && has[COL_TIMESTAMP]) {
		*why = "its header has event and timestamp columns";
		return ROLE_EVENTS;
	}
	if (has[COL_PAUSED_AT] && has[COL_RESUMED_AT]) {
		*why = "its header has paused_at and resumed_at columns";
		return ROLE_PAUSES;
	}
	if (has[COL_CATEGORY]) {
		*why = "its header has a category column";
		return ROLE_POSTMORTEMS;
	}
	if (has[COL_SIGNED_AT]) {
		*why = "its header has a signed_at column";
		return ROLE_ACCOUNTS;
	}
	for (int col = COL_KICKOFF_AT; col <= COL_GO_LIVE_AT; col++)
		if (has[col]) {
			*why = "its header has milestone columns";
			return ROLE_ACCOUNTS;
		}
	return ROLE_UNKNOWN;
}

/* Settles which header each column is read from: a [columns] line beats
 * the others; two headers claiming a column without one is an error. */
static int settle_claims(struct ingest_file *f, long line, struct diag *d)
{
	int rc = 0;
	for (int col = 0; col < COL_COUNT; col++) {
		f->colidx[col] = -1;
		if (!ingest_col_used(col, f->role))
			continue;
		long win = -1, first = -1;
		for (size_t i = 0; i < f->nhdr; i++) {
			struct ingest_header *h = &f->hdr[i];
			if (h->col != col)
				continue;
			if (h->how == HOW_CONFIG && win < 0)
				win = (long)i;
			if (first < 0)
				first = (long)i;
		}
		if (first < 0)
			continue;
		for (size_t i = 0; i < f->nhdr; i++) {
			struct ingest_header *h = &f->hdr[i];
			if (h->col != col || (long)i == first || (long)i == win)
				continue;
			if (win >= 0) {
				h->how = HOW_OVERRIDDEN;
				continue;
			}
			h->how = HOW_CLASH;
			f->hdr[first].how = HOW_CLASH;
			rc = diag_add(d, f->path, line, cols[col].name,
				      "columns '%s' and '%s' both read as %s; "
				      "name the one to use in [columns], e.g. "
				      "'%s = %s'",
				      f->hdr[first].text, h->text,
				      cols[col].name, f->hdr[first].text,
				      cols[col].name);
		}
		if (win >= 0 && win != first &&
		    f->hdr[first].how != HOW_CONFIG)
			f->hdr[first].how = HOW_OVERRIDDEN;
		f->colidx[col] = (int)(win >= 0 ? win : first);
	}
	return rc;
}

static void required_list(enum role r, struct buf *b)
{
	for (int col = 0; col < COL_COUNT; col++)
		if (cols[col].required & R(r))
			buf_addf(b, "%s%s", b->len ? ", " : "", cols[col].name);
}

int ingest_columns_map(struct ingest_file *f, const struct config *c,
		       const struct csv_row *hdr, struct diag *d)
{
	f->nhdr = hdr->n;
	f->hdr = xcalloc(hdr->n, sizeof(*f->hdr));
	for (size_t i = 0; i < hdr->n; i++) {
		const char *s = hdr->f[i];
		size_t n = hdr->len[i];
		ingest_value_trim(&s, &n);
		f->hdr[i].text = xstrndup(s, n);
		/* a header is printed in messages: no line breaks in it */
		for (char *p = f->hdr[i].text; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7F)
				*p = ' ';
	}
	map_headers(f, c, ROLE_UNKNOWN);
	if (f->forced != ROLE_UNKNOWN) {
		f->role = f->forced;
		f->why = "forced on the command line";
	} else {
		f->role = guess_role(f, &f->why);
	}
	if (f->role == ROLE_UNKNOWN)
		return diag_add(d, f->path, hdr->line, NULL,
				"cannot tell which export this is from its "
				"header (accounts have signed_at, events event "
				"and timestamp, post-mortems category, pauses "
				"paused_at and resumed_at); map its columns in "
				"[columns] or force it with --accounts, "
				"--events, --postmortems or --pauses");
	map_headers(f, c, f->role);
	keep_own_names(f);
	for (size_t i = 0; i < f->nhdr; i++)
		if (f->hdr[i].col >= 0 &&
		    !ingest_col_used(f->hdr[i].col, f->role))
			f->hdr[i].how = HOW_OTHER_ROLE;
	int rc = settle_claims(f, hdr->line, d);
	for (int col = 0; col < COL_COUNT; col++) {
		if (!(cols[col].required & R(f->role)) || f->colidx[col] >= 0)
			continue;
		struct buf need = BUF_INIT;
		required_list(f->role, &need);
		rc = diag_add(d, f->path, hdr->line, cols[col].name,
			      "missing required column (%s files need %s; "
			      "map a header to it in [columns])",
			      ingest_role_name(f->role), buf_cstr(&need));
		buf_release(&need);
	}
	return rc;
}

void ingest_columns_release(struct ingest_file *f)
{
	for (size_t h = 0; h < f->nhdr; h++)
		free(f->hdr[h].text);
	free(f->hdr);
	f->hdr = NULL;
	f->nhdr = 0;
	f->role = ROLE_UNKNOWN;
	f->why = NULL;
}
