/* schema.c - the column table of schema.h, and the look-ups every stage
 * shares (a name in any case, an alias, a milestone, an attribute). */
#include "schema.h"

#include <string.h>

#include "util.h"

#define COLUMN(id, name_, kind_, roles_, required_, flags_, label_, al,    \
	       acc_al)                                                     \
	[COL_##id] = {.name = name_, .label = label_, .kind = kind_,       \
		      .roles = roles_, .required = required_, .flags = flags_, \
		      .index = -1, .aliases = al, .accounts_aliases = acc_al},
#define MILESTONE(id, name_, required_, label_, al)                        \
	[COL_##id##_AT] = {.name = name_, .label = label_,                 \
			   .kind = KIND_MILESTONE, .roles = SCHEMA_ACC,    \
			   .required = required_, .index = MS_##id,        \
			   .aliases = al, .accounts_aliases = ""},
#define ATTRIBUTE(id, name_, flags_, label_, al)                           \
	[COL_##id] = {.name = name_, .label = label_, .kind = KIND_ATTRIBUTE, \
		      .roles = SCHEMA_ACC, .flags = flags_, .index = ATTR_##id, \
		      .aliases = al, .accounts_aliases = ""},

const struct schema_column schema_columns[COL_COUNT] = {
	SCHEMA_ACCOUNT_IDS(COLUMN)
	SCHEMA_MILESTONES(MILESTONE)
	SCHEMA_ATTRIBUTES(ATTRIBUTE)
	SCHEMA_OTHER_COLUMNS(COLUMN)
};

#define PM_CATEGORY(id, key_, label_, owner_, remedy_)                     \
	[PM_##id] = {key_, label_, owner_, remedy_},
const struct schema_pm schema_pms[PM_COUNT] = {
	SCHEMA_PM_CATEGORIES(PM_CATEGORY)
};

/* What the enum arithmetic of schema.h rests on. */
_Static_assert(COL_SIGNED_AT + MS_COUNT == COL_TIER,
	       "milestone columns are contiguous, in enum milestone order");
_Static_assert(COL_TIER + ATTR_COUNT == COL_OUTCOME,
	       "attribute columns are contiguous, in enum attr order");
_Static_assert(COL_SIGNED_AT + MS_FIRST_VALUE == COL_FIRST_VALUE_AT,
	       "COL_SIGNED_AT + ms is milestone ms's column");

const char *schema_role_name(enum role r)
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

const char *schema_col_name(int col)
{
	return col >= 0 && col < COL_COUNT ? schema_columns[col].name : "?";
}

bool schema_col_is_date(int col)
{
	enum schema_kind k = schema_columns[col].kind;
	return k == KIND_DATE || k == KIND_MILESTONE;
}

bool schema_col_used(int col, enum role r)
{
	return schema_columns[col].roles & SCHEMA_R(r);
}

/* Canonical names as written first (what the config stores, once per
 * account row for a tier's clock), then in any case. */
static int find_in(int from, int to, const char *s, size_t n)
{
	for (int col = from; s && col < to; col++)
		if (strlen(schema_columns[col].name) == n &&
		    !memcmp(s, schema_columns[col].name, n))
			return col;
	for (int col = from; s && col < to; col++)
		if (str_ieq_n(s, n, schema_columns[col].name))
			return col;
	return -1;
}

int schema_col_find(const char *s, size_t n)
{
	return find_in(0, COL_COUNT, s, n);
}

/* Whether s[0..n) is one of the '|'-separated words of list. */
static bool in_list(const char *list, const char *s, size_t n)
{
	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !memcmp(p, s, n))
			return true;
		p += len + (bar != NULL);
	}
	return false;
}

int schema_alias_find(const char *norm, size_t n, enum role r)
{
	for (int col = 0; col < COL_COUNT; col++) {
		const struct schema_column *c = &schema_columns[col];
		if (in_list(c->aliases, norm, n) ||
		    (r == ROLE_ACCOUNTS && in_list(c->accounts_aliases, norm, n)))
			return col;
	}
	return -1;
}

int schema_milestone_of(const char *name)
{
	int col = find_in(COL_SIGNED_AT, COL_SIGNED_AT + MS_COUNT, name,
			  name ? strlen(name) : 0);
	return col < 0 ? -1 : col - COL_SIGNED_AT;
}

const char *schema_milestone_name(int ms)
{
	return schema_col_name(schema_milestone_col(ms));
}

int schema_attr_of(const char *name)
{
	int col = find_in(COL_TIER, COL_TIER + ATTR_COUNT, name,
			  name ? strlen(name) : 0);
	return col < 0 ? -1 : col - COL_TIER;
}

const char *schema_attr_name(int attr)
{
	return schema_col_name(schema_attr_col(attr));
}

unsigned schema_attr_flags(int attr)
{
	return schema_columns[schema_attr_col(attr)].flags;
}

const char *schema_label(const char *name)
{
	int col = schema_col_find(name, strlen(name));
	return col < 0 ? name : schema_columns[col].label;
}

static bool is_gap(char c)
{
	return c == ' ' || c == '_' || c == '-';
}

/* Whether s[0..n) is key once blanks, dashes and underscores are left
 * out of both and case is ignored: once per post-mortem row, so without
 * a copy. */
static bool squeezed_eq(const char *s, size_t n, const char *key)
{
	size_t i = 0;
	for (;; key++) {
		while (i < n && is_gap(s[i]))
			i++;
		while (is_gap(*key))
			key++;
		if (!*key || i == n)
			return !*key && i == n;
		char c = s[i++];
		if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != *key)
			return false;
	}
}

int schema_pm_find(const char *s, size_t n)
{
	for (int i = 0; i < PM_COUNT; i++)
		if (squeezed_eq(s, n, schema_pms[i].key))
			return i;
	return -1;
}
