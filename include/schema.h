/* schema.h - the input vocabulary: every column ttfv reads, the kinds of
 * file that read it, the labels exports write for it, and what kind of
 * value it holds; and the post-mortem root-cause categories.
 *
 * Every stage asks this table: ingest maps headers with it, the config
 * checks column names against it, stats breaks figures down by its
 * attribute columns and renderers title them with its labels.  The lists
 * below are the table: one line per column.  Adding an attribute column is
 * one A() line at the end of SCHEMA_ATTRIBUTES; no other code changes (the
 * README's and ttfv.ini(5)'s lists of columns are for readers).
 */
#ifndef TTFV_SCHEMA_H
#define TTFV_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

/* The kinds of export a column belongs to (bits of schema_column.roles). */
enum role { ROLE_UNKNOWN, ROLE_ACCOUNTS, ROLE_EVENTS, ROLE_POSTMORTEMS,
	    ROLE_PAUSES };

#define SCHEMA_R(role) (1u << (role))
#define SCHEMA_ACC SCHEMA_R(ROLE_ACCOUNTS)
#define SCHEMA_EV SCHEMA_R(ROLE_EVENTS)
#define SCHEMA_PM SCHEMA_R(ROLE_POSTMORTEMS)
#define SCHEMA_PA SCHEMA_R(ROLE_PAUSES)
#define SCHEMA_ALL (SCHEMA_ACC | SCHEMA_EV | SCHEMA_PM | SCHEMA_PA)

enum schema_kind {
	KIND_ID,		/* names an account or a user */
	KIND_TEXT,		/* free or closed text read as it is */
	KIND_DATE,		/* an instant that is not a milestone */
	KIND_MILESTONE,		/* an accounts milestone, in enum milestone */
	KIND_ATTRIBUTE,		/* categorical, interned, in enum attr */
	KIND_NUMBER
};

/* Attribute flags. */
#define SCHEMA_SEGMENT 1u	/* a default segment of "By segment" */
#define SCHEMA_BANDED 2u	/* headcounts, grouped into bands */
#define SCHEMA_BREAKDOWN 4u	/* figures can be broken down by it */

/* Each line: X(ID, name, kind, roles, required, flags, label, aliases,
 * accounts-only aliases).  Aliases are normalised header labels (lower
 * case, blanks and dashes as '_') separated by '|'; an accounts-only alias
 * means something else in the other exports ("id" is an event's own id
 * there).  The groups keep this order, so that COL_SIGNED_AT + ms and
 * COL_TIER + attr convert between the enums. */
#define SCHEMA_ACCOUNT_IDS(X)                                              \
	X(ACCOUNT_ID, "account_id", KIND_ID, SCHEMA_ALL, SCHEMA_ALL, 0,      \
	  "Account", "account|customer_id|customer|group_id|company_id",     \
	  "id|record_id")                                                    \
	X(ACCOUNT_NAME, "account_name", KIND_TEXT, SCHEMA_ACC, 0, 0,         \
	  "Account name", "company_name|company|customer_name", "name")

/* M(ID, name, required, label, aliases), in their natural order. */
#define SCHEMA_MILESTONES(M)                                               \
	M(SIGNED, "signed_at", SCHEMA_ACC, "Signed",                         \
	  "signed|signed_date|signed_on|contract_signed_at|"                 \
	  "contract_signed_date")                                            \
	M(KICKOFF, "kickoff_at", 0, "Kickoff",                               \
	  "kickoff|kickoff_date|kick_off_date")                              \
	M(FIRST_LOGIN, "first_login_at", 0, "First login",                   \
	  "first_login|first_login_date")                                    \
	M(SETUP_COMPLETE, "setup_complete_at", 0, "Setup complete",          \
	  "setup_complete|setup_completed_at|setup_complete_date")           \
	M(FIRST_VALUE, "first_value_at", 0, "First value",                   \
	  "first_value|first_value_date")                                    \
	M(GO_LIVE, "go_live_at", 0, "Go-live", "go_live|go_live_date")

