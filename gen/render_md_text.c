/* render_md_text.c - data made safe for Markdown, figures formatted one way
 * everywhere, and GitHub pipe tables. */
#include <math.h>
#include <string.h>

#include "render_md.h"
#include "timeutil.h"

/* Characters CommonMark or GFM (tables, strikethrough, GitHub math) may
 * read as syntax anywhere in a line.  Backslash-escaping ASCII punctuation
 * is always literal in CommonMark, and GFM tables take "\|" as a literal
 * pipe, also inside code spans. */
static bool md_special(char c)
{
	return strchr("\\`*_[]<>|&~$", c) != NULL;
}

/* A value at the start of a line could open a heading, a list item or a
 * setext underline.  Returns the index of the character to escape (the
 * marker; for "1." the dot, as a backslash before a digit is literal), or
 * n when none. */
static size_t md_block_marker(const char *s, size_t n)
{
	if (strchr("#-+=", s[0]))
		return 0;
	size_t i = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i < n && (s[i] == '.' || s[i] == ')') &&
	    (i + 1 == n || s[i + 1] == ' '))
		return i;
	return n;
}

static bool md_blank(unsigned char c)
{
	return c <= ' ' || c == 0x7f;
}

/* Where GFM's autolink extension would make s[i] part of a live link:
 * the dot of "www." and the colon of "scheme://" are escaped (a
 * backslash before punctuation is always literal); an e-mail address is
 * found in the text after escapes are undone, so '@' gets a word joiner
 * (U+2060, invisible) before it, which no address may hold. */
static bool md_autolink_dot(const char *s, size_t i)
{
	return s[i] == '.' && i >= 3 && str_ieq_n(s + i - 3, 3, "www");
}

static bool md_autolink_colon(const char *s, size_t n, size_t i)
{
	return s[i] == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/';
}

void md_text(struct buf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	size_t a = 0;
	while (a < n && md_blank((unsigned char)s[a]))
		a++;
	while (n > a && md_blank((unsigned char)s[n - 1]))
		n--;
	if (a == n) {
		buf_puts(out, "—");
		return;
	}
	s += a;
	n -= a;
	size_t marker = md_block_marker(s, n);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (md_blank((unsigned char)c))
			c = ' ';
		else if (md_special(c) || i == marker ||
			 md_autolink_dot(s, i) || md_autolink_colon(s, n, i))
			buf_putc(out, '\\');
		else if (c == '@')
			buf_puts(out, "\xE2\x81\xA0");
		buf_putc(out, c);
	}
}

void md_code_block(struct buf *out, const char *lang, const char *s)
{
	size_t run = 0, longest = 0;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t fence = longest < 3 ? 3 : longest + 1;
	for (size_t i = 0; i < fence; i++)
		buf_putc(out, '`');
	buf_puts(out, lang ? lang : "");
	buf_putc(out, '\n');
	size_t n = strlen(s);
	buf_put(out, s, n);
	if (n && s[n - 1] != '\n')
		buf_putc(out, '\n');
	for (size_t i = 0; i < fence; i++)
		buf_putc(out, '`');
}

void md_days(struct buf *out, double days)
{
	if (isnan(days))
		buf_puts(out, "n/a");
	else
		buf_addf(out, "%.1f", num_round1(days));
}

/* Seed 000's specific alert ("Account X has been on Step 3: Data Import
 * for 6 days", then the playbook), short enough to read out in a meeting
 * (SPEC 8.2: about 25 words): the SLA, the day, the deadline and the
 * projected date are columns of their own.  Its days are rounded as the
 * "Days stalled" cell beside it is (md_days). */
bool md_alert_text(struct buf *out, const struct onboarding_row *r)
{
	if (!r || !r->alert)
		return false;
	buf_addf(out, "%s has been on %s for ",
		 *r->name ? r->name : r->account_id, r->current_step);
	md_days(out, r->stalled_days);
	buf_addf(out, "%s days since %s: ",
		 r->days == DAYS_BUSINESS ? " business" : "",
		 r->last_step ? r->last_step : "the clock started");
	if (r->playbook)
		buf_puts(out, r->playbook);
	else
		buf_addf(out, "no playbook for this step yet; add playbook = "
			      "... to [step %s] in the config",
			 r->current_step);
	return true;
}

