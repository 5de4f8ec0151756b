/* main.c - the command line: parses options and wires the stages
 * ingest -> model -> stats -> charts -> render.  Only main decides exit
 * codes: 0 success, 1 bad data, 2 usage, 3 I/O. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "charts.h"
#include "config.h"
#include "ingest.h"
#include "model.h"
#include "output.h"
#include "render.h"
#include "sample.h"
#include "sql.h"
#include "stats.h"
#include "timeutil.h"

#define TTFV_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char usage_text[] =
	"usage: ttfv report  [--config FILE] [--template NAME|FILE] [--out DIR]\n"
	"                    [--as-of DATE] [--format md,html,json] [--account ID]\n"
	"                    [--lenient] [--quiet] DATA...\n"
	"       ttfv check   [--config FILE] DATA...\n"
	"       ttfv chart   NAME [--size WxH] [--format png|svg|pdf] [--out FILE] DATA...\n"
	"       ttfv sample  [--seed N] [--accounts N] [--out DIR]\n"
	"       ttfv sql     --dialect postgres|bigquery|snowflake|sqlite|duckdb\n"
	"                    [--table NAME] [--config FILE] [DATA]\n"
	"       ttfv --help | --version\n"
	"\n"
	"DATA are CSV files or directories of them; each file's role (accounts,\n"
	"events, postmortems, pauses) is read from its header, or forced with\n"
	"--accounts F, --events F, --postmortems F, --pauses F.\n"
	"charts: cohort_curves funnel ttfv_by_outcome postmortems sla_attainment\n"
	"        ttfv_trend\n"
	"exit codes: 0 success, 1 bad data, 2 usage, 3 I/O error\n";

/* TTFV_TIMING=1 prints phase times on stderr for `make bench`: wall, and
 * CPU of every thread (a shared machine stretches the one, not the other). */
static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Progress on stderr for long reads (SPEC section 1): only on a terminal,
 * never under --quiet, and only once a read has taken a second. */
struct progress {
	double start;
	bool shown;
};

static void show_progress(void *ctx, const char *path, size_t done,
			  size_t total)
{
	struct progress *p = ctx;
	if (now_seconds() - p->start < 1.0)
		return;
	fprintf(stderr, "\rttfv: reading %s: %3.0f%%", path,
		total ? 100.0 * (double)done / (double)total : 0.0);
	p->shown = true;
}

/* Options shared by report, check and chart. */
struct run {
	const char *config_path;
	const char *as_of;
	const char *account;
	bool lenient, quiet;
	struct ingest_input *inputs;
	size_t ninputs, capinputs;

	struct config config;
	struct model model;
	struct ingest ingest;
	struct diag diag;
	double t_ingest, t_stats;	/* seconds, for TTFV_TIMING */
	double c_ingest, c_stats;	/* CPU seconds, the same */
	bool ingested;		/* ingest ran, so there is something to describe */
};

static int usage_error(const char *fmt, const char *arg)
{
	fputs("ttfv: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(see ttfv --help)\n", stderr);
	return EXIT_USAGE;
}

static void run_add_input(struct run *r, const char *path, enum role role)
{
	VEC_RESERVE(r->inputs, r->capinputs, r->ninputs + 1);
	r->inputs[r->ninputs].path = path;
	r->inputs[r->ninputs].forced = role;
	r->ninputs++;
}

/* Prints collected problems; the count line only when the text was cut. */
static void print_diag(const struct diag *d)
{
	fputs(buf_cstr(&d->text), stderr);
	if (d->count > d->shown)
		fprintf(stderr, "ttfv: ... and %zu more problems\n",
			d->count - d->shown);
}

/* The config: --config, else ttfv.ini in the first DATA directory, else
 * the defaults.  Returns an exit code. */
static int run_config(struct run *r)
{
	config_init(&r->config);
	diag_init(&r->diag);
	model_init(&r->model);
	memset(&r->ingest, 0, sizeof(r->ingest));
	r->ingest.lenient = r->lenient;

	char found[4096];
	const char *cfg = r->config_path;
	if (!cfg) {
		const char *dir = ingest_first_dir(r->inputs, r->ninputs);
		if (dir && snprintf(found, sizeof(found), "%s/ttfv.ini", dir) <
				   (int)sizeof(found) &&
		    access(found, R_OK) == 0)
			cfg = found;
	}
	if (cfg) {
		int rc = config_load(&r->config, cfg, &r->diag);
		if (rc == -2) {
			print_diag(&r->diag);
			return EXIT_IO;
		}
		if (rc < 0) {
			print_diag(&r->diag);
			return EXIT_DATA;
		}
	}
	return EXIT_OK;
}

