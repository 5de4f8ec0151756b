/* main.c - the command line: parses options and wires the stages
 * ingest -> model -> stats -> charts -> render.  Only main decides exit
 * codes: 0 success, 1 bad data, 2 usage, 3 I/O. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "charts.h"
#include "clock.h"
#include "cli.h"
#include "config.h"
#include "config_check.h"
#include "ingest.h"
#include "model.h"
#include "output.h"
#include "render.h"
#include "sample.h"
#include "sql.h"
#include "stats.h"
#include "timeutil.h"

#define TTFV_VERSION "0.1.0"

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
/* Options shared by report, check and chart. */
struct run {
	const char *config_path;
	const char *as_of;
	const char *first_value_event;
	const char *account;
	const char *csm;	/* --csm: the QBRs of a CSM's accounts */
	bool lenient, quiet;
	struct ingest_input *inputs;
	size_t ninputs, capinputs;

	struct config config;
	struct model model;
	struct ingest ingest;
	struct diag diag;
	struct diag warnings;	/* config_check's */
	char shadowed[4096];	/* a DATA ttfv.ini that --config replaces */
	double t_ingest, t_stats;	/* seconds, for TTFV_TIMING */
	double c_ingest, c_stats;	/* CPU seconds, the same */
	bool ingested;		/* ingest ran, so there is something to describe */
};

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

/* Warnings, one per line, each marked as one. */
static void print_warnings(const char *text)
{
	for (const char *nl; text && (nl = strchr(text, '\n')); text = nl + 1)
		fprintf(stderr, "warning: %.*s\n", (int)(nl - text), text);
}

/* The instant the report is made: SOURCE_DATE_EPOCH when set, so a rebuild
 * of the same report can be byte-identical. */
static int64_t report_now(void)
{
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long v;
	if (sde && str_to_long(sde, &v))
		now = (time_t)v;
	return (int64_t)now * TU_SECOND;
}

/* The config: --config, else ttfv.ini in the first DATA directory, else
 * the defaults.  --config replaces the directory's file (the two are not
 * merged: a key left out of FILE takes its default); r->shadowed names
 * the file so replaced.  Returns an exit code. */
