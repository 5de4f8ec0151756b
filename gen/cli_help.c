/* cli_help.c - the command line's table (cli.h) and the help printed from
 * it.  Help lines are wrapped here, so an entry is one sentence. */
#include "cli.h"

#include <string.h>

#include "charts.h"
#include "embedded.h"
#include "sql.h"
#include "suggest.h"

const struct option cli_long_options[] = {
	{"config", required_argument, NULL, OPT_CONFIG},
	{"accounts", required_argument, NULL, OPT_ACCOUNTS},
	{"events", required_argument, NULL, OPT_EVENTS},
	{"postmortems", required_argument, NULL, OPT_POSTMORTEMS},
	{"pauses", required_argument, NULL, OPT_PAUSES},
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"first-value-event", required_argument, NULL, OPT_FIRST_VALUE_EVENT},
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
	{"csm", required_argument, NULL, OPT_CSM},
	{"audience", required_argument, NULL, OPT_AUDIENCE},
	{NULL, 0, NULL, 0},
};

/* The options that read DATA, the same in report, check and chart. */
static const struct cli_opt data_opts[] = {
	{OPT_CONFIG, "FILE", "the configuration, instead of the ttfv.ini of "
	 "the first DATA directory (the default; the two are never merged); "
	 "without either, built-in defaults"},
	{OPT_ACCOUNTS, "FILE", "read FILE as the accounts export (default: a "
	 "file's role is recognised from its header)"},
	{OPT_EVENTS, "FILE", "read FILE as the product events export"},
	{OPT_POSTMORTEMS, "FILE", "read FILE as the SLA post-mortems export"},
	{OPT_PAUSES, "FILE", "read FILE as the SLA pauses export"},
	{OPT_AS_OF, "DATE", "measure as of the end of DATE, YYYY-MM-DD "
	 "(default: the config's as_of, else the latest date in the data)"},
	{OPT_FIRST_VALUE_EVENT, "NAME", "the product event that marks first "
	 "value, over the config's first_value_event (default: that, else "
	 "the first_value_at column)"},
	{OPT_LENIENT, NULL, "skip bad rows, count them and list them in the "
	 "report (default: refuse bad data and write nothing)"},
	{OPT_QUIET, NULL, "print errors only"},
	{0, NULL, NULL},
};

static const struct cli_opt help_opt = {OPT_HELP, NULL,
					"this help; every command takes it"};

static const struct cli_opt report_opts[] = {
	{OPT_TEMPLATE, "NAME|FILE", "a built-in template or a template file "
	 "(default: leadership, or qbr with --account)"},
	{OPT_FORMAT, "LIST", "what to write, comma-separated from md, html, "
	 "json, csv (accounts.csv: one row per account, for a CRM import; "
	 "default: md,html,json)"},
	{OPT_OUT, "DIR", "where to write report.md, report.html, report.json, "
	 "accounts.csv and charts/ (default: report)"},
	{OPT_ACCOUNT, "ID", "the account of the qbr template, which needs one "
	 "(the default template once it is given); 'all' writes one QBR per "
	 "account under DIR/qbr/ID/ with an index; the other built-in "
	 "templates take none"},
	{OPT_CSM, "NAME", "one QBR per account of this CSM, under DIR/qbr/ID/"},
	{OPT_AUDIENCE, "WHO", "customer (default: nothing about other "
	 "customers or internal owners) or internal (adds the alert, status, "
	 "risk, route and post-mortems)"},
	{0, NULL, NULL},
};

static const struct cli_opt check_opts[] = {
	{0, NULL, NULL},
};

static const struct cli_opt chart_opts[] = {
	{OPT_SIZE, "WxH", "the size in pixels, from 200x150 to 8000x8000 "
	 "(default: 960x540)"},
	{OPT_FORMAT, "FORMAT", "png, svg or pdf (default: png)"},
	{OPT_OUT, "FILE", "the file to write (default: NAME.png, .svg or .pdf "
	 "in the current directory)"},
	{OPT_ACCOUNT, "ID", "the account of account_timeline, which needs one; "
	 "the other charts take none"},
	{0, NULL, NULL},
};

