/* test_schema.c - the column table (schema.h) holds together, and every
 * attribute it lists goes from an accounts header to a breakdown of its
 * own without any other table naming it: the loops below run over the
 * schema, so a column added to SCHEMA_ATTRIBUTES is tested here too. */
#include "harness.h"
#include "ingest_helpers.h"
#include "render.h"
#include "schema.h"
#include "stats.h"

/* Each '|'-separated word of list, to f(word, n, col). */
static void each_alias(const char *list, int col,
		       void (*f)(const char *, size_t, int))
{
	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		f(p, n, col);
		p += n + (bar != NULL);
	}
}

static void alias_is_its_column(const char *a, size_t n, int col)
{
	CHECK_INT(schema_alias_find(a, n, ROLE_ACCOUNTS), col);
	/* an alias never shadows a canonical name */
	CHECK_INT(schema_col_find(a, n), -1);
}

static void test_table(void)
{
	for (int col = 0; col < COL_COUNT; col++) {
		const struct schema_column *c = &schema_columns[col];
		CHECK(c->name && *c->name && c->label && *c->label);
		CHECK_INT(schema_col_find(c->name, strlen(c->name)), col);
		CHECK(c->roles != 0);
		CHECK((c->required & ~c->roles) == 0);
		each_alias(c->aliases, col, alias_is_its_column);
		each_alias(c->accounts_aliases, col, alias_is_its_column);
		if (c->kind == KIND_MILESTONE)
			CHECK_INT(schema_milestone_col(c->index), col);
		else if (c->kind == KIND_ATTRIBUTE)
			CHECK_INT(schema_attr_col(c->index), col);
		else
			CHECK_INT(c->index, -1);
	}
	for (int ms = 0; ms < MS_COUNT; ms++) {
		CHECK_INT(schema_columns[schema_milestone_col(ms)].kind,
			  KIND_MILESTONE);
		CHECK_INT(schema_milestone_of(schema_milestone_name(ms)), ms);
	}
	for (int at = 0; at < ATTR_COUNT; at++) {
		CHECK_INT(schema_columns[schema_attr_col(at)].kind,
			  KIND_ATTRIBUTE);
		CHECK_INT(schema_attr_of(schema_attr_name(at)), at);
	}
	/* names in any case; the milestones in their natural order */
	CHECK_INT(schema_milestone_of("Kickoff_At"), MS_KICKOFF);
	CHECK_INT(schema_milestone_of("tier"), -1);
	CHECK_INT(schema_milestone_of(NULL), -1);
	CHECK_INT(schema_attr_of("signed_at"), -1);
	CHECK_STR(schema_milestone_name(0), "signed_at");
	CHECK_STR(schema_milestone_name(MS_COUNT - 1), "go_live_at");
	/* "id" is an account's only in the accounts export */
	CHECK_INT(schema_alias_find("id", 2, ROLE_ACCOUNTS), COL_ACCOUNT_ID);
	CHECK_INT(schema_alias_find("id", 2, ROLE_EVENTS), -1);
	CHECK_INT(schema_alias_find("id", 2, ROLE_UNKNOWN), -1);
	CHECK_STR(schema_label("company_size"), "Company size");
	CHECK_STR(schema_label("no_such_column"), "no_such_column");
}

static void test_categories(void)
{
	static const char *const data_migration[] = {
		"data_migration", "Data Migration", "data-migration",
		"DATA MIGRATION", "DataMigration"};
	for (size_t i = 0; i < 5; i++)
		CHECK_INT(schema_pm_find(data_migration[i],
					 strlen(data_migration[i])),
			  PM_DATA_MIGRATION);
	CHECK_INT(schema_pm_find("Customer Readiness", 18),
		  PM_CUSTOMER_READINESS);
	CHECK_INT(schema_pm_find("product", 7), PM_PRODUCT);
	CHECK_INT(schema_pm_find("products", 8), -1);
	CHECK_INT(schema_pm_find("", 0), -1);
	for (int c = 0; c < PM_COUNT; c++) {
		const struct schema_pm *p = &schema_pms[c];
		CHECK(*p->key && *p->label && *p->owner && *p->remedy);
		CHECK_INT(schema_pm_find(p->key, strlen(p->key)), c);
	}
}

/* Every breakdown attribute, alone in an accounts file with two values
 * over three accounts: a breakdown by it with groups "a" (2 accounts) and
 * "b" (1), chosen by [report] breakdowns, and its label as the heading of
 * its table.  Company size is banded: 5 and 7 employees are "1-10", 60 is
 * "51-200". */
static void test_every_attribute(void)
{
	for (int at = 0; at < ATTR_COUNT; at++) {
		unsigned flags = schema_attr_flags(at);
		if (!(flags & SCHEMA_BREAKDOWN))
			continue;
		const char *name = schema_attr_name(at);
		bool banded = flags & SCHEMA_BANDED;
		char csv[512], ini[128];
		snprintf(csv, sizeof(csv),
			 "account_id,signed_at,first_value_at,%s\n"
			 "A1,2026-01-01,2026-01-03,%s\n"
			 "A2,2026-01-01,2026-01-05,%s\n"
			 "A3,2026-01-01,,%s\n",
			 name, banded ? "5" : "a", banded ? "60" : "b",
			 banded ? "7" : "a");
		snprintf(ini, sizeof(ini), "[report]\nbreakdowns = %s\n", name);
		test_dir_make();
		put_file("accounts.csv", csv);
		struct run r;
		run_begin(&r);
		CHECK_INT(config_parse(&r.c, "test.ini", ini, strlen(ini), &r.d),
			  0);
		const char *files[] = {"accounts.csv"};
		CHECK_INT(run_files(&r, files, 1), 0);
		CHECK_INT(r.m.attrs[at].n, banded ? 3 : 2);
		struct stats s;
		CHECK_INT(clock_settle(&r.c, r.m.latest, &r.d), 0);
		CHECK_INT(stats_compute(&s, &r.m, &r.c, NULL, &r.d), 0);
		CHECK_INT(s.nsegments, 1);
		if (s.nsegments == 1) {
			const struct breakdown *bd = s.segments[0];
			CHECK_STR(bd->column, name);
			CHECK_INT(bd->n, 2);
			CHECK_STR(bd->groups[0].name, banded ? "1-10" : "a");
			CHECK_INT(bd->groups[0].accounts, 2);
			CHECK_STR(bd->groups[1].name, banded ? "51-200" : "b");
			CHECK_INT(bd->groups[1].accounts, 1);
		}
		struct buf md = BUF_INIT;
		struct render_opts o = {0};
		CHECK_INT(render_markdown(&s, &r.c, &o, &md, &r.d), 0);
		char heading[64];
		snprintf(heading, sizeof(heading), "### %s\n",
			 schema_columns[schema_attr_col(at)].label);
		CHECK(strstr(buf_cstr(&md), heading) != NULL);
		if (!strstr(buf_cstr(&md), heading))
			fprintf(stderr, "no '%s' in the report\n", heading);
		buf_release(&md);
		stats_release(&s);
		run_end(&r);
		test_dir_remove();
	}
}

int main(void)
{
	test_table();
	test_categories();
	test_every_attribute();
	return test_done("test_schema");
}