void md_steps_ini(struct buf *out, const struct stats *s)
{
	size_t from = out->len;
	for (size_t k = 0; k < s->nsteps; k++) {
		const struct step_info *si = &s->steps[k];
		bool first = out->len == from;
		if (si->ini_unfit) {
			/* a comment is one line: its line breaks shown as ? */
			buf_addf(out, "%s; step '", first ? "" : "\n");
			size_t at = out->len;
			buf_puts(out, si->name);
			str_neutralise(out->ptr + at, out->len - at, false);
			buf_addf(out, "' is left out: its event name %s\n",
				 si->ini_unfit);
			continue;
		}
		buf_addf(out, "%s[step %s]\n", first ? "" : "\n", si->name);
		if (si->column)
			buf_addf(out, "column = %s\n", si->column);
		else
			buf_addf(out, "event = %s\n", si->event);
	}
}

void md_number(struct buf *out, double v)
{
	if (isnan(v))
		buf_puts(out, "n/a");
	else if (v == floor(v) && fabs(v) < 1e15)
		buf_addf(out, "%.0f", v);
	else
		buf_addf(out, "%.1f", num_round1(v));
}

void md_days_words(struct buf *out, double days, enum day_kind kind)
{
	if (isnan(days)) {
		buf_puts(out, "n/a");
		return;
	}
	double r = num_round1(days);
	md_number(out, r);
	buf_puts(out, kind == DAYS_BUSINESS ? " business" : "");
	buf_puts(out, r == 1.0 ? " day" : " days");
}

void md_share(struct buf *out, double share)
{
	if (isnan(share))
		buf_puts(out, "n/a");
	else
		buf_addf(out, "%.1f%%", num_round1(share * 100.0));
}

void md_interval(struct buf *out, double lower, double upper)
{
	md_days(out, lower);
	buf_puts(out, "–");
	md_days(out, upper);
}

void md_share_interval(struct buf *out, double lower, double upper)
{
	if (isnan(lower))
		buf_puts(out, "n/a");
	else
		buf_addf(out, "%.1f", num_round1(lower * 100.0));
	buf_puts(out, "–");
	md_share(out, upper);
}

void md_small_n(struct buf *out, size_t n)
{
	if (n < STATS_SMALL_N)
		buf_addf(out, " (n = %zu)", n);
}

void md_p_value(struct buf *out, double p)
{
	if (isnan(p))
		buf_puts(out, "p = n/a");
	else if (p < 0.001)
		buf_puts(out, "p < 0.001");
	else
		buf_addf(out, "p = %.3f", p);
}

void md_date(struct buf *out, int64_t t)
{
	if (t == TTFV_NO_TIME) {
		buf_puts(out, "n/a");
		return;
	}
	char day[11];
	tu_format_date(t, day);
	buf_puts(out, day);
}

void md_table_head(struct buf *out, const char *const *headers,
		   const char *align)
{
	size_t n = strlen(align);
	md_row_begin(out);
	for (size_t i = 0; i < n; i++)
		md_cell_raw(out, headers[i]);
	md_row_end(out);
	md_row_begin(out);
	for (size_t i = 0; i < n; i++)
		md_cell_raw(out, align[i] == 'r' ? "---:" : "---");
	md_row_end(out);
}

void md_row_begin(struct buf *out)
{
	buf_putc(out, '|');
}

void md_row_end(struct buf *out)
{
	buf_putc(out, '\n');
}

void md_cell_raw(struct buf *out, const char *markdown)
{
	buf_putc(out, ' ');
	buf_puts(out, markdown);
	buf_puts(out, " |");
}

void md_cell_text(struct buf *out, const char *data)
{
	buf_putc(out, ' ');
	md_text(out, data);
	buf_puts(out, " |");
}

void md_cell_days(struct buf *out, double days)
{
	buf_putc(out, ' ');
	md_days(out, days);
	buf_puts(out, " |");
}

void md_cell_share(struct buf *out, double share)
{
	buf_putc(out, ' ');
	md_share(out, share);
	buf_puts(out, " |");
}

void md_cell_number(struct buf *out, double v)
{
	buf_putc(out, ' ');
	md_number(out, v);
	buf_puts(out, " |");
}

void md_cell_count(struct buf *out, size_t n)
{
	buf_addf(out, " %zu |", n);
}

void md_cell_date(struct buf *out, int64_t t)
{
	buf_putc(out, ' ');
	md_date(out, t);
	buf_puts(out, " |");
}