static const struct cli_opt sample_opts[] = {
	{OPT_SEED, "N", "the random seed (default: 1)"},
	{OPT_ACCOUNTS, "N", "how many accounts, 1 to 10000000 (default: 2000)"},
	{OPT_OUT, "DIR", "where to write the CSV files and their ttfv.ini "
	 "(default: samples)"},
	{OPT_QUIET, NULL, "print errors only"},
	{0, NULL, NULL},
};

static const struct cli_opt sql_opts[] = {
	{OPT_DIALECT, "NAME", SQL_DIALECTS " (required)"},
	{OPT_TABLE, "NAME", "the raw events table, written into the query as "
	 "given (default: events)"},
	{OPT_CONFIG, "FILE", "the config whose [columns] names the table's "
	 "columns (default: the ttfv.ini of the DATA directory)"},
	{0, NULL, NULL},
};

const struct cli_cmd cli_commands[] = {
	{"report", "DATA...", "write the report: Markdown, HTML and JSON, with "
	 "its charts as PNG and SVG", report_opts, true, "t"},
	{"check", "DATA...", "say how each input was read, then every problem "
	 "and warning; writes nothing", check_opts, true, ""},
	{"chart", "NAME DATA...", "draw one chart into one file, for a slide",
	 chart_opts, true, "c"},
	{"sample", "", "write deterministic synthetic exports", sample_opts,
	 false, ""},
	{"sql", "[DATA]", "print the query that reduces a warehouse's raw "
	 "events to the rows ttfv needs", sql_opts, false, ""},
	{NULL, NULL, NULL, NULL, false, NULL},
};

