/* test_template.c - the placeholder language: values, tables, charts,
 * sections, standalone tag lines, errors with their template line, and
 * the limits that keep expansion bounded. */
#include <stdlib.h>

#include "harness.h"
#include "template.h"

/* A resolver knowing: value "name" -> "World", table "t" -> "|a|\n",
 * chart "c" -> "![c](c.png)", conditions "yes" (true) and "no" (false).
 * It counts how often it was asked to expand (out set). */
static int expansions;

static int fake_resolve(void *ctx, enum template_kind kind, const char *name,
			struct buf *out, bool *truth)
{
	(void)ctx;
	const char *text = NULL;
	if (kind == TPL_VALUE && strcmp(name, "name") == 0)
		text = "World";
	else if (kind == TPL_VALUE && strcmp(name, "a.b_c-1") == 0)
		text = "dotted";
	else if (kind == TPL_TABLE && strcmp(name, "t") == 0)
		text = "|a|\n";
	else if (kind == TPL_CHART && strcmp(name, "c") == 0)
		text = "![c](c.png)";
	else if (kind == TPL_IF && (strcmp(name, "yes") == 0 ||
				    strcmp(name, "no") == 0)) {
		if (out)
			*truth = name[0] == 'y';
		return 0;
	} else
		return -1;
	if (out) {
		expansions++;
		buf_puts(out, text);
	}
	return 0;
}

/* Expands text as "t.md"; *err receives the diagnostics (caller frees). */
static int expand(const char *text, struct buf *out, char **err)
{
	struct diag d;
	diag_init(&d);
	buf_reset(out);
	int rc = template_expand("t.md", text, strlen(text), fake_resolve, NULL,
				 out, &d);
	*err = xstrdup(buf_cstr(&d.text));
	diag_release(&d);
	return rc;
}

static void check_expands(const char *text, const char *want, int line)
{
	struct buf out = BUF_INIT;
	char *err;
	int rc = expand(text, &out, &err);
	if (rc != 0 || strcmp(buf_cstr(&out), want) != 0)
		fprintf(stderr, "from line %d: template '%s'\n", line, text);
	CHECK_INT(rc, 0);
	CHECK_STR(buf_cstr(&out), want);
	CHECK_STR(err, "");
	free(err);
	buf_release(&out);
}

static void check_fails(const char *text, const char *message, int line)
{
	struct buf out = BUF_INIT;
	char *err;
	int rc = expand(text, &out, &err);
	if (rc != -1)
		fprintf(stderr, "from line %d: template '%s'\n", line, text);
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(err, message);
	free(err);
	buf_release(&out);
}

#define EXPANDS(text, want) check_expands(text, want, __LINE__)
#define FAILS(text, message) check_fails(text, message, __LINE__)

int main(void)
{
	/* Placeholders of each kind, with blanks inside the braces. */
	EXPANDS("Hello {{name}}!", "Hello World!");
	EXPANDS("Hello {{ name }}!", "Hello World!");
	EXPANDS("{{a.b_c-1}}", "dotted");
	EXPANDS("{{table t}}", "|a|\n");
	EXPANDS("x {{chart c}} y", "x ![c](c.png) y");
	EXPANDS("no tags { } }} here", "no tags { } }} here");
	EXPANDS("", "");

	/* Sections. */
	EXPANDS("{{#if yes}}A{{/if}}", "A");
	EXPANDS("{{#if no}}A{{/if}}", "");
	EXPANDS("{{#if yes}}A{{else}}B{{/if}}", "A");
	EXPANDS("{{#if no}}A{{else}}B{{/if}}", "B");
	EXPANDS("{{#if yes}}1{{#if no}}2{{else}}3{{/if}}4{{/if}}5", "1345");
	EXPANDS("{{#if no}}1{{#if yes}}2{{else}}3{{/if}}4{{/if}}5", "5");

	/* A block tag alone on its line takes the line with it (LF and
	 * CRLF); one sharing its line leaves the line. */
	EXPANDS("x\n{{#if no}}\nhidden\n{{/if}}\ny\n", "x\ny\n");
	EXPANDS("x\n  {{#if yes}}  \nshown\n{{/if}}\ny\n", "x\nshown\ny\n");
	EXPANDS("a\r\n{{#if yes}}\r\nb\r\n{{/if}}\r\nc\r\n", "a\r\nb\r\nc\r\n");
	EXPANDS("a {{#if yes}}b{{/if}}\nc", "a b\nc");
	EXPANDS("{{#if yes}}\nlast\n{{/if}}", "last\n");
	EXPANDS("{{! a comment\n   over two lines }}\nbody\n", "body\n");
	EXPANDS("before {{! inline }} after", "before  after");

	/* Hidden sections are not expanded (no wasted work)... */
	expansions = 0;
	EXPANDS("{{#if no}}{{table t}}{{name}}{{/if}}", "");
	CHECK_INT(expansions, 0);
	/* ...but their placeholders are still checked. */
	FAILS("{{#if no}}\n{{nope}}\n{{/if}}", "t.md:2: unknown placeholder '{{nope}}'");

	/* Errors name the template line and quote the tag as written. */
	FAILS("line one\nline two\n{{ x }}\n", "t.md:3: unknown placeholder '{{ x }}'");
	FAILS("{{table nope}}", "t.md:1: unknown placeholder '{{table nope}}'");
	FAILS("{{chart nope}}", "t.md:1: unknown placeholder '{{chart nope}}'");
	FAILS("{{name}} {{chart}}", "t.md:1: unknown placeholder '{{chart}}'");
	FAILS("{{na me}}", "unknown placeholder '{{na me}}'");
	FAILS("{{}}", "unknown placeholder '{{}}'");
	FAILS("a\n{{#if maybe}}x{{/if}}", "t.md:2: unknown placeholder '{{#if maybe}}'");
	FAILS("x\n{{#if yes}}\ny", "t.md:2: section is never closed with '{{/if}}'");
	FAILS("{{/if}}", "t.md:1: no open section for '{{/if}}'");
	FAILS("{{else}}", "t.md:1: else outside a section '{{else}}'");
	FAILS("{{#if yes}}{{else}}{{else}}{{/if}}", "second else in one section");
	FAILS("a\nb {{name\n}}", "t.md:2: no closing '}}' on the same line for '{{'");
	/* Every problem is reported, not only the first. */
	{
		struct buf out = BUF_INIT;
		char *err;
		CHECK_INT(expand("{{a}}\n{{b}}\n", &out, &err), -1);
		CHECK_CONTAINS(err, "t.md:1: unknown placeholder '{{a}}'");
		CHECK_CONTAINS(err, "t.md:2: unknown placeholder '{{b}}'");
		free(err);
		buf_release(&out);
	}

	/* Bounds: 8 nested sections are fine, 9 are refused. */
	EXPANDS("{{#if yes}}{{#if yes}}{{#if yes}}{{#if yes}}"
		"{{#if yes}}{{#if yes}}{{#if yes}}{{#if yes}}deep"
		"{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}",
		"deep");
	FAILS("{{#if yes}}{{#if yes}}{{#if yes}}{{#if yes}}{{#if yes}}"
	      "{{#if yes}}{{#if yes}}{{#if yes}}{{#if yes}}x",
	      "sections nested too deep");
	{
		size_t n = TEMPLATE_MAX_SIZE + 1;
		char *big = xmalloc(n + 1);
		memset(big, 'a', n);
		big[n] = '\0';
		FAILS(big, "t.md: template is larger than 1024 KiB");
		free(big);
	}
	return test_done("test_template");
}
