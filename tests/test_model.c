/* test_model.c - account table, interning and event reduction. */
#include "harness.h"
#include "model.h"

static void test_accounts(void)
{
	struct model m;
	model_init(&m);
	int32_t dup = -1;
	char id[16];
	int misplaced = 0;
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(id, sizeof(id), "A%05d", i);
		misplaced += model_add_account(&m, id, (size_t)n, NULL) != i;
	}
	CHECK_INT(misplaced, 0);
	CHECK_INT(model_add_account(&m, "A00042", 6, &dup), -1);
	CHECK_INT(dup, 42);
	CHECK_INT(model_find(&m, "A04999", 6), 4999);
	CHECK_INT(model_find(&m, "A0499", 5), -1);
	/* prefix of an existing id is not that id */
	CHECK_INT(model_find(&m, "A049991", 7), -1);
	model_release(&m);
}

static void test_events(void)
{
	struct model m;
	model_init(&m);
	model_add_account(&m, "x", 1, NULL);
	model_add_account(&m, "y", 1, NULL);
	int e = model_event_id(&m, "report_shared", 13, true);
	CHECK_INT(e, 0);
	CHECK_INT(model_event_id(&m, "other", 5, false), -1);
	model_add_event(&m, 0, e, 500, 0);
	model_add_event(&m, 0, e, 300, 0);
	model_add_event(&m, 0, e, 900, 0);
	CHECK_INT(model_event_first(&m, e, 0), 300);
	CHECK(model_event_first(&m, e, 1) == TTFV_NO_TIME);
	CHECK_INT(m.latest, 900);
	CHECK_INT(m.events_total, 3);
	model_release(&m);
}

/* Users seen at times 1..10 (one event each), K = 8 kept: the two oldest
 * (times 1 and 2) fall out; five users were seen at or after time 6. */
static void test_active_users(void)
{
	struct model m;
	model_init(&m);
	model_add_account(&m, "x", 1, NULL);
	for (uint64_t u = 1; u <= 10; u++)
		model_add_event(&m, 0, -1, (int64_t)u, u * 7919);
	CHECK_INT(m.acc[0].users.n, MODEL_WAU_K);
	CHECK_INT(model_active_users(&m.acc[0], 6), 5);
	CHECK_INT(model_active_users(&m.acc[0], 0), 8);
	/* user 1 comes back late: counted again */
	model_add_event(&m, 0, -1, 20, 1 * 7919);
	CHECK_INT(model_active_users(&m.acc[0], 15), 1);
	CHECK_INT(m.events_untracked, 11);
	model_release(&m);
}

int main(void)
{
	test_accounts();
	test_events();
	test_active_users();
	return test_done("test_model");
}