const struct cli_cmd *cli_command(const char *name)
{
	for (const struct cli_cmd *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const char *cli_option_name(int id)
{
	for (const struct option *o = cli_long_options; o->name; o++)
		if (o->val == id)
			return o->name;
	return "?";
}

static const struct cli_opt *opt_in(const struct cli_opt *opts, int id)
{
	for (const struct cli_opt *o = opts; o->id; o++)
		if (o->id == id)
			return o;
	return NULL;
}

const struct cli_opt *cli_option(const struct cli_cmd *cmd, int id)
{
	const struct cli_opt *o = opt_in(cmd->opts, id);
	if (!o && cmd->data)
		o = opt_in(data_opts, id);
	return o || id != OPT_HELP ? o : &help_opt;
}

const char *const *cli_templates(void)
{
	static const char *names[16];
	static char store[16][32];
	if (names[0])
		return names;
	size_t n = 0;
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		size_t len = strlen(f->name);
		if (n + 1 >= sizeof(names) / sizeof(*names) || len < 4 ||
		    len - 3 >= sizeof(store[0]) ||
		    strcmp(f->name + len - 3, ".md") != 0 ||
		    strcmp(f->name, "README.md") == 0)
			continue;
		memcpy(store[n], f->name, len - 3);
		store[n][len - 3] = '\0';
		names[n] = store[n];
		n++;
	}
	return names;
}

/* ---- printing ------------------------------------------------------------ */

#define HELP_WIDTH 79
#define HELP_INDENT 26	/* where an option's help starts */

/* text from column col on, wrapped at HELP_WIDTH, lines after the first
 * indented by indent. */
static void wrap(FILE *out, int col, int indent, const char *text)
{
	const char *p = text;
	while (*p) {
		int room = HELP_WIDTH - col;
		size_t n = strlen(p);
		if ((int)n > room) {
			n = (size_t)room;
			while (n && p[n] != ' ')
				n--;
			if (!n)
				n = strcspn(p, " ");
		}
		fprintf(out, "%.*s\n", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
		if (*p)
			fprintf(out, "%*s", indent, "");
		col = indent;
	}
}

/* "  --name ARG            help", the help wrapped in its column. */
static void option_line(FILE *out, const struct cli_opt *o)
{
	int col = fprintf(out, "  --%s%s%s", cli_option_name(o->id),
			  o->arg ? " " : "", o->arg ? o->arg : "");
	if (col >= HELP_INDENT - 1) {
		fputc('\n', out);
		col = 0;
	}
	fprintf(out, "%*s", HELP_INDENT - col, "");
	wrap(out, HELP_INDENT, HELP_INDENT, o->help);
}

static void options_list(FILE *out, const struct cli_opt *opts)
{
	for (const struct cli_opt *o = opts; o->id; o++)
		option_line(out, o);
}

/* "  charts:   cohort_curves, funnel, ..." */
static void names_line(FILE *out, const char *title,
		       const char *const *names, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", names[i]);
	int col = fprintf(out, "  %-*s", HELP_INDENT - 2, title);
	wrap(out, col, HELP_INDENT, buf_cstr(&b));
	buf_release(&b);
}

static void list_templates(FILE *out)
{
	const char *const *t = cli_templates();
	size_t n = 0;
	while (t[n])
		n++;
	names_line(out, "templates:", t, n);
}

static void list_charts(FILE *out)
{
	const char *names[CHART_COUNT];
	for (int i = 0; i < CHART_COUNT; i++)
		names[i] = chart_name((enum chart_id)i);
	names_line(out, "charts:", names, CHART_COUNT);
}

static void list_exit_codes(FILE *out)
{
	static const char *const codes[] = {
		"0  success",
		"1  bad data or config: every problem is printed as "
		"FILE:LINE: COLUMN: problem, and nothing is written",
		"2  usage error: an unknown command or option, a bad or "
		"missing option value, no DATA, an option that would be "
		"ignored",
		"3  I/O error: an input that cannot be read, an output that "
		"cannot be written; the previous report stays as it was",
	};
	fputs("exit codes:\n", out);
	for (size_t i = 0; i < sizeof(codes) / sizeof(*codes); i++) {
		fputs("  ", out);
		wrap(out, 2, 5, codes[i]);
	}
}

/* The command's synopsis, summary, own options and lists. */
static void command_part(const struct cli_cmd *cmd, FILE *out)
{
	fprintf(out, "ttfv %s [OPTION...]%s%s\n", cmd->name,
		*cmd->operands ? " " : "", cmd->operands);
	fputs("  ", out);
	wrap(out, 2, 2, cmd->summary);
	options_list(out, cmd->opts);
	if (strchr(cmd->lists, 't'))
		list_templates(out);
	if (strchr(cmd->lists, 'c'))
		list_charts(out);
}

void cli_help_command(const struct cli_cmd *cmd, FILE *out)
{
	command_part(cmd, out);
	if (cmd->data)
		options_list(out, data_opts);
	option_line(out, &help_opt);
}

void cli_help_all(FILE *out)
{
	fputs("usage: ttfv COMMAND [OPTION...] [DATA...]\n"
	      "       ttfv help [COMMAND | templates | charts | exit-codes]\n"
	      "       ttfv --version\n"
	      "\n"
	      "DATA are CSV files (gzip-compressed too) or directories of "
	      "them; a file's role\n"
	      "(accounts, events, postmortems, pauses) is recognised from its "
	      "header.\n", out);
	for (const struct cli_cmd *c = cli_commands; c->name; c++) {
		fputc('\n', out);
		command_part(c, out);
	}
	fputs("\noptions of report, check and chart, which read DATA:\n", out);
	options_list(out, data_opts);
	option_line(out, &help_opt);
	fputc('\n', out);
	list_exit_codes(out);
	fputs("\nman ttfv and man ttfv.ini say more; docs/definitions.md "
	      "defines every figure.\n", out);
}

int cli_help_topic(const char *topic, FILE *out)
{
	const struct cli_cmd *cmd = cli_command(topic);
	if (cmd)
		cli_help_command(cmd, out);
	else if (strcmp(topic, "templates") == 0)
		list_templates(out);
	else if (strcmp(topic, "charts") == 0)
		list_charts(out);
	else if (strcmp(topic, "exit-codes") == 0)
		list_exit_codes(out);
	else
		return -1;
	return 0;
}

void cli_help_topics_list(struct buf *b, const char *word)
{
	const char *names[16];
	size_t n = 0;
	for (const struct cli_cmd *c = cli_commands; c->name; c++)
		names[n++] = c->name;
	names[n++] = "templates";
	names[n++] = "charts";
	names[n++] = "exit-codes";
	for (size_t i = 0; i < n; i++)
		buf_addf(b, "%s%s", i ? (i + 1 < n ? ", " : " or ") : "",
			 names[i]);
	struct buf near = BUF_INIT;
	if (word && suggest_closest(&near, word, names, n, 2))
		buf_addf(b, " (closest: %s)", buf_cstr(&near));
	buf_release(&near);
}