static int run_config(struct run *r)
{
	config_init(&r->config);
	diag_init(&r->diag);
	diag_init(&r->warnings);
	model_init(&r->model);
	memset(&r->ingest, 0, sizeof(r->ingest));
	r->ingest.lenient = r->lenient;
	r->config.clock.now = report_now();

	char found[sizeof(r->shadowed)];
	const char *dir = ingest_first_dir(r->inputs, r->ninputs);
	bool in_dir = dir && snprintf(found, sizeof(found), "%s/ttfv.ini",
				      dir) < (int)sizeof(found) &&
		      access(found, R_OK) == 0;
	const char *cfg = r->config_path;
	if (!cfg && in_dir)
		cfg = found;
	else if (in_dir)
		memcpy(r->shadowed, found, sizeof(found));
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
	if (r->first_value_event) {
		free(r->config.first_value_event);
		r->config.first_value_event = xstrdup(r->first_value_event);
		r->config.first_value_event_line = 0;
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
	if (r->as_of) {
		int64_t day;
		if (!tu_parse_day(r->as_of, &day))
			return cli_usage_error("--as-of: cannot parse '%s' as a "
					       "date (YYYY-MM-DD)", r->as_of);
		r->config.as_of_day = day;
		r->config.as_of_line = 0;
	}
	/* the zone before ingest reads a date, and before any thread */
	if (clock_start(&r->config, &r->diag) < 0) {
		print_diag(&r->diag);
		return EXIT_DATA;
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
	diag_release(&r->warnings);
	free(r->inputs);
}

/* Per-command options that are not data options. */
struct cmd_opts {
	const char *template_name, *format, *out, *seed, *size, *dialect,
		*table, *count, *audience;
};

/* parse_args's answer when --help was asked for and printed. */
#define HELP_SHOWN (-1)

/* Parses argv for cmd from the one table in cli.h.  Returns an exit code,
 * or HELP_SHOWN. */
static int parse_args(int argc, char **argv, const struct cli_cmd *cmd,
		      struct run *r, struct cmd_opts *o)
{
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", cli_long_options, NULL)) !=
	       -1) {
		if (c == '?' || c == ':')
			return cli_bad_option(cmd, argv[optind - 1]);
		if (c == OPT_HELP) {
			cli_help_command(cmd, stdout);
			return HELP_SHOWN;
		}
		if (!cli_option(cmd, c))
			return cli_usage_error("option '--%s' does not apply to this "
					   "command", cli_option_name(c));
		switch (c) {
		case OPT_CONFIG: r->config_path = optarg; break;
		case OPT_ACCOUNTS:
			/* a count in sample, a file's role elsewhere */
			if (strcmp(cmd->name, "sample") == 0)
				o->count = optarg;
			else
				run_add_input(r, optarg, ROLE_ACCOUNTS);
			break;
		case OPT_EVENTS: run_add_input(r, optarg, ROLE_EVENTS); break;
		case OPT_POSTMORTEMS:
			run_add_input(r, optarg, ROLE_POSTMORTEMS);
			break;
		case OPT_PAUSES: run_add_input(r, optarg, ROLE_PAUSES); break;
		case OPT_AS_OF: r->as_of = optarg; break;
		case OPT_FIRST_VALUE_EVENT: r->first_value_event = optarg; break;
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
		case OPT_CSM: r->csm = optarg; break;
		case OPT_AUDIENCE: o->audience = optarg; break;
		}
	}
	if (r->first_value_event && !*r->first_value_event)
		return cli_usage_error("%s", "--first-value-event: give the event's "
				   "name");
	return EXIT_OK;
}

/* Remaining arguments are DATA paths. */
static int take_data(int argc, char **argv, int first, struct run *r)
{
	for (int i = first; i < argc; i++)
		run_add_input(r, argv[i], ROLE_UNKNOWN);
	if (!r->ninputs)
		return cli_usage_error("%s", "no DATA given: name the CSV files or "
				   "directories to read");
	return EXIT_OK;
}

/* "1,998" */
static const char *count_text(size_t n, char out[32])
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%zu", n), k = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return out;
}

static void describe_config(const struct run *r, FILE *out)
{
	if (!r->config.path)
		fputs("config: none, built-in defaults\n", out);
	else if (r->shadowed[0])
		fprintf(out, "config: %s (--config; %s is not read)\n",
			r->config.path, r->shadowed);
	else
		fprintf(out, "config: %s\n", r->config.path);
}

static int cmd_check(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc, argv, cmd, &r, &o);
	if (rc == EXIT_OK)
		rc = take_data(argc, argv, optind, &r);
	if (rc != EXIT_OK) {
		free(r.inputs);
		return rc == HELP_SHOWN ? EXIT_OK : rc;
	}
	rc = run_load(&r);
	if (r.ingested && !r.quiet) {
		/* without a timestamp there is no as-of: the summary says so
		 * (a report refuses) */
		struct diag none;
		diag_init(&none);
		clock_settle(&r.config, r.model.latest, &none);
		diag_release(&none);
		ingest_describe(&r.ingest, &r.config.clock, stdout);
		describe_config(&r, stdout);
	}
	/* what report would refuse or warn about, once the data is read */
	if (rc == EXIT_OK &&
	    config_check(&r.config, &r.model, &r.diag, &r.warnings) < 0) {
		print_diag(&r.diag);
		rc = EXIT_DATA;
	}
	if (r.ingested && !r.quiet) {
		fflush(stdout);	/* after the description, in a pipe too */
		print_warnings(buf_cstr(&r.warnings.text));
	}
	if (rc == EXIT_OK && !r.quiet) {
		printf("ok: %zu accounts, %zu events, %zu post-mortems, "
		       "%zu pauses, no problems", r.model.nacc,
		       r.model.events_total, r.model.npms, r.model.npauses);
		if (r.warnings.count)
			printf(", %zu warning%s", r.warnings.count,
			       r.warnings.count == 1 ? "" : "s");
		putchar('\n');
	} else if (rc == EXIT_DATA) {
		fprintf(stderr, "ttfv check: %zu problem%s found\n",
			r.diag.count, r.diag.count == 1 ? "" : "s");
	}
	run_release(&r);
	return rc;
}

