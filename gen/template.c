/* template.c - expands {{placeholders}} (syntax in template.h).
 *
 * One pass over the text: literal runs are copied while the innermost
 * section is shown, each tag is classified and handed to the resolver.
 * Tags in hidden sections are still resolved with out == NULL, so a typo
 * is an error whatever the data, not only when its section shows. */
#include <string.h>

#include "template.h"

#define TEMPLATE_MAX_NAME 64

struct frame {
	bool parent_shown;	/* the enclosing section is shown */
	bool truth;		/* the condition's value */
	bool in_else;
	long line;
};

struct expander {
	const char *file;
	const char *text;
	size_t len;
	template_resolve_fn resolve;
	void *ctx;
	struct buf *out;
	size_t out_start;
	struct diag *d;
	struct frame frames[TEMPLATE_MAX_DEPTH];
	int depth;
	bool shown;
	int errors;
};

enum tag_type {
	TAG_COMMENT,
	TAG_IF,
	TAG_ELSE,
	TAG_ENDIF,
	TAG_VALUE,
	TAG_TABLE,
	TAG_CHART,
	TAG_BAD
};

static bool template_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static bool template_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Copies a valid name s[0..n) into name; false when it is not one. */
static bool template_name_copy(const char *s, size_t n,
			       char name[TEMPLATE_MAX_NAME + 1])
{
	if (n == 0 || n > TEMPLATE_MAX_NAME)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!template_name_char(s[i]))
			return false;
	memcpy(name, s, n);
	name[n] = '\0';
	return true;
}

/* Classifies the inside of a tag, s[0..n) trimmed; the name (if any)
 * goes into name. */
static enum tag_type template_classify(const char *s, size_t n,
				       char name[TEMPLATE_MAX_NAME + 1])
{
	static const struct {
		const char *word;
		enum tag_type type;
	} words[] = {
		{"#if", TAG_IF}, {"table", TAG_TABLE}, {"chart", TAG_CHART},
	};
	name[0] = '\0';
	if (n > 0 && s[0] == '!')
		return TAG_COMMENT;
	if (n == 4 && memcmp(s, "else", 4) == 0)
		return TAG_ELSE;
	if (n == 3 && memcmp(s, "/if", 3) == 0)
		return TAG_ENDIF;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t w = strlen(words[i].word);
		if (n > w && memcmp(s, words[i].word, w) == 0 &&
		    template_space(s[w])) {
			size_t k = w;
			while (k < n && template_space(s[k]))
				k++;
			return template_name_copy(s + k, n - k, name) ?
				       words[i].type :
				       TAG_BAD;
		}
	}
	return template_name_copy(s, n, name) ? TAG_VALUE : TAG_BAD;
}

static bool template_is_block(enum tag_type t)
{
	return t == TAG_COMMENT || t == TAG_IF || t == TAG_ELSE ||
	       t == TAG_ENDIF;
}

static void template_error(struct expander *x, long line, const char *tag,
			   size_t n, const char *what)
{
	diag_add(x->d, x->file, line, NULL, "%s '%.*s'", what,
		 (int)(n > 80 ? 80 : n), tag);
	x->errors++;
}