/* A(ID, name, flags, label, aliases): the categorical account columns. */
#define SCHEMA_ATTRIBUTES(A)                                               \
	A(TIER, "tier", 0, "Tier",                                           \
	  "segment|onboarding_tier|service_tier|customer_tier")              \
	A(PLAN, "plan", SCHEMA_BREAKDOWN | SCHEMA_SEGMENT, "Plan",           \
	  "plan_name|subscription_plan")                                     \
	A(COMPANY_SIZE, "company_size",                                      \
	  SCHEMA_BREAKDOWN | SCHEMA_SEGMENT | SCHEMA_BANDED, "Company size",  \
	  "employees|number_of_employees|employee_count")                    \
	A(CHANNEL, "channel", SCHEMA_BREAKDOWN | SCHEMA_SEGMENT, "Channel",  \
	  "sales_channel|acquisition_channel")                               \
	A(CSM, "csm", SCHEMA_BREAKDOWN | SCHEMA_SEGMENT, "CSM",              \
	  "customer_success_manager|csm_name")                               \
	A(REGION, "region", SCHEMA_BREAKDOWN | SCHEMA_SEGMENT, "Region", "")  \
	A(INTERVENTION_PATH, "intervention_path", SCHEMA_BREAKDOWN,          \
	  "Intervention path", "")                                           \
	A(BLOCKER_TYPE, "blocker_type", SCHEMA_BREAKDOWN, "Blocker type", "") \
	A(VARIANT, "variant", SCHEMA_BREAKDOWN, "Variant", "")

#define SCHEMA_OTHER_COLUMNS(X)                                            \
	X(OUTCOME, "outcome", KIND_TEXT, SCHEMA_ACC, 0, 0, "Outcome",        \
	  "renewal_outcome|renewal_status", "")                              \
	X(EXEC_SPONSOR, "exec_sponsor", KIND_TEXT, SCHEMA_ACC, 0, 0,         \
	  "Executive sponsor", "executive_sponsor", "")                      \
	X(SLA_DAYS, "sla_days", KIND_NUMBER, SCHEMA_ACC, 0, 0, "SLA days",   \
	  "sla", "")                                                         \
	X(ARR, "arr", KIND_NUMBER, SCHEMA_ACC, 0, 0, "ARR",                  \
	  "annual_recurring_revenue", "")                                    \
	X(MILESTONE_OWNER, "milestone_owner", KIND_TEXT, SCHEMA_ACC, 0, 0,   \
	  "Milestone owner", "", "")                                         \
	X(PROOF_ASSET_LINK, "proof_asset_link", KIND_TEXT, SCHEMA_ACC, 0, 0, \
	  "Proof asset link", "", "")                                        \
	X(ESCALATION_APPROVER, "escalation_approver", KIND_TEXT, SCHEMA_ACC, \
	  0, 0, "Escalation approver", "", "")                               \
	X(EVENT, "event", KIND_TEXT, SCHEMA_EV, SCHEMA_EV, 0, "Event",       \
	  "event_type|event_name", "")                                       \
	X(TIMESTAMP, "timestamp", KIND_DATE, SCHEMA_EV, SCHEMA_EV, 0,        \
	  "Timestamp", "event_time|time|occurred_at", "")                    \
	X(USER_ID, "user_id", KIND_ID, SCHEMA_EV, 0, 0, "User", "distinct_id", \
	  "")                                                                \
	X(CATEGORY, "category", KIND_TEXT, SCHEMA_PM, SCHEMA_PM, 0,          \
	  "Category", "root_cause|breach_category", "")                      \
	X(BREACHED_AT, "breached_at", KIND_DATE, SCHEMA_PM, 0, 0, "Breached", \
	  "breach_date", "")                                                 \
	X(OPENED_AT, "opened_at", KIND_DATE, SCHEMA_PM, 0, 0, "Opened", "",  \
	  "")                                                                \
	X(OWNER, "owner", KIND_TEXT, SCHEMA_PM, 0, 0, "Owner", "", "")       \
	X(NOTES, "notes", KIND_TEXT, SCHEMA_PM, 0, 0, "Notes", "", "")       \
	X(PAUSED_AT, "paused_at", KIND_DATE, SCHEMA_PA, SCHEMA_PA, 0,        \
	  "Paused", "pause_start", "")                                       \
	X(RESUMED_AT, "resumed_at", KIND_DATE, SCHEMA_PA, SCHEMA_PA, 0,      \
	  "Resumed", "pause_end", "")                                        \
	X(REASON, "reason", KIND_TEXT, SCHEMA_PA, 0, 0, "Reason",            \
	  "pause_reason", "")

/* Seed 000's root causes of an SLA breach: P(ID, key, label, owner, what
 * to do about it), in the order ties are listed. */