/* Config, timezone and as-of; then every input into the model.  Returns an
 * exit code. */
static int run_load(struct run *r)
{
	int rc = run_config(r);
	if (rc != EXIT_OK)
		return rc;
	if (tu_set_timezone(r->config.timezone) < 0) {
		fprintf(stderr, "ttfv: unknown timezone '%s'\n",
			r->config.timezone);
		return EXIT_DATA;
	}
	/* The as-of instant depends on the timezone, so it is fixed here,
	 * after both are known: the end of the as-of day. */
	const char *as_of = r->as_of ? r->as_of : r->config.as_of_text;
	if (as_of) {
		int64_t day;
		if (!tu_parse_day(as_of, &day)) {
			if (r->as_of)
				return usage_error(
					"--as-of: cannot parse '%s' as a date "
					"(YYYY-MM-DD)", as_of);
			fprintf(stderr, "ttfv: as_of: cannot parse '%s'\n", as_of);
			return EXIT_DATA;
		}
		r->config.as_of = tu_day_start(day + 1);
	}

	double t0 = now_seconds(), c0 = cpu_seconds();
	struct progress progress = {t0, false};
	if (!r->quiet && isatty(STDERR_FILENO)) {
		r->ingest.progress = show_progress;
		r->ingest.progress_ctx = &progress;
	}
	r->ingested = true;
	rc = ingest_run(&r->ingest, &r->model, &r->config, r->inputs,
			    r->ninputs, &r->diag);
	r->t_ingest = now_seconds() - t0;
	r->c_ingest = cpu_seconds() - c0;
	if (progress.shown)
		fputs("\r\033[K", stderr);	/* clear the progress line */
	if (rc == -3) {
		print_diag(&r->diag);
		return EXIT_IO;
	}
	if (rc < 0 || r->diag.count) {
		print_diag(&r->diag);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static void run_release(struct run *r)
{
	ingest_release(&r->ingest);
	model_release(&r->model);
	config_release(&r->config);
	diag_release(&r->diag);
	free(r->inputs);
}

enum {
	OPT_ACCOUNTS = 256, OPT_EVENTS, OPT_POSTMORTEMS, OPT_PAUSES,
	OPT_AS_OF, OPT_LENIENT, OPT_QUIET, OPT_ACCOUNT, OPT_TEMPLATE,
	OPT_SEED, OPT_SIZE, OPT_CONFIG, OPT_FORMAT, OPT_OUT, OPT_DIALECT,
	OPT_TABLE, OPT_HELP
};

static const struct option long_opts[] = {
	{"config", required_argument, NULL, OPT_CONFIG},
	{"accounts", required_argument, NULL, OPT_ACCOUNTS},
	{"events", required_argument, NULL, OPT_EVENTS},
	{"postmortems", required_argument, NULL, OPT_POSTMORTEMS},
	{"pauses", required_argument, NULL, OPT_PAUSES},
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"lenient", no_argument, NULL, OPT_LENIENT},
	{"quiet", no_argument, NULL, OPT_QUIET},
	{"account", required_argument, NULL, OPT_ACCOUNT},
	{"template", required_argument, NULL, OPT_TEMPLATE},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"out", required_argument, NULL, OPT_OUT},
	{"seed", required_argument, NULL, OPT_SEED},
	{"size", required_argument, NULL, OPT_SIZE},
	{"dialect", required_argument, NULL, OPT_DIALECT},
	{"table", required_argument, NULL, OPT_TABLE},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static const char *option_name(int id)
{
	for (const struct option *o = long_opts; o->name; o++)
		if (o->val == id)
			return o->name;
	return "?";
}

/* Per-command options that are not data options. */
struct cmd_opts {
	const char *template_name, *format, *out, *seed, *size, *dialect,
		*table;
};

/* Parses argv for a command; `allowed` lists the option ids it takes. */
static int parse_args(int argc, char **argv, struct run *r,
		      struct cmd_opts *o, const int *allowed)
{
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == '?' || c == ':')
			return usage_error("unknown option or missing value: '%s'",
					   argv[optind - 1]);
		bool ok = false;
		for (const int *a = allowed; *a; a++)
			ok |= *a == c;
		if (c == OPT_HELP) {
			fputs(usage_text, stdout);
			exit(EXIT_OK);
		}
		if (!ok)
			return usage_error("option '--%s' does not apply to this "
					   "command", option_name(c));
		switch (c) {
		case OPT_CONFIG: r->config_path = optarg; break;
		case OPT_ACCOUNTS: run_add_input(r, optarg, ROLE_ACCOUNTS); break;
		case OPT_EVENTS: run_add_input(r, optarg, ROLE_EVENTS); break;
		case OPT_POSTMORTEMS:
			run_add_input(r, optarg, ROLE_POSTMORTEMS);
			break;
		case OPT_PAUSES: run_add_input(r, optarg, ROLE_PAUSES); break;
		case OPT_AS_OF: r->as_of = optarg; break;
		case OPT_LENIENT: r->lenient = true; break;
		case OPT_QUIET: r->quiet = true; break;
		case OPT_ACCOUNT: r->account = optarg; break;
		case OPT_TEMPLATE: o->template_name = optarg; break;
		case OPT_FORMAT: o->format = optarg; break;
		case OPT_OUT: o->out = optarg; break;
		case OPT_SEED: o->seed = optarg; break;
		case OPT_SIZE: o->size = optarg; break;
		case OPT_DIALECT: o->dialect = optarg; break;
		case OPT_TABLE: o->table = optarg; break;
		}
	}
	return EXIT_OK;
}

