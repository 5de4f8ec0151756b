/* sample_rng.c - xoshiro256** (Blackman and Vigna, public domain
 * reference algorithm), seeded through splitmix64 so that nearby seeds and
 * streams still give unrelated sequences. */
#include "sample_gen.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

void sample_rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t sample_rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double sample_rng_unit(struct rng *r)
{
	/* the top 53 bits, exactly representable */
	return (double)(sample_rng_next(r) >> 11) * 0x1.0p-53;
}

double sample_rng_range(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * sample_rng_unit(r);
}

int sample_rng_int(struct rng *r, int lo, int hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;
	return lo + (int)(sample_rng_next(r) % span);
}

bool sample_rng_chance(struct rng *r, double p)
{
	return sample_rng_unit(r) < p;
}

double sample_rng_normal(struct rng *r)
{
	double u = 1.0 - sample_rng_unit(r);	/* (0, 1]: log is finite */
	double v = sample_rng_unit(r);
	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

int sample_rng_pick(struct rng *r, const double *weights, int n)
{
	double total = 0;
	for (int i = 0; i < n; i++)
		total += weights[i];
	double x = sample_rng_unit(r) * total;
	for (int i = 0; i < n - 1; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}
