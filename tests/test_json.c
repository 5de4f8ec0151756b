/* test_json.c - report.json: the SPEC section 5 keys, null for figures
 * that cannot be computed, escaping, valid UTF-8 from invalid input, and
 * byte-identical output for identical input.  Validity is checked by a
 * small strict JSON parser (RFC 8259) written here, independent of the
 * writer. */
#include "harness.h"
#include "render.h"
#include "../gen/render_json_write.h"
#include "stats.h"
#include "timeutil.h"

#include <stdlib.h>

/* ---- a strict RFC 8259 validator ---------------------------------------- */

static const char *jv_value(const char *p, int depth);

static const char *jv_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *jv_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF",
						    p[i]) || !p[i])
						return NULL;
				p += 5;
			} else if (*p && strchr("\"\\/bfnrt", *p)) {
				p++;
			} else {
				return NULL;
			}
			continue;
		}
		/* UTF-8: lead byte, then the right number of continuations,
		 * no overlong 2-byte forms, no surrogates */
		int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
				     : c >= 0xE0 && c <= 0xEF ? 3
				     : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (!len)
			return NULL;
		for (int i = 1; i < len; i++)
			if (((unsigned char)p[i] & 0xC0) != 0x80)
				return NULL;
		if (c == 0xED && (unsigned char)p[1] >= 0xA0)
			return NULL;
		p += len;
	}
	return p + 1;
}

static const char *jv_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