#define DATA_OPTS OPT_CONFIG, OPT_ACCOUNTS, OPT_EVENTS, OPT_POSTMORTEMS, \
		  OPT_PAUSES, OPT_AS_OF, OPT_LENIENT, OPT_QUIET

/* Remaining arguments are DATA paths. */
static int take_data(int argc, char **argv, int first, struct run *r)
{
	for (int i = first; i < argc; i++)
		run_add_input(r, argv[i], ROLE_UNKNOWN);
	if (!r->ninputs)
		return usage_error("%s", "no DATA given: name the CSV files or "
				   "directories to read");
	return EXIT_OK;
}

static int cmd_check(int argc, char **argv)
{
	static const int allowed[] = {DATA_OPTS, 0};
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc, argv, &r, &o, allowed);
	if (rc == EXIT_OK)
		rc = take_data(argc, argv, optind, &r);
	if (rc != EXIT_OK) {
		free(r.inputs);
		return rc;
	}
	rc = run_load(&r);
	if (r.ingested && !r.quiet)
		ingest_describe(&r.ingest, stdout);
	if (rc == EXIT_OK && !r.quiet) {
		printf("ok: %zu accounts, %zu events, %zu post-mortems, "
		       "%zu pauses, no problems\n",
		       r.model.nacc, r.model.events_total, r.model.npms,
		       r.model.npauses);
	} else if (rc == EXIT_DATA) {
		fprintf(stderr, "ttfv check: %zu problem%s found\n",
			r.diag.count, r.diag.count == 1 ? "" : "s");
	}
	run_release(&r);
	return rc;
}

/* Loads and computes; on success s is filled.  When charts will be
 * drawn, their fonts are set up meanwhile on the processor the
 * statistics leave idle. */
static int run_stats(struct run *r, struct stats *s, bool charts)
{
	int rc = run_load(r);
	if (rc != EXIT_OK)
		return rc;
	if (charts)
		chart_warm_up_start();
	double t0 = now_seconds(), c0 = cpu_seconds();
	if (stats_compute(s, &r->model, &r->config, r->account, &r->diag) < 0) {
		print_diag(&r->diag);
		return EXIT_DATA;
	}
	r->t_stats = now_seconds() - t0;
	r->c_stats = cpu_seconds() - c0;
	return EXIT_OK;
}

static int parse_formats(const char *list, unsigned *out)
{
	*out = 0;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (str_ieq_n(p, n, "md"))
			*out |= RENDER_MD;
		else if (str_ieq_n(p, n, "html"))
			*out |= RENDER_HTML;
		else if (str_ieq_n(p, n, "json"))
			*out |= RENDER_JSON;
		else
			return -1;
		p += n + (p[n] == ',');
	}
	return *out ? 0 : -1;
}

/* The date the report is made: SOURCE_DATE_EPOCH when set, so a rebuild
 * of the same report can be byte-identical. */