/* Loads and computes (records: accounts.csv's too); on success s is
 * filled.  When charts will be drawn, their fonts are set up meanwhile. */
static int run_stats(struct run *r, struct stats *s, bool charts,
		     bool records)
{
	int rc = run_load(r);
	if (rc != EXIT_OK)
		return rc;
	if (clock_settle(&r->config, r->model.latest, &r->diag) < 0) {
		print_diag(&r->diag);
		return EXIT_DATA;
	}
	if (charts)
		chart_warm_up_start();
	double t0 = now_seconds(), c0 = cpu_seconds();
	struct stats_pick pick = {
		.account = r->account, .csm = r->csm, .records = records};
	if (stats_compute_pick(s, &r->model, &r->config, &pick,
			       &r->diag) < 0) {
		print_diag(&r->diag);
		return EXIT_DATA;
	}
	r->t_stats = now_seconds() - t0;
	r->c_stats = cpu_seconds() - c0;
	if (!r->quiet) {
		if (r->shadowed[0])
			fprintf(stderr, "ttfv: config %s (--config; %s is not "
				"read)\n", r->config.path, r->shadowed);
		print_warnings(s->dq.warnings);
	}
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
		else if (str_ieq_n(p, n, "csv"))
			*out |= RENDER_CSV;
		else
			return -1;
		p += n + (p[n] == ',');
	}
	return *out ? 0 : -1;
}

/* "report for 1,998 of 2,000 accounts as of 2026-10-31 (2 without a
 * clock start by then are not measured)": what the report covers. */
static void report_done(const struct stats *s, const char *out_dir)
{
	char a[32], b[32], c[32];
	size_t all = s->accounts_in_data;
	size_t unmeasured = s->dq.accounts_without_clock_start;
	if (unmeasured)
		fprintf(stderr, "ttfv: report for %s of %s accounts as of %s (%s "
			"without a clock start by then %s not measured), "
			"written to %s/\n", count_text(all - unmeasured, a),
			count_text(all, b), s->as_of_date,
			count_text(unmeasured, c), unmeasured == 1 ? "is" : "are",
			out_dir);
	else
		fprintf(stderr, "ttfv: report for %s accounts as of %s, written "
			"to %s/\n", count_text(all, a), s->as_of_date, out_dir);
}

/* --account, --csm and --audience: which QBRs, for whom.  A QBR is the
 * default template once an account is named. */
static int parse_qbr(struct run *r, struct cmd_opts *o,
		     struct render_opts *ro)
{
	bool all = r->account && strcmp(r->account, "all") == 0;
	if (r->csm && r->account && !all)
		return cli_usage_error("--csm '%s' picks accounts itself: give "
				   "--account ID or --csm, not both", r->csm);
	if (o->audience && strcmp(o->audience, "internal") != 0 &&
	    strcmp(o->audience, "customer") != 0)
		return cli_usage_error("--audience: '%s' is not customer or "
				   "internal", o->audience);
	if (o->audience && !r->account && !r->csm)
		return cli_usage_error("%s", "--audience is for QBRs: name the "
				   "account with --account ID, all, or --csm");
	ro->internal = o->audience && strcmp(o->audience, "internal") == 0;
	if ((r->account || r->csm) && (ro->formats & RENDER_CSV))
		return cli_usage_error("%s", "--format csv writes accounts.csv "
				   "of the whole report: leave out --account "
				   "and --csm");
	if ((r->account || r->csm) && !o->template_name)
		o->template_name = "qbr";
	return EXIT_OK;
}

