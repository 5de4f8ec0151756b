/* template.h - the placeholder language of report templates.
 *
 * A template is text (Markdown, or the HTML shell) with placeholders in
 * double braces; templates/README.md documents the syntax for users:
 *
 *   {{name}}            a figure or sentence
 *   {{table name}}      a table
 *   {{chart name}}      a chart
 *   {{#if name}} ... {{else}} ... {{/if}}   shown when name's data exists
 *   {{! comment }}      nothing (may span lines)
 *
 * A block tag ({{#if}}, {{else}}, {{/if}}, a comment) alone on its line
 * removes the whole line, so sections leave no blank lines behind.
 * The engine knows no names: a resolver supplied by the caller says what
 * each one is.  Expansion is bounded: no loops, no includes, ifs nested at
 * most TEMPLATE_MAX_DEPTH deep, templates at most TEMPLATE_MAX_SIZE bytes
 * and output at most TEMPLATE_MAX_OUTPUT bytes.
 */
#ifndef TTFV_TEMPLATE_H
#define TTFV_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define TEMPLATE_MAX_DEPTH 8
#define TEMPLATE_MAX_SIZE (1u << 20)
#define TEMPLATE_MAX_OUTPUT (64u << 20)	/* a real report is a few MiB */

enum template_kind { TPL_VALUE, TPL_TABLE, TPL_CHART, TPL_IF };

/* Resolves one placeholder.  With out set, appends the expansion (TPL_IF:
 * sets *truth instead); with out NULL only says whether the name exists,
 * which is how placeholders in hidden sections are still checked.
 * Returns 0, or -1 when the name is unknown for that kind. */
typedef int (*template_resolve_fn)(void *ctx, enum template_kind kind,
				   const char *name, struct buf *out,
				   bool *truth);

/* Expands text[0..len) into out.  file names the template in messages
 * ("leadership.md:12: unknown placeholder '{{x}}'").  Every problem is added
 * to d; returns 0 or -1. */
int template_expand(const char *file, const char *text, size_t len,
		    template_resolve_fn resolve, void *ctx, struct buf *out,
		    struct diag *d);

#endif