static long template_count_lines(const char *s, size_t n)
{
	long k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

/* Where a block tag at [q, e) standing alone on its line (only blanks
 * around it, no other tag before it on the line) lets the line go: the
 * literal text stops at the line's start *lit_end and resumes after its
 * newline *next.  Returns false when the tag shares its line. */
static bool template_standalone(const struct expander *x, size_t lit,
				size_t q, size_t e, size_t *lit_end,
				size_t *next)
{
	size_t ls = q;
	while (ls > lit && template_space(x->text[ls - 1]))
		ls--;
	if (ls > 0 && x->text[ls - 1] != '\n')
		return false;
	size_t k = e;
	while (k < x->len && (template_space(x->text[k]) || x->text[k] == '\r'))
		k++;
	if (k < x->len && x->text[k] != '\n')
		return false;
	*lit_end = ls;
	*next = k < x->len ? k + 1 : k;
	return true;
}

static void template_resolve(struct expander *x, enum template_kind kind,
			     const char *name, long line, const char *tag,
			     size_t n)
{
	if (x->resolve(x->ctx, kind, name, x->shown ? x->out : NULL, NULL) < 0)
		template_error(x, line, tag, n, "unknown placeholder");
}

/* Applies one tag; returns -1 when expansion must stop. */
static int template_apply(struct expander *x, enum tag_type type,
			  const char *name, long line, const char *tag,
			  size_t n)
{
	struct frame *f;
	bool truth = false;

	switch (type) {
	case TAG_COMMENT:
		break;
	case TAG_IF:
		if (x->depth == TEMPLATE_MAX_DEPTH) {
			template_error(x, line, tag, n,
				       "sections nested too deep (at most "
				       "8) at");
			return -1;
		}
		if (x->resolve(x->ctx, TPL_IF, name, x->shown ? x->out : NULL,
			       &truth) < 0)
			template_error(x, line, tag, n, "unknown placeholder");
		f = &x->frames[x->depth++];
		*f = (struct frame){x->shown, truth, false, line};
		x->shown = f->parent_shown && f->truth;
		break;
	case TAG_ELSE:
		f = x->depth ? &x->frames[x->depth - 1] : NULL;
		if (!f || f->in_else) {
			template_error(x, line, tag, n,
				       f ? "second else in one section" :
					   "else outside a section");
			break;
		}
		f->in_else = true;
		x->shown = f->parent_shown && !f->truth;
		break;
	case TAG_ENDIF:
		if (!x->depth) {
			template_error(x, line, tag, n, "no open section for");
			break;
		}
		x->shown = x->frames[--x->depth].parent_shown;
		break;
	case TAG_VALUE:
		template_resolve(x, TPL_VALUE, name, line, tag, n);
		break;
	case TAG_TABLE:
		template_resolve(x, TPL_TABLE, name, line, tag, n);
		break;
	case TAG_CHART:
		template_resolve(x, TPL_CHART, name, line, tag, n);
		break;
	case TAG_BAD:
		template_error(x, line, tag, n, "unknown placeholder");
		break;
	}
	if (x->out->len - x->out_start > TEMPLATE_MAX_OUTPUT) {
		diag_add(x->d, x->file, line, NULL,
			 "template expands to more than %u MiB",
			 TEMPLATE_MAX_OUTPUT >> 20);
		x->errors++;
		return -1;
	}
	return 0;
}

static void template_literal(struct expander *x, size_t from, size_t to)
{
	if (x->shown && to > from)
		buf_put(x->out, x->text + from, to - from);
}

/* Finds the "}}" closing the tag opened at q; a comment may span lines,
 * any other tag ends on its own line.  Returns the index of "}}" or len. */
static size_t template_close(const struct expander *x, size_t q)
{
	size_t k = q + 2;
	while (k < x->len && template_space(x->text[k]))
		k++;
	bool comment = k < x->len && x->text[k] == '!';
	for (; k + 1 < x->len; k++) {
		if (x->text[k] == '}' && x->text[k + 1] == '}')
			return k;
		if (x->text[k] == '\n' && !comment)
			break;
	}
	return x->len;
}

/* The next "{{" at or after pos, or NULL. */
static const char *template_find_open(const struct expander *x, size_t pos)
{
	while (pos + 1 < x->len) {
		const char *b = memchr(x->text + pos, '{', x->len - pos - 1);
		if (!b)
			return NULL;
		if (b[1] == '{')
			return b;
		pos = (size_t)(b - x->text) + 1;
	}
	return NULL;
}

static void template_run(struct expander *x)
{
	size_t lit = 0, pos = 0;
	long line = 1;

	for (;;) {
		const char *p = template_find_open(x, pos);
		if (!p)
			break;
		size_t q = (size_t)(p - x->text);
		line += template_count_lines(x->text + pos, q - pos);
		size_t c = template_close(x, q);
		if (c == x->len) {
			template_error(x, line, p, 2,
				       "no closing '}}' on the same line for");
			pos = q + 2;
			continue;
		}
		size_t e = c + 2, s = q + 2, t = c;
		while (s < t && template_space(x->text[s]))
			s++;
		while (t > s && template_space(x->text[t - 1]))
			t--;
		char name[TEMPLATE_MAX_NAME + 1];
		enum tag_type type = template_classify(x->text + s, t - s, name);
		size_t lit_end = q, next = e;
		if (template_is_block(type))
			template_standalone(x, lit, q, e, &lit_end, &next);
		template_literal(x, lit, lit_end);
		if (template_apply(x, type, name, line, p, e - q) < 0)
			return;
		line += template_count_lines(x->text + q, next - q);
		lit = pos = next;
	}
	template_literal(x, lit, x->len);
	for (int i = 0; i < x->depth; i++) {
		diag_add(x->d, x->file, x->frames[i].line, NULL,
			 "section is never closed with '{{/if}}'");
		x->errors++;
	}
}

int template_expand(const char *file, const char *text, size_t len,
		    template_resolve_fn resolve, void *ctx, struct buf *out,
		    struct diag *d)
{
	if (len > TEMPLATE_MAX_SIZE)
		return diag_add(d, file, 0, NULL,
				"template is larger than %u KiB",
				TEMPLATE_MAX_SIZE >> 10);
	struct expander x = {
		.file = file, .text = text, .len = len, .resolve = resolve,
		.ctx = ctx, .out = out, .out_start = out->len, .d = d,
		.shown = true,
	};
	template_run(&x);
	return x.errors ? -1 : 0;
}
