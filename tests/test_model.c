/* test_model.c - account table, interning and event reduction. */
#include "harness.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

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
	CHECK_INT(m.users[0].n, MODEL_WAU_K);
	CHECK_INT(model_active_users(&m, 0, 6), 5);
	CHECK_INT(model_active_users(&m, 0, 0), 8);
	/* user 1 comes back late: counted again */
	model_add_event(&m, 0, -1, 20, 1 * 7919);
	CHECK_INT(model_active_users(&m, 0, 15), 1);
	CHECK_INT(m.events_untracked, 11);
	model_release(&m);
}

/* Week 2 after the clock start is [start + 7 d, start + 14 d).  "x" is
 * tech-touch (signed_at at day 10); "y" is high-touch, whose [tier
 * high-touch] clock starts at kickoff_at (day 20); "z" has no kickoff yet
 * and so no window.  Days are 86400 s, in microseconds. */
static void test_week2(void)
{
	const int64_t D = 86400 * INT64_C(1000000);
	struct model m;
	struct config c;
	model_init(&m);
	config_init(&c);
	c.tiers = calloc(1, sizeof(*c.tiers));
	c.ntiers = 1;
	c.tiers[0].name = strdup("high-touch");
	c.tiers[0].clock_start = strdup("kickoff_at");
	const char *ids[] = {"x", "y", "z"};
	const char *tier[] = {"tech-touch", "High-Touch", "high-touch"};
	for (int i = 0; i < 3; i++) {
		int32_t a = model_add_account(&m, ids[i], 1, NULL);
		m.acc[a].attr[ATTR_TIER] = strtab_intern(
			&m.attrs[ATTR_TIER], &m.arena, tier[i], strlen(tier[i]));
		m.acc[a].ms[MS_SIGNED] = 10 * D;
	}
	m.acc[1].ms[MS_KICKOFF] = 20 * D;
	model_week2_begin(&m, &c);
	/* x: day 16.99 is before its window, day 24 is its end (excluded),
	 * days 23 and 19 are in it: first 19 */
	model_add_event(&m, 0, -1, 17 * D - 1, 0);
	model_add_event(&m, 0, -1, 24 * D, 0);
	model_add_event(&m, 0, -1, 23 * D, 0);
	model_add_event(&m, 0, -1, 19 * D, 0);
	/* y: from its kickoff, window [27, 34): day 18 (x's window) does not
	 * count, day 27 exactly does */
	model_add_event(&m, 1, -1, 18 * D, 0);
	model_add_event(&m, 1, -1, 27 * D, 0);
	/* z: any time, no window */
	model_add_event(&m, 2, -1, 18 * D, 0);
	CHECK_INT(m.week2[0].first, 19 * D);
	CHECK_INT(m.week2[1].first, 27 * D);
	CHECK(m.week2[2].first == TTFV_NO_TIME);
	model_release(&m);
	config_release(&c);
}

/* A partial model merged gives what one model fed every row in order:
 * m has "login" for x at 5; the part has "share" for y at 7, "login" for
 * x at 3 and y at 9, user 42 of x at 3.  After the merge "login" keeps id
 * 0 and "share" gets id 1 (the part's first appearance); x's first login
 * is 3 (the earlier), y's 9; three + one rows; latest 9; x's user set has
 * users 41 (at 5) and 42 (at 3). */
static void test_merge(void)
{
	struct model m, part;
	model_init(&m);
	model_add_account(&m, "x", 1, NULL);
	model_add_account(&m, "y", 1, NULL);
	model_add_event(&m, 0, model_event_id(&m, "login", 5, true), 5, 41);
	model_partial_init(&part, &m);
	CHECK_INT(part.nacc, 2);
	model_add_event(&part, 1, model_event_id(&part, "share", 5, true), 7, 0);
	int pl = model_event_id(&part, "login", 5, true);
	model_add_event(&part, 0, pl, 3, 42);
	model_add_event(&part, 1, pl, 9, 0);
	model_merge(&m, &part);
	model_release(&part);
	int login = model_event_id(&m, "login", 5, false);
	int share = model_event_id(&m, "share", 5, false);
	CHECK_INT(login, 0);
	CHECK_INT(share, 1);
	CHECK_INT(model_event_first(&m, login, 0), 3);
	CHECK_INT(model_event_first(&m, login, 1), 9);
	CHECK_INT(model_event_first(&m, share, 1), 7);
	CHECK(model_event_first(&m, share, 0) == TTFV_NO_TIME);
	CHECK_INT(m.event_rows[login], 3);
	CHECK_INT(m.event_rows[share], 1);
	CHECK_INT(m.events_total, 4);
	CHECK_INT(m.latest, 9);
	CHECK_INT(model_active_users(&m, 0, 0), 2);
	CHECK_INT(model_active_users(&m, 0, 4), 1);
	CHECK(!model_has_users(&m, 1));
	model_release(&m);
}