static void generated_date(char out[11])
{
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long v;
	if (sde && str_to_long(sde, &v))
		now = (time_t)v;
	tu_format_date((int64_t)now, out);
}

static int cmd_report(int argc, char **argv)
{
	static const int allowed[] = {DATA_OPTS, OPT_TEMPLATE, OPT_FORMAT,
				      OPT_OUT, OPT_ACCOUNT, 0};
	struct run r = {0};
	struct cmd_opts o = {0};
	struct render_opts ro = {0};
	int rc = parse_args(argc, argv, &r, &o, allowed);
	if (rc == EXIT_OK)
		rc = take_data(argc, argv, optind, &r);
	if (rc == EXIT_OK && parse_formats(o.format ? o.format : "md,html,json",
					   &ro.formats) < 0)
		rc = usage_error("--format: '%s' is not a list of md, html, json",
				 o.format);
	if (rc == EXIT_OK && r.account && !o.template_name)
		o.template_name = "qbr";
	if (rc != EXIT_OK) {
		free(r.inputs);
		return rc;
	}
	struct stats s;
	memset(&s, 0, sizeof(s));
	rc = run_stats(&r, &s, ro.formats & (RENDER_MD | RENDER_HTML));
	if (rc == EXIT_OK) {
		char gen[11];
		generated_date(gen);
		ro.out_dir = o.out ? o.out : "report";
		ro.template_name = o.template_name ? o.template_name : "leadership";
		ro.generated = gen;
		double t0 = now_seconds(), c0 = cpu_seconds();
		double charts[2] = {0, 0};
		ro.chart_seconds = charts;
		int w = render_report(&s, &r.config, &ro, &r.diag);
		/* render is the rest of render_report: md, html, json, writes */
		if (getenv("TTFV_TIMING"))
			fprintf(stderr, "timing: ingest %.3f stats %.3f "
				"charts %.3f render %.3f | cpu: ingest %.3f "
				"stats %.3f charts %.3f render %.3f\n",
				r.t_ingest, r.t_stats, charts[0],
				now_seconds() - t0 - charts[0], r.c_ingest,
				r.c_stats, charts[1],
				cpu_seconds() - c0 - charts[1]);
		if (w < 0) {
			print_diag(&r.diag);
			rc = w == -3 ? EXIT_IO : EXIT_DATA;
		} else if (!r.quiet) {
			fprintf(stderr, "ttfv: report for %zu accounts (as of %s) "
				"written to %s/\n", r.model.nacc, s.as_of_date,
				ro.out_dir);
		}
		stats_release(&s);
	}
	if (rc == EXIT_DATA)
		fputs("ttfv: nothing written\n", stderr);
	run_release(&r);
	return rc;
}

static int parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	const char *p = end + 1;
	long b = strtol(p, &end, 10);
	if (end == p || *end || a < 200 || b < 150 || a > 8000 || b > 8000)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int cmd_chart(int argc, char **argv)
{
	static const int allowed[] = {DATA_OPTS, OPT_FORMAT, OPT_OUT, OPT_SIZE,
				      0};
	if (argc < 2 || argv[1][0] == '-')
		return usage_error("%s", "chart: name the chart first");
	int id = chart_lookup(argv[1]);
	if (id < 0)
		return usage_error("chart: unknown chart '%s'", argv[1]);
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc - 1, argv + 1, &r, &o, allowed);
	if (rc == EXIT_OK)
		rc = take_data(argc - 1, argv + 1, optind, &r);
	struct chart_opts co = {960, 540, 1, CHART_PNG};
	const char *ext = "png";
	if (rc == EXIT_OK && o.size && parse_size(o.size, &co.width, &co.height))
		rc = usage_error("--size: '%s' is not WxH (200x150 to 8000x8000)",
				 o.size);
	if (rc == EXIT_OK && o.format) {
		if (strcmp(o.format, "svg") == 0)
			co.format = CHART_SVG, ext = "svg";
		else if (strcmp(o.format, "pdf") == 0)
			co.format = CHART_PDF, ext = "pdf";
		else if (strcmp(o.format, "png") != 0)
			rc = usage_error("--format: '%s' is not png, svg or pdf",
					 o.format);
	}
	if (rc != EXIT_OK) {
		free(r.inputs);
		return rc;
	}
	struct stats s;
	memset(&s, 0, sizeof(s));
	rc = run_stats(&r, &s, true);
	if (rc == EXIT_OK) {
		char path[4096];
		const char *out = o.out;
		if (!out) {
			snprintf(path, sizeof(path), "%s.%s", argv[1], ext);
			out = path;
		}
		struct buf img = BUF_INIT;
		if (chart_render((enum chart_id)id, &s, &co, &img, &r.diag) < 0)
			rc = EXIT_DATA;
		else if (output_write_atomic(out, img.ptr, img.len, &r.diag) < 0)
			rc = EXIT_IO;
		if (rc != EXIT_OK)
			print_diag(&r.diag);
		buf_release(&img);
		stats_release(&s);
	}
	run_release(&r);
	return rc;
}