#define SCHEMA_PM_CATEGORIES(P)                                            \
	P(PRODUCT, "product", "Product", "Product",                          \
	  "take the pattern to Product as bug reports and feature requests " \
	  "for the roadmap")                                                 \
	P(DATA_MIGRATION, "data_migration", "Data migration",                \
	  "CS Ops & Implementation",                                         \
	  "invest in pre-migration data assessment and more flexible import " \
	  "tooling")                                                         \
	P(CONFIGURATION, "configuration", "Configuration",                   \
	  "CS Ops & Implementation",                                         \
	  "offer a simpler default configuration path, or set a separate "   \
	  "SLA for complex configurations")                                  \
	P(CUSTOMER_READINESS, "customer_readiness", "Customer readiness",    \
	  "Mutual success plan",                                             \
	  "check customer readiness before kickoff and hold commitments in " \
	  "the mutual success plan")

/* COL_ACCOUNT_ID, ..., COL_SIGNED_AT (a milestone's name is its ID and
 * "_at"), ..., COL_TIER, ... */
#define SCHEMA_COL_X(id, ...) COL_##id,
#define SCHEMA_COL_MS(id, ...) COL_##id##_AT,
enum col {
	SCHEMA_ACCOUNT_IDS(SCHEMA_COL_X)
	SCHEMA_MILESTONES(SCHEMA_COL_MS)
	SCHEMA_ATTRIBUTES(SCHEMA_COL_X)
	SCHEMA_OTHER_COLUMNS(SCHEMA_COL_X)
	COL_COUNT
};
#undef SCHEMA_COL_MS

enum milestone {
#define SCHEMA_MS(id, ...) MS_##id,
	SCHEMA_MILESTONES(SCHEMA_MS)
#undef SCHEMA_MS
	MS_COUNT
};

enum attr {
#define SCHEMA_ATTR(id, ...) ATTR_##id,
	SCHEMA_ATTRIBUTES(SCHEMA_ATTR)
#undef SCHEMA_ATTR
	ATTR_COUNT
};

enum pm_category {
#define SCHEMA_PMC(id, ...) PM_##id,
	SCHEMA_PM_CATEGORIES(SCHEMA_PMC)
#undef SCHEMA_PMC
	PM_COUNT
};
#undef SCHEMA_COL_X

struct schema_column {
	const char *name;	/* canonical: "first_value_at" */
	const char *label;	/* for people: "First value" */
	enum schema_kind kind;
	unsigned roles;		/* kinds of file that read it (SCHEMA_R) */
	unsigned required;	/* kinds of file that need it */
	unsigned flags;		/* SCHEMA_SEGMENT, ... (attributes) */
	int index;		/* enum milestone or enum attr, else -1 */
	const char *aliases;	/* "a|b|c", normalised */
	const char *accounts_aliases;	/* only in accounts exports */
};

struct schema_pm {
	const char *key;	/* "data_migration" */
	const char *label;	/* "Data migration" */
	const char *owner;	/* "CS Ops & Implementation" */
	const char *remedy;	/* "invest in ..." (after "the fix is to") */
};

extern const struct schema_column schema_columns[COL_COUNT];
extern const struct schema_pm schema_pms[PM_COUNT];

static inline int schema_milestone_col(int ms)
{
	return COL_SIGNED_AT + ms;
}

static inline int schema_attr_col(int attr)
{
	return COL_TIER + attr;
}

/* "accounts", "events", "post-mortems", "pauses", "unknown". */
const char *schema_role_name(enum role r);
/* The canonical name of col, "?" when out of range. */
const char *schema_col_name(int col);
bool schema_col_is_date(int col);
bool schema_col_used(int col, enum role r);
/* The column whose canonical name is s[0..n) in any case, or -1. */
int schema_col_find(const char *s, size_t n);
/* The column a normalised alias names in a file of role r (accounts-only
 * aliases only there; ROLE_UNKNOWN matches none of them), or -1. */
int schema_alias_find(const char *norm, size_t n, enum role r);
/* The milestone (enum milestone) a column name is, in any case, or -1;
 * NULL is none. */
int schema_milestone_of(const char *name);
const char *schema_milestone_name(int ms);
/* The attribute (enum attr) a column name is, in any case, or -1. */
int schema_attr_of(const char *name);
const char *schema_attr_name(int attr);
unsigned schema_attr_flags(int attr);
/* The label of a column named name ("Company size"); name when it names
 * none. */
const char *schema_label(const char *name);
/* The root cause spelled s[0..n) any reasonable way ("Data Migration",
 * "data-migration", "CUSTOMER_READINESS"), or -1. */
int schema_pm_find(const char *s, size_t n);

#endif
