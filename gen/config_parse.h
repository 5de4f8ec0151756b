/* config_parse.h - state shared by the two halves of the config reader:
 * config.c (lines, sections, inih glue) and config_keys.c (what each key
 * means).  Private to gen/config*.c.
 */
#ifndef TTFV_CONFIG_PARSE_H
#define TTFV_CONFIG_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

enum section {
	SEC_NONE,	/* before the first header */
	SEC_IGNORE,	/* a header that was refused (already reported) */
	SEC_REPORT,
	SEC_TIER,
	SEC_STEP,
	SEC_COLUMNS,
	SEC_TARGETS,
	SEC_ROUTING,
	SEC_EXPERIMENT,
	SEC_COUNT
};

enum line_kind { LINE_BLANK, LINE_SECTION, LINE_KEY };

/* What an indented continuation line extends. */
enum cont_kind { CONT_NONE, CONT_TEXT, CONT_HOLIDAYS };

#define CONFIG_SECTION_KEYS 16

struct parse {
	struct config *c;
	struct diag *d;
	const char *path;
	const char *text;	/* the whole file */
	size_t len, pos;
	int line;		/* physical line being processed */
	enum line_kind kind;
	bool handled;		/* the handler ran for this line */
	bool indented;		/* this line continues the previous key */
	bool have_key;		/* a key was read since the last header */
	enum cont_kind cont;	/* what the previous key lets continue */
	char **cont_text;	/* CONT_TEXT: the string to extend */
	enum section sec;
	int seen[SEC_COUNT][CONFIG_SECTION_KEYS];	/* line of each key */
	size_t cap_tiers, cap_steps, cap_columns, cap_holidays;
};

/* Index of s in the NULL-terminated table (ASCII case-insensitive), -1. */
int config_name_find(const char *const *table, const char *s);
/* s without leading and trailing white space (s is modified). */
char *config_trim(char *s);
void config_step_release(struct step_conf *s);

/* A "key = value" line of the current section. */
void config_key_apply(struct parse *p, const char *key, const char *value);
/* An indented line that inih hands over as a continuation of key. */
void config_key_continue(struct parse *p, const char *key, const char *value);

#endif