static const char *jv_seq(const char *p, char close, bool keyed, int depth)
{
	p = jv_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		p = jv_ws(p);
		if (keyed) {
			p = jv_string(p);
			if (!p)
				return NULL;
			p = jv_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = jv_value(p, depth + 1);
		if (!p)
			return NULL;
		p = jv_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *jv_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = jv_ws(p);
	if (*p == '{')
		return jv_seq(p, '}', true, depth);
	if (*p == '[')
		return jv_seq(p, ']', false, depth);
	if (*p == '"')
		return jv_string(p);
	if (strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (strncmp(p, "null", 4) == 0)
		return p + 4;
	return jv_number(p);
}

static bool json_valid(const char *s)
{
	const char *end = jv_value(s, 0);
	return end && *jv_ws(end) == '\0';
}

/* ---- tests -------------------------------------------------------------- */

static void test_validator_can_fail(void)
{
	CHECK(json_valid("{\"a\": [1, -0.5e3, null, \"\\u00e9\"]}"));
	CHECK(!json_valid("{\"a\": nan}"));
	CHECK(!json_valid("{\"a\": 01}"));
	CHECK(!json_valid("[\"\xff\"]"));
	CHECK(!json_valid("[\"a\nb\"]"));
	CHECK(!json_valid("{\"a\": 1,}"));
}

/* RFC 8259: every byte below 0x20 is escaped, the five with short forms
 * as \b \f \n \r \t (ours uses \n \r \t and \u00XX for the rest). */
static void test_control_bytes(void)
{
	struct buf b = BUF_INIT;
	for (unsigned c = 1; c < 0x20; c++) {
		char in[4] = {'a', (char)c, 'z', 0}, want[16];
		if (c == '\n')
			snprintf(want, sizeof(want), "\"a\\nz\"");
		else if (c == '\r')
			snprintf(want, sizeof(want), "\"a\\rz\"");
		else if (c == '\t')
			snprintf(want, sizeof(want), "\"a\\tz\"");
		else
			snprintf(want, sizeof(want), "\"a\\u%04xz\"", c);
		buf_reset(&b);
		jw_put_string(&b, in);
		CHECK_STR(buf_cstr(&b), want);
		CHECK(json_valid(buf_cstr(&b)));
	}
	/* DEL may stand raw in JSON; escaped, it survives any terminal */
	buf_reset(&b);
	jw_put_string(&b, "a\x7fz");
	CHECK_STR(buf_cstr(&b), "\"a\\u007fz\"");
	buf_release(&b);
}

static int64_t at(unsigned m, unsigned d)
{
	return tu_days_from_civil(2026, m, d) * TU_DAY;
}

/* Three accounts; one has a hostile name (quotes, a backslash, a newline,
 * a control byte, an invalid UTF-8 byte and a valid e-acute). */
static void build(struct model *m, struct config *c)
{
	model_init(m);
	config_init(c);
	c->clock.as_of = at(3, 1);
	const char *ids[] = {"J1", "J2", "J3"};
	for (int i = 0; i < 3; i++) {
		int32_t a = model_add_account(m, ids[i], 2, NULL);
		m->acc[a].ms[MS_SIGNED] = at(1, 1 + (unsigned)i);
		model_see_time(m, m->acc[a].ms[MS_SIGNED]);
	}
	/* J1 reached in 1.5 days, J2 in 3, J3 still open after 58 days */
	m->acc[0].ms[MS_FIRST_VALUE] = at(1, 2) + TU_DAY / 2;
	m->acc[1].ms[MS_FIRST_VALUE] = at(1, 5);
	m->acc[2].name = "Q\"uo\\te\nX\x01 \xff caf\xc3\xa9";
}

static void test_report(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	struct buf a = BUF_INIT, b = BUF_INIT;
	build(&m, &c);
	diag_init(&d);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	render_json(&s, &a);
	const char *j = buf_cstr(&a);
	CHECK(json_valid(j));
	/* every key of the SPEC section 5 contract */
	const char *keys[] = {
		"\"as_of\": \"2026-02-28\"", "\"accounts\": {",
		"\"total\": 3", "\"reached\": 2", "\"censored\": 1",
		"\"overall\": {", "\"km_p25\"", "\"km_p90\"", "\"tiers\": [",
		"\"tier\": \"(no tier)\"", "\"sla_days\"", "\"sla_source\"",
		"\"attainment\"", "\"on_track\"", "\"at_risk\"",
		"\"breached\"", "\"cohorts\": [", "\"cohort\": \"2026-01\"",
		"\"curve\": [[0, 0], [1, 0], [2, 0.333333333333333",
		"\"funnel\": [", "\"step\": \"first_value\"",
		"\"conversion\"", "\"dropoff\"", "\"median_days_to_next\"",
		"\"outcomes\": {", "\"renewed\": {", "\"churned\": {",
		"\"bands\": [", "\"band\": \"0-30\"", "\"renewal_rate\": null",
		"\"postmortems\": {", "\"total\": 0", "\"top\": null",
		"\"categories\": [", "\"share\": null", "\"onboarding\": [",
		"\"account_id\": \"J3\"", "\"status\": \"breached\"",
		"\"elapsed_days\": 57", "\"current_step\"",
		"\"stalled_days\"", "\"projected_first_value\"", "\"alert\"",
		/* SPEC 8.3: J3 is breached, so certain to miss */
		"\"p_on_time\": 0,", "\"risk\": 1,", "\"route\": \"human\"",
		"\"next_check\": \"2026-03-01\"", "\"owner\"",
		"\"escalation_approver\": \"\"", "\"arr\": null",
		"\"onboarding_status\": {", "\"risk_calibration\": {",
		"\"brier\"", "\"brier_base\"",
		"\"bins\": [",
		"\"targets\": [", "\"key\": \"median_ttfv_days\"",
		"\"target\": 5,", "\"warning\": 8,", "\"status\": \"met\"",
		"\"default\": true", "\"weekly\": {", "\"from\": \"",
		"\"previous\":", "\"previous_accounts\":", "\"delta\":",
		"\"value_lower\":", "\"changes\": {", "\"newly_breached\": [",
		"\"newly_at_risk\": [", "\"reached\": [", "\"new_accounts\": [",
		"\"stalled\": [", "\"actions\": [", "\"old_breaches\": [",
		"\"twice_sla\":", "\"old_breach\":",
		"\"trend\": {", "\"churn_flags\": {",
		"\"data_quality\": {",
		/* SPEC 8.1.  R: quantile(survfit(Surv(c(1.5, 3, 58), c(1, 1,
		 * 0)) ~ 1), 0.5): 3, lower 1.5, upper NA; prop.test(2, 3,
		 * correct = FALSE)$conf.int .20765960080204782
		 * .93850805527960379; one complete cohort (January ends
		 * 02-01): no trend test */
		"\"km_p50\": 3,\n    \"km_p75\": null,\n    \"km_p90\": null,\n"
		"    \"km_p50_lower\": 1.5,\n    \"km_p50_upper\": null",
		/* R's and ours agree to 15 digits */
		"\"reached_share_lower\": 0.207659600802047",
		"\"reached_share_upper\": 0.938508055279603",
		"\"complete\": true", "\"end\": \"2026-01-31\"",
		"\"attainment_lower\"", "  \"trend\": {\n    \"cohort\": null",
		"\"baseline\": []", "\"direction\": null",
		"\"band\": \"not reached\"", "\"renewal_rate_lower\": null",
		"\"gap\": null", "\"breaches\": ", "\"with_postmortem\": ",
		"\"coverage\": ", "\"missing\": [", "\"late\": [",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		CHECK_CONTAINS(j, keys[i]);
	/* type 7 of 1.5 and 3: p25 = 1.5 + .25 x 1.5 = 1.875, p50 2.25 */
	CHECK_CONTAINS(j, "\"p25\": 1.875");
	CHECK_CONTAINS(j, "\"p50\": 2.25");
	/* the hostile name, escaped; \xff became U+FFFD, é kept */
	CHECK_CONTAINS(j, "\"name\": \"Q\\\"uo\\\\te\\nX\\u0001 \xef\xbf\xbd "
			  "caf\xc3\xa9\"");
	/* the same input gives the same bytes */
	struct stats s2;
	CHECK_INT(stats_compute(&s2, &m, &c, NULL, &d), 0);
	render_json(&s2, &b);
	CHECK_INT(a.len, b.len);
	CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	stats_release(&s2);
	stats_release(&s);
	buf_release(&a);
	buf_release(&b);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* Doubles: shortest text that reads back exactly; NAN and infinity null. */
static void test_numbers(void)
{
	struct stats s;
	struct buf b = BUF_INIT;
	memset(&s, 0, sizeof(s));
	arena_init(&s.arena);
	for (int i = 0; i < STATS_NPCT; i++) {
		s.overall.p[i] = NAN;
		s.overall.km[i] = INFINITY;
	}
	s.overall.p[1] = 0.1;
	s.overall.p[2] = 1.0 / 3;
	s.overall.p[3] = 1e-7;
	s.renewed.p[0] = s.churned.p[0] = NAN;
	s.funnel_worst = -1;
	render_json(&s, &b);
	const char *j = buf_cstr(&b);
	CHECK(json_valid(j));
	CHECK_CONTAINS(j, "\"p25\": null");
	CHECK_CONTAINS(j, "\"p50\": 0.1,");
	CHECK_CONTAINS(j, "\"p75\": 0.3333333333333333,");
	CHECK_CONTAINS(j, "\"p90\": 1e-07,");
	CHECK_CONTAINS(j, "\"km_p25\": null");
	CHECK_CONTAINS(j, "\"title\": null");
	buf_release(&b);
	arena_release(&s.arena);
}

/* What the JSON writer's doubles are defined as: the shortest of %.15g,
 * %.16g and %.17g that strtod reads back to the same double. */
static void shortest_reference(char *out, size_t n, double v)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
}

static uint64_t rng_next(uint64_t *s)
{
	/* splitmix64 */
	uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* One double through jw_put_double against the reference; counts the
 * mismatches and prints the first few. */
static int shortest_mismatch(double v)
{
	char want[40];
	struct buf b = BUF_INIT;
	if (!isfinite(v))
		return 0;
	jw_put_double(&b, v);
	shortest_reference(want, sizeof(want), v);
	/* whole numbers below 1e15 are written as integers, which %.15g
	 * writes the same way */
	int bad = strcmp(buf_cstr(&b), want) != 0;
	static int shown;
	if (bad && shown++ < 5)
		fprintf(stderr, "%.17g: got %s, expected %s\n", v, buf_cstr(&b),
			want);
	buf_release(&b);
	return bad;
}

/* The writer's fast path (17 digits from 128-bit arithmetic or one printf,
 * the shorter forms rounded from them, an exact division to read them
 * back) against the reference on
 * the figures a report holds (days as seconds / 86400, shares as k / n,
 * short decimals), on the cases its shortcuts turn on (digits dropped of
 * exactly half a unit, a rounding that carries into a new digit, every
 * exponent printf writes fixed or with e), and on random bit patterns. */
static void test_shortest_doubles(void)
{
	static const double fixed[] = {
		0.1, 0.5, 1.0 / 3, 2.0 / 3, 1e-7, 1e-5, 1e-4, 0.00012345,
		123456789012345.6, 999999999999999.9, 9.9999999999999995,
		0.99999999999999994, 1e15 + 0.5, 1e21, 1e22, 1e23, 1.5e300,
		5e-324, 2.2250738585072014e-308, 4.35, 0.3, 26.03925925925926,
		1.0000000000000002, 1.7976931348623157e308, 1e16, 123e18,
		0.0001, 0.001, 123456.7890123, 1.25e-5, -0.1, -2.5, -1e-300};
	int bad = 0;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		bad += shortest_mismatch(fixed[i]);
		bad += shortest_mismatch(nextafter(fixed[i], 0));
		bad += shortest_mismatch(nextafter(fixed[i], INFINITY));
	}
	uint64_t seed = 22;
	for (int i = 0; i < 100000; i++) {
		uint64_t r = rng_next(&seed);
		double bits;
		memcpy(&bits, &r, sizeof(bits));
		bad += shortest_mismatch(bits);
		bad += shortest_mismatch((double)(r % 100000000) / 86400.0);
		bad += shortest_mismatch((double)(r % 1000) /
					 (double)(1 + (r >> 20) % 5000));
		bad += shortest_mismatch((double)(r % 10000000) /
					 pow(10, (double)((r >> 40) % 12)));
		/* 16 and 17 digits ending in 5 or 50: the half-unit cases */
		char half[48];
		snprintf(half, sizeof(half), "%llu%s5e-%d",
			 (unsigned long long)(r % UINT64_C(1000000000000000)),
			 r >> 63 ? "" : "0", (int)((r >> 50) % 30));
		bad += shortest_mismatch(strtod(half, NULL));
		/* dyadic fractions: exact binary values whose decimal digits
		 * end in 5, so the 17th digit can be an exact tie */
		bad += shortest_mismatch(
			(double)(r >> 11) / ldexp(1, (int)(r % 64) + 1));
		bad += shortest_mismatch(
			(double)(r % 100000) / ldexp(1, (int)((r >> 32) % 40)));
	}
	CHECK_INT(bad, 0);
}

int main(void)
{
	test_validator_can_fail();
	test_control_bytes();
	test_report();
	test_numbers();
	test_shortest_doubles();
	return test_done("test_json");
}