static int cmd_sample(int argc, char **argv)
{
	static const int allowed[] = {OPT_SEED, OPT_ACCOUNTS, OPT_OUT, OPT_QUIET,
				      0};
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc, argv, &r, &o, allowed);
	struct sample_opts so = {1, 2000, "samples"};
	long v;
	if (rc == EXIT_OK && o.seed) {
		if (!str_to_long(o.seed, &v))
			rc = usage_error("--seed: '%s' is not a whole number",
					 o.seed);
		so.seed = (uint64_t)v;
	}
	/* --accounts is a role flag elsewhere; here it is a count. */
	if (rc == EXIT_OK && r.ninputs) {
		if (r.ninputs > 1 || !str_to_long(r.inputs[0].path, &v) ||
		    v < 1 || v > 10000000)
			rc = usage_error("--accounts: '%s' is not a count from 1 "
					 "to 10000000", r.inputs[r.ninputs - 1].path);
		so.accounts = (size_t)v;
	}
	if (rc == EXIT_OK && optind < argc)
		rc = usage_error("sample: unexpected argument '%s'", argv[optind]);
	if (o.out)
		so.out_dir = o.out;
	free(r.inputs);
	if (rc != EXIT_OK)
		return rc;
	struct diag d;
	diag_init(&d);
	if (sample_write(&so, &d) < 0) {
		print_diag(&d);
		rc = EXIT_IO;
	} else if (!r.quiet) {
		fprintf(stderr, "ttfv: %zu sample accounts written to %s/\n",
			so.accounts, so.out_dir);
	}
	diag_release(&d);
	return rc;
}

static int cmd_sql(int argc, char **argv)
{
	static const int allowed[] = {OPT_CONFIG, OPT_DIALECT, OPT_TABLE, 0};
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc, argv, &r, &o, allowed);
	int dialect = -1;
	if (rc == EXIT_OK && !o.dialect)
		rc = usage_error("%s", "sql: name the warehouse with --dialect "
				 SQL_DIALECTS);
	else if (rc == EXIT_OK && (dialect = sql_dialect_find(o.dialect)) < 0)
		rc = usage_error("--dialect: '%s' is not " SQL_DIALECTS,
				 o.dialect);
	/* DATA only says where a ttfv.ini with [columns] may be */
	for (int i = optind; rc == EXIT_OK && i < argc; i++)
		run_add_input(&r, argv[i], ROLE_UNKNOWN);
	if (rc == EXIT_OK)
		rc = run_config(&r);
	if (rc == EXIT_OK) {
		struct buf q = BUF_INIT;
		if (sql_reduce_events((enum sql_dialect)dialect,
				      o.table ? o.table : "events", &r.config,
				      &q, &r.diag) < 0) {
			print_diag(&r.diag);
			rc = EXIT_USAGE;
		} else {
			fputs(buf_cstr(&q), stdout);
		}
		buf_release(&q);
	}
	run_release(&r);
	return rc;
}

static int dispatch(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		puts("ttfv " TTFV_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "report"))
		return cmd_report(argc - 1, argv + 1);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(cmd, "chart"))
		return cmd_chart(argc - 1, argv + 1);
	if (!strcmp(cmd, "sample"))
		return cmd_sample(argc - 1, argv + 1);
	if (!strcmp(cmd, "sql"))
		return cmd_sql(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	int rc = dispatch(argc, argv);
	chart_warm_up_wait();
	chart_release_static();
	/* `ttfv check DATA > /dev/full` must not claim success */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ttfv: cannot write to standard output: %s\n",
			strerror(errno));
		return EXIT_IO;
	}
	return rc;
}