static int cmd_report(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct run r = {0};
	struct cmd_opts o = {0};
	struct render_opts ro = {0};
	int rc = parse_args(argc, argv, cmd, &r, &o);
	if (rc == EXIT_OK)
		rc = take_data(argc, argv, optind, &r);
	if (rc == EXIT_OK && parse_formats(o.format ? o.format : "md,html,json",
					   &ro.formats) < 0)
		rc = cli_usage_error("--format: '%s' is not a list of md, html, "
				     "json, csv", o.format);
	if (rc == EXIT_OK)
		rc = parse_qbr(&r, &o, &ro);
	if (!o.template_name)
		o.template_name = "leadership";
	if (rc == EXIT_OK)
		rc = cli_check_template(o.template_name,
					r.account ? r.account : r.csm);
	if (rc != EXIT_OK) {
		free(r.inputs);
		return rc == HELP_SHOWN ? EXIT_OK : rc;
	}
	struct stats s;
	memset(&s, 0, sizeof(s));
	rc = run_stats(&r, &s, ro.formats & (RENDER_MD | RENDER_HTML),
		       ro.formats & RENDER_CSV);
	if (rc == EXIT_OK) {
		char gen[11];
		tu_format_date(r.config.clock.now, gen);
		ro.out_dir = o.out ? o.out : "report";
		ro.template_name = o.template_name;
		ro.generated = gen;
		double t0 = now_seconds(), c0 = cpu_seconds();
		double charts[2] = {0, 0};
		ro.chart_seconds = charts;
		bool many = r.csm || (r.account && !strcmp(r.account, "all"));
		/* a PNG per account would be most of the run: the QBRs'
		 * charts are SVG, inline in each report.html */
		ro.no_png = many;
		int w = many ? render_qbr_set(&s, &r.config, &ro, &r.diag)
			     : render_report(&s, &r.config, &ro, &r.diag);
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
		} else if (!r.quiet && many) {
			fprintf(stderr, "ttfv: %zu QBRs (as of %s) written to "
				"%s/qbr/\n", s.nqbr, s.as_of_date, ro.out_dir);
		} else if (!r.quiet) {
			report_done(&s, ro.out_dir);
		}
		stats_release(&s);
	}
	if (rc == EXIT_DATA)
		fputs("ttfv: nothing written\n", stderr);
	run_release(&r);
	return rc;
}

#define CHART_MIN_W 200
#define CHART_MIN_H 150
#define CHART_MAX_SIDE 8000

/* "WxH" within the limits; -1 when it is not WxH, -2 when out of range. */
static int parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	const char *p = end + 1;
	long b = strtol(p, &end, 10);
	if (end == p || *end)
		return -1;
	if (a < CHART_MIN_W || b < CHART_MIN_H || a > CHART_MAX_SIDE || b > CHART_MAX_SIDE)
		return -2;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int cmd_chart(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc, argv, cmd, &r, &o);
	/* the chart's name is the first operand, wherever the options are */
	const char *name = rc == EXIT_OK && optind < argc ? argv[optind] : NULL;
	int id = -1;
	if (rc == EXIT_OK && (!name || (id = chart_lookup(name)) < 0))
		/* a path where the name belongs: the name was left out */
		rc = cli_unknown_chart(name && access(name, F_OK) ? name : NULL);
	if (rc == EXIT_OK)
		rc = take_data(argc, argv, optind + 1, &r);
	struct chart_opts co = {CHART_DEFAULT_WIDTH, CHART_DEFAULT_HEIGHT, 1,
				CHART_PNG};
	/* the one chart of an account takes it; the others would ignore it */
	if (rc == EXIT_OK && (id == CHART_ACCOUNT_TIMELINE) != (r.account != NULL))
		rc = cli_usage_error("chart %s: --account ID goes with "
				     "account_timeline, and only with it", name);
	if (rc == EXIT_OK && r.account && strcmp(r.account, "all") == 0)
		rc = cli_usage_error("%s", "chart: --account all draws one chart "
				     "per account: use ttfv report --account all");
	const char *ext = "png";
	int size = rc == EXIT_OK && o.size ? parse_size(o.size, &co.width,
							&co.height)
					   : 0;
	if (size == -1)
		rc = cli_usage_error("--size: '%s' is not WIDTHxHEIGHT in pixels, "
				 "such as 1920x1080", o.size);
	else if (size == -2)
		rc = cli_usage_error("--size: '%s' is outside the allowed range: "
				 "width 200 to 8000, height 150 to 8000 pixels",
				 o.size);
	if (rc == EXIT_OK && o.format) {
		if (strcmp(o.format, "svg") == 0)
			co.format = CHART_SVG, ext = "svg";
		else if (strcmp(o.format, "pdf") == 0)
			co.format = CHART_PDF, ext = "pdf";
		else if (strcmp(o.format, "png") != 0)
			rc = cli_usage_error("--format: '%s' is not png, svg or pdf",
					 o.format);
	}
	if (rc != EXIT_OK) {
		free(r.inputs);
		return rc == HELP_SHOWN ? EXIT_OK : rc;
	}
	struct stats s;
	memset(&s, 0, sizeof(s));
	rc = run_stats(&r, &s, true, false);
	if (rc == EXIT_OK) {
		char path[4096];
		const char *out = o.out;
		if (!out) {
			snprintf(path, sizeof(path), "%s.%s", name, ext);
			out = path;
		}
		struct buf img = BUF_INIT;
		if (chart_render((enum chart_id)id, &s, &co, &img, &r.diag) < 0)
			rc = EXIT_DATA;
		else if (output_write_atomic(out, img.ptr, img.len, &r.diag) < 0)
			rc = EXIT_IO;
		if (rc != EXIT_OK)
			print_diag(&r.diag);
		else if (!r.quiet)
			fprintf(stderr, "ttfv: chart %s, %dx%d %s, written to %s\n",
				name, co.width, co.height, ext, out);
		buf_release(&img);
		stats_release(&s);
	}
	run_release(&r);
	return rc;
}

