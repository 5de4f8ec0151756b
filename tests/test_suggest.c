/* test_suggest.c - edit distances (worked by hand below) and the closest
 * names offered for a misspelt one; which event names read as a login. */
#include "config_check.h"
#include "harness.h"
#include "suggest.h"

static void distances(void)
{
	/* kitten -> sitten (k/s) -> sittin (e/i) -> sitting (+g): 3 */
	CHECK_INT(suggest_distance("kitten", "sitting", 10), 3);
	/* an adjacent transposition is one edit: leadershpi -> leadership */
	CHECK_INT(suggest_distance("leadershpi", "leadership", 10), 1);
	/* ca -> abc: optimal string alignment gives 3 (no edit of a
	 * transposed pair), where unrestricted Damerau gives 2 */
	CHECK_INT(suggest_distance("ca", "abc", 10), 3);
	/* data_import -> data_imported: two insertions */
	CHECK_INT(suggest_distance("data_import", "data_imported", 10), 2);
	/* case does not count */
	CHECK_INT(suggest_distance("Funnel", "funnel", 10), 0);
	CHECK_INT(suggest_distance("", "abc", 10), 3);
	/* capped: anything beyond cap is cap + 1 */
	CHECK_INT(suggest_distance("kitten", "sitting", 2), 3);
	CHECK_INT(suggest_distance("a", "abcdefgh", 3), 4);
}

static void closest(void)
{
	static const char *const events[] = {
		"first_login", "data_exported", "data_imported",
		"report_shared", "data_import_failed"};
	struct buf b = BUF_INIT;
	/* data_import (11 letters: 3 edits allowed): data_imported at 2;
	 * data_import_failed is longer by 7 but starts with it, so it comes
	 * last; data_exported is 4 away */
	CHECK_INT(suggest_closest(&b, "data_import", events, 5, 3), 2);
	CHECK_STR(buf_cstr(&b), "'data_imported', 'data_import_failed'");
	buf_reset(&b);
	CHECK_INT(suggest_closest(&b, "data_import", events, 5, 1), 1);
	CHECK_STR(buf_cstr(&b), "'data_imported'");
	buf_reset(&b);
	/* nothing near: nothing offered */
	CHECK_INT(suggest_closest(&b, "zzz", events, 5, 3), 0);
	CHECK_STR(buf_cstr(&b), "");
	/* a short word still allows one edit */
	static const char *const fmts[] = {"md", "html", "json"};
	buf_reset(&b);
	CHECK_INT(suggest_closest(&b, "mx", fmts, 3, 3), 1);
	CHECK_STR(buf_cstr(&b), "'md'");
	buf_release(&b);
}

static void logins(void)
{
	CHECK(config_is_login_event("first_login"));
	CHECK(config_is_login_event("user_logged_in"));
	CHECK(config_is_login_event("SignIn"));
	CHECK(config_is_login_event("userLoggedIn"));
	CHECK(config_is_login_event("Log In"));
	CHECK(config_is_login_event("logon"));
	CHECK(!config_is_login_event("report_shared"));
	CHECK(!config_is_login_event("design_in_review"));
	CHECK(!config_is_login_event("blog_in_app"));
	CHECK(!config_is_login_event("catalog_indexed"));
}

int main(void)
{
	distances();
	closest();
	logins();
	return test_done("test_suggest");
}
