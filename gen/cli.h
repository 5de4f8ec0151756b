/* cli.h - the command line's one table: every command with its options,
 * their arguments, help lines and defaults.  main.c parses argv from it
 * and cli_help.c prints --help, `ttfv help TOPIC` and each command's
 * --help from it, so the two cannot disagree; cli_usage.c words the usage
 * errors.  Private to main.c and cli_*.c.
 *
 * To add an option: an id below, its name in cli_option_names
 * (cli_help.c), a line in each command's table that takes it, and its
 * case in main.c's parse_args. */
#ifndef TTFV_CLI_H
#define TTFV_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "util.h"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

enum opt_id {
	OPT_CONFIG = 256, OPT_ACCOUNTS, OPT_EVENTS, OPT_POSTMORTEMS,
	OPT_PAUSES, OPT_AS_OF, OPT_FIRST_VALUE_EVENT, OPT_LENIENT, OPT_QUIET,
	OPT_ACCOUNT, OPT_TEMPLATE, OPT_SEED, OPT_SIZE, OPT_FORMAT, OPT_OUT,
	OPT_DIALECT, OPT_TABLE, OPT_HELP, OPT_CSM, OPT_AUDIENCE, OPT_END
};

/* One option as a command takes it: what its argument is called there,
 * what it does and its default (both in one help line). */
struct cli_opt {
	int id;			/* enum opt_id */
	const char *arg;	/* "FILE"; NULL for a flag */
	const char *help;
};

struct cli_cmd {
	const char *name;
	const char *operands;	/* "DATA...", "NAME DATA..." */
	const char *summary;
	const struct cli_opt *opts;	/* its own, ending with id 0 */
	bool data;		/* it also takes the data options */
	const char *lists;	/* which lists follow its help: "t" templates,
				 * "c" charts, "d" dialects */
};

extern const struct cli_cmd cli_commands[];	/* ends with name NULL */
/* getopt_long's table of every option. */
extern const struct option cli_long_options[];

const struct cli_cmd *cli_command(const char *name);
const char *cli_option_name(int id);
/* How cmd takes option id (its own or a data option), or NULL when it
 * does not. */
const struct cli_opt *cli_option(const struct cli_cmd *cmd, int id);

/* The built-in template names, "leadership", ... (NULL-terminated,
 * static). */
const char *const *cli_templates(void);

/* `ttfv --help`: every command with every option and default, the
 * templates, the charts and the exit codes. */
void cli_help_all(FILE *out);
/* One command's part of it (`ttfv report --help`). */
void cli_help_command(const struct cli_cmd *cmd, FILE *out);
/* `ttfv help TOPIC`: a command, "templates", "charts", "exit-codes";
 * -1 for an unknown topic (nothing printed). */
int cli_help_topic(const char *topic, FILE *out);
/* "commands, templates, charts or exit-codes (closest: ...)" for an
 * unknown topic or command, into b. */
void cli_help_topics_list(struct buf *b, const char *word);

/* ---- cli_usage.c: usage errors, each returning EXIT_USAGE ---------------- */

/* From now on usage errors point at `ttfv NAME --help`. */
void cli_usage_command(const char *name);
/* "ttfv: TEXT" and which help to read, on stderr. */
int cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* An option getopt refused: one that needs a value, or one cmd does not
 * have (with the closest it has). */
int cli_bad_option(const struct cli_cmd *cmd, const char *arg);
/* A chart name that is not one (NULL: none given), with the list. */
int cli_unknown_chart(const char *name);
/* --template (a built-in name or an existing file) with --account: qbr
 * needs one and the other built-in templates would ignore one.  EXIT_OK
 * or a usage error. */
int cli_check_template(const char *name, const char *account);
int cli_unknown_command(const char *name);
/* `ttfv help [TOPIC]`: an exit code. */
int cli_help_command_line(int argc, char **argv);

#endif
