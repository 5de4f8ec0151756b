/* cli_usage.c - usage errors (exit code 2): each says what was wrong, the
 * names that would have been right (the closest first), and which help to
 * read.  Printed here, since only the command line has usage errors. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "charts.h"
#include "suggest.h"

static char help_hint[64] = "ttfv --help";

void cli_usage_command(const char *name)
{
	snprintf(help_hint, sizeof(help_hint), "ttfv %s --help", name);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("ttfv: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see %s)\n", help_hint);
	return EXIT_USAGE;
}

/* "a, b, c" into list and " (closest: 'b')" into near (nothing when
 * none is close). */
static void names_and_closest(struct buf *list, struct buf *near,
			      const char *word, const char *const *names,
			      size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_addf(list, "%s%s", i ? ", " : "", names[i]);
	struct buf b = BUF_INIT;
	if (word && suggest_closest(&b, word, names, n, 2))
		buf_addf(near, " (closest: %s)", buf_cstr(&b));
	buf_release(&b);
}

int cli_bad_option(const struct cli_cmd *cmd, const char *arg)
{
	const char *name = arg + strspn(arg, "-");
	const char *names[OPT_END - OPT_CONFIG];
	char dashed[OPT_END - OPT_CONFIG][32];
	size_t n = 0;
	for (int id = OPT_CONFIG; id < OPT_END; id++) {
		const struct cli_opt *o = cli_option(cmd, id);
		if (!o)
			continue;
		if (o->arg && strcmp(cli_option_name(id), name) == 0)
			return cli_usage_error("option '%s' needs a value (%s)",
					       arg, o->arg);
		snprintf(dashed[n], sizeof(dashed[n]), "--%s",
			 cli_option_name(id));
		names[n] = dashed[n];
		n++;
	}
	char bare[64];	/* "--acount=x" is looked up as "--acount" */
	snprintf(bare, sizeof(bare), "%.*s", (int)strcspn(arg, "="), arg);
	struct buf b = BUF_INIT;
	int rc = suggest_closest(&b, bare, names, n, 2)
			 ? cli_usage_error("unknown option '%s' (closest: %s)",
					   arg, buf_cstr(&b))
			 : cli_usage_error("unknown option '%s'", arg);
	buf_release(&b);
	return rc;
}

int cli_unknown_chart(const char *name)
{
	const char *names[CHART_COUNT];
	for (int i = 0; i < CHART_COUNT; i++)
		names[i] = chart_name((enum chart_id)i);
	struct buf list = BUF_INIT, near = BUF_INIT;
	names_and_closest(&list, &near, name, names, CHART_COUNT);
	int rc = name ? cli_usage_error("chart: unknown chart '%s'%s; the "
					"charts are %s", name, buf_cstr(&near),
					buf_cstr(&list))
		      : cli_usage_error("chart: name the chart to draw: ttfv "
					"chart NAME [OPTION...] DATA...; the "
					"charts are %s", buf_cstr(&list));
	buf_release(&list);
	buf_release(&near);
	return rc;
}

static bool is_builtin_template(const char *name)
{
	for (const char *const *t = cli_templates(); *t; t++)
		if (strcmp(*t, name) == 0)
			return true;
	return false;
}

int cli_check_template(const char *name, const char *account)
{
	bool builtin = is_builtin_template(name);
	if (!builtin && access(name, F_OK) != 0) {
		const char *const *t = cli_templates();
		size_t n = 0;
		while (t[n])
			n++;
		/* "a, b, c; closest: 'b'" */
		struct buf list = BUF_INIT, near = BUF_INIT;
		for (size_t i = 0; i < n; i++)
			buf_addf(&list, "%s%s", i ? ", " : "", t[i]);
		if (suggest_closest(&near, name, t, n, 2))
			buf_addf(&list, "; closest: %s", buf_cstr(&near));
		int rc = cli_usage_error("--template: '%s' is neither a built-in "
					 "template (%s) nor a file", name,
					 buf_cstr(&list));
		buf_release(&list);
		buf_release(&near);
		return rc;
	}
	if (builtin && strcmp(name, "qbr") == 0 && !account)
		return cli_usage_error("--template qbr needs --account ID, the "
				       "account the QBR is about");
	if (builtin && strcmp(name, "qbr") != 0 && account)
		return cli_usage_error("--account applies to the qbr template; "
				       "--template %s would ignore it", name);
	return EXIT_OK;
}

int cli_unknown_command(const char *name)
{
	const char *names[16];
	size_t n = 0;
	for (const struct cli_cmd *c = cli_commands; c->name && n < 16; c++)
		names[n++] = c->name;
	struct buf list = BUF_INIT, near = BUF_INIT;
	names_and_closest(&list, &near, name, names, n);
	int rc = cli_usage_error("unknown command '%s'; the commands are %s%s",
				 name, buf_cstr(&list), buf_cstr(&near));
	buf_release(&list);
	buf_release(&near);
	return rc;
}

int cli_help_command_line(int argc, char **argv)
{
	if (argc < 2) {
		cli_help_all(stdout);
		return EXIT_OK;
	}
	if (argc > 2)
		return cli_usage_error("help: one topic at a time, not '%s' too",
				       argv[2]);
	if (cli_help_topic(argv[1], stdout) == 0)
		return EXIT_OK;
	struct buf list = BUF_INIT;
	cli_help_topics_list(&list, argv[1]);
	int rc = cli_usage_error("help: no topic '%s'; the topics are %s",
				 argv[1], buf_cstr(&list));
	buf_release(&list);
	return rc;
}