/* A string table against a list searched one by one: names of every
 * length up to 40 (both sides of the 4-, 8-, 16- and 32-byte loads), each
 * with near-misses (one byte changed at each place, one byte longer or
 * shorter, a prefix) that are in the table or not at random; every one
 * must resolve as the list says, through several growths. */
static void test_strtab(void)
{
	struct strtab t = {0};
	struct arena a;
	arena_init(&a);
	static char list[4000][48];
	static size_t len[4000];
	size_t nlist = 0;
	unsigned seed = 3;
	int wrong = 0;
	for (int round = 0; round < 300; round++) {
		char base[48];
		size_t n = (size_t)rand_r(&seed) % 41;
		for (size_t i = 0; i < n; i++)
			base[i] = "event_ab"[rand_r(&seed) % 8];
		for (int v = 0; v < 12; v++) {
			char s[48];
			size_t k = n;
			memcpy(s, base, n);
			if (v == 1 && n)
				k = n - 1;
			else if (v == 2)
				s[k++] = 'x';
			else if (v >= 3 && n)
				s[(size_t)rand_r(&seed) % n] ^= 1;
			int32_t want = -1;
			for (size_t j = 0; j < nlist && want < 0; j++)
				if (len[j] == k && !memcmp(list[j], s, k))
					want = (int32_t)j;
			wrong += strtab_find(&t, s, k) != want;
			if (want < 0 && rand_r(&seed) % 2) {
				memcpy(list[nlist], s, k);
				len[nlist] = k;
				want = (int32_t)nlist++;
			}
			if (want >= 0)
				wrong += strtab_intern(&t, &a, s, k) != want;
		}
	}
	CHECK_INT(wrong, 0);
	CHECK(nlist > 1000);
	CHECK_INT((long)t.n, (long)nlist);
	for (size_t j = 0; j < nlist; j++)
		wrong += strtab_find(&t, list[j], len[j]) != (int32_t)j ||
			 strlen(t.str[j]) != len[j];
	CHECK_INT(wrong, 0);
	free(t.str);
	free(t.len);
	free(t.slot);
	arena_release(&a);
}

/* Event ids through the seen-name slots: names that share a slot (same
 * length, first, middle and last byte) and near-misses of each (one byte
 * changed, one more or fewer) looked up in random order, found or made,
 * against a list searched one by one; past MODEL_MAX_EVENTS a name is
 * not made. */
static void test_event_ids(void)
{
	struct model m;
	model_init(&m);
	model_add_account(&m, "x", 1, NULL);
	static char list[80][16];
	size_t nlist = 0;
	unsigned seed = 17;
	int wrong = 0;
	for (int i = 0; i < 20000; i++) {
		char s[16] = "ab_0000_cd";
		size_t n = 10;
		s[3 + rand_r(&seed) % 4] = (char)('0' + rand_r(&seed) % 5);
		switch (rand_r(&seed) % 8) {
		case 0: s[rand_r(&seed) % 10] ^= 1; break;
		case 1: n = 9; break;
		case 2: s[n++] = 'd'; break;
		default: break;
		}
		bool create = rand_r(&seed) % 3 == 0;
		int want = -1;
		for (size_t j = 0; j < nlist && want < 0; j++)
			if (strlen(list[j]) == n && !memcmp(list[j], s, n))
				want = (int)j;
		if (want < 0 && create && nlist < MODEL_MAX_EVENTS) {
			memcpy(list[nlist], s, n);
			list[nlist][n] = '\0';
			want = (int)nlist++;
		}
		wrong += model_event_id(&m, s, n, create) != want;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT((long)nlist, MODEL_MAX_EVENTS);
	CHECK_INT((long)m.event_names.n, MODEL_MAX_EVENTS);
	model_release(&m);
}

int main(void)
{
	test_event_ids();
	test_strtab();
	test_merge();
	test_week2();
	test_accounts();
	test_events();
	test_active_users();
	return test_done("test_model");
}