static int cmd_sample(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc, argv, cmd, &r, &o);
	struct sample_opts so = {1, 2000, "samples"};
	long v;
	if (rc == EXIT_OK && o.seed) {
		if (!str_to_long(o.seed, &v))
			rc = cli_usage_error("--seed: '%s' is not a whole number",
					 o.seed);
		so.seed = (uint64_t)v;
	}
	if (rc == EXIT_OK && o.count) {
		if (!str_to_long(o.count, &v) || v < 1 || v > 10000000)
			rc = cli_usage_error("--accounts: '%s' is not a count from 1 "
					 "to 10000000", o.count);
		so.accounts = (size_t)v;
	}
	if (rc == EXIT_OK && optind < argc)
		rc = cli_usage_error("sample: unexpected argument '%s'", argv[optind]);
	if (o.out)
		so.out_dir = o.out;
	free(r.inputs);
	if (rc != EXIT_OK)
		return rc == HELP_SHOWN ? EXIT_OK : rc;
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

static int cmd_sql(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct run r = {0};
	struct cmd_opts o = {0};
	int rc = parse_args(argc, argv, cmd, &r, &o);
	int dialect = -1;
	if (rc == EXIT_OK && !o.dialect)
		rc = cli_usage_error("sql: name the warehouse with --dialect "
				     SQL_DIALECTS);
	else if (rc == EXIT_OK && (dialect = sql_dialect_find(o.dialect)) < 0)
		rc = cli_usage_error("--dialect: '%s' is not " SQL_DIALECTS,
				     o.dialect);
	if (rc == HELP_SHOWN)
		return EXIT_OK;
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
	static const struct {
		const char *name;
		int (*run)(const struct cli_cmd *, int, char **);
	} runs[] = {
		{"report", cmd_report}, {"check", cmd_check},
		{"chart", cmd_chart}, {"sample", cmd_sample}, {"sql", cmd_sql},
	};
	if (argc < 2)
		return cli_usage_error("%s", "no command given");
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		cli_help_all(stdout);
		return EXIT_OK;
	}
	if (!strcmp(name, "help"))
		return cli_help_command_line(argc - 1, argv + 1);
	if (!strcmp(name, "--version")) {
		puts("ttfv " TTFV_VERSION);
		return EXIT_OK;
	}
	const struct cli_cmd *cmd = cli_command(name);
	for (size_t i = 0; cmd && i < sizeof(runs) / sizeof(*runs); i++)
		if (!strcmp(runs[i].name, name)) {
			cli_usage_command(name);
			return runs[i].run(cmd, argc - 1, argv + 1);
		}
	return cli_unknown_command(name);
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
