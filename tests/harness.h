/* harness.h - a minimal unit-test harness.  Each CHECK prints "got /
 * expected" on failure; TEST_MAIN's caller ends with test_done(), which
 * prints "NAME: N passed, N failed[, N skipped]" for tests/run.sh to add
 * up. */
#ifndef TTFV_HARNESS_H
#define TTFV_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_pass, test_fail, test_skip;

/* A check that cannot run here (a missing tool): counted, and named on
 * stderr, so tests/run.sh reports it and CI refuses it. */
#define SKIP(why)                                                           \
	do {                                                                \
		test_skip++;                                                \
		fprintf(stderr, "%s:%d: SKIP: %s\n", __FILE__, __LINE__, why); \
	} while (0)

#define CHECK(cond)                                                         \
	do {                                                                \
		if (cond)                                                   \
			test_pass++;                                        \
		else {                                                      \
			test_fail++;                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n",        \
				__FILE__, __LINE__, #cond);                 \
		}                                                           \
	} while (0)

#define CHECK_INT(got, want)                                                \
	do {                                                                \
		long long g_ = (long long)(got), w_ = (long long)(want);    \
		if (g_ == w_)                                               \
			test_pass++;                                        \
		else {                                                      \
			test_fail++;                                        \
			fprintf(stderr, "%s:%d: %s: got %lld, expected %lld\n", \
				__FILE__, __LINE__, #got, g_, w_);          \
		}                                                           \
	} while (0)

/* Doubles within tol; NAN matches NAN (a figure that is null). */
#define CHECK_NEAR(got, want, tol)                                          \
	do {                                                                \
		double g_ = (got), w_ = (want);                             \
		if ((isnan(g_) && isnan(w_)) || fabs(g_ - w_) <= (tol))     \
			test_pass++;                                        \
		else {                                                      \
			test_fail++;                                        \
			fprintf(stderr, "%s:%d: %s: got %.10g, expected %.10g\n", \
				__FILE__, __LINE__, #got, g_, w_);          \
		}                                                           \
	} while (0)

#define CHECK_STR(got, want)                                                \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		if ((!g_ && !w_) || (g_ && w_ && strcmp(g_, w_) == 0))      \
			test_pass++;                                        \
		else {                                                      \
			test_fail++;                                        \
			fprintf(stderr, "%s:%d: %s:\n  got      '%s'\n  expected '%s'\n", \
				__FILE__, __LINE__, #got, g_ ? g_ : "(null)", \
				w_ ? w_ : "(null)");                        \
		}                                                           \
	} while (0)

/* Before indexing an array: len (its length) is at least need, or the
 * test fails and its function returns at once, saying which checks did
 * not run, rather than reading past the end and crashing (which would hide
 * every check after it). */
#define REQUIRE_LEN(len, need)                                              \
	do {                                                                \
		long long l_ = (long long)(len), n_ = (long long)(need);    \
		if (l_ >= n_)                                               \
			test_pass++;                                        \
		else {                                                      \
			test_fail++;                                        \
			fprintf(stderr, "%s:%d: %s is %lld, fewer than %lld: " \
				"the rest of %s() did not run\n", __FILE__,  \
				__LINE__, #len, l_, n_, __func__);          \
			return;                                             \
		}                                                           \
	} while (0)

/* Substring check, for messages. */
#define CHECK_CONTAINS(hay, needle)                                         \
	do {                                                                \
		const char *h_ = (hay), *n_ = (needle);                     \
		if (h_ && strstr(h_, n_))                                   \
			test_pass++;                                        \
		else {                                                      \
			test_fail++;                                        \
			fprintf(stderr, "%s:%d: '%s' not found in:\n%s\n",  \
				__FILE__, __LINE__, n_, h_ ? h_ : "(null)"); \
		}                                                           \
	} while (0)

static inline int test_done(const char *name)
{
	if (test_skip)
		printf("%s: %d passed, %d failed, %d skipped\n", name, test_pass,
		       test_fail, test_skip);
	else
		printf("%s: %d passed, %d failed\n", name, test_pass, test_fail);
	return test_fail != 0;
}

#endif
