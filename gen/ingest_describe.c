/* ingest_describe.c - `ttfv check`'s account of how each file was read,
 * laid out so a wrong mapping or a misread date order stands out. */
#include "ingest_impl.h"

#include <stdlib.h>

#include <string.h>

#include "timeutil.h"

static const char *how_text(enum how h)
{
	switch (h) {
	case HOW_NAME:
		return "";
	case HOW_ALIAS:
		return "(alias)";
	case HOW_CONFIG:
		return "([columns])";
	case HOW_OWN_NAME:
		return "(its own name: [columns] maps it elsewhere, but no "
		       "other header here is read as it)";
	case HOW_OVERRIDDEN:
		return "ignored: [columns] maps another header here";
	case HOW_CLASH:
		return "(clash: another column claims this name)";
	default:
		return "";
	}
}

static const char *delim_name(unsigned char d)
{
	return d == ';' ? "';' (semicolon)" : d == '\t' ? "tab" : "',' (comma)";
}

static const char *eol_name(unsigned eol)
{
	switch (eol) {
	case EOL_LF:
		return "LF";
	case EOL_CRLF:
		return "CRLF (Windows)";
	case EOL_CR:
		return "CR (classic Mac)";
	case 0:
		return "none (one line)";
	default:
		return "mixed";
	}
}

static void describe_columns(const struct ingest_file *f, FILE *out)
{
	int width = 0;
	for (size_t i = 0; i < f->nhdr; i++) {
		int w = (int)strlen(f->hdr[i].text) + 2;
		if (w > width && w < 40)
			width = w;
	}
	fputs("  columns:\n", out);
	for (size_t i = 0; i < f->nhdr; i++) {
		const struct ingest_header *h = &f->hdr[i];
		int pad = width - (int)strlen(h->text) - 2;
		fprintf(out, "    \"%s\"%*s -> ", h->text, pad > 0 ? pad : 0,
			"");
		if (h->how == HOW_IGNORED)
			fputs("ignored (not a column ttfv reads)\n", out);
		else if (h->how == HOW_ACCOUNTS_ONLY)
			fprintf(out, "ignored (names an account only in "
				"accounts files)\n");
		else if (h->how == HOW_OTHER_ROLE)
			fprintf(out, "ignored (%s is not read from %s files)\n",
				schema_col_name(h->col),
				schema_role_name(f->role));
		else if (h->how == HOW_OVERRIDDEN)
			fprintf(out, "ignored ([columns] maps another header "
				"to %s)\n",
				schema_col_name(h->col));
		else
			fprintf(out, "%s%s%s\n", schema_col_name(h->col),
				*how_text(h->how) ? " " : "", how_text(h->how));
	}
}

static void describe_dates(const struct ingest_file *f, FILE *out)
{
	bool any = false;
	for (int col = 0; col < COL_COUNT; col++) {
		const struct date_col *dc = &f->dates[col];
		if (!schema_col_is_date(col) || f->colidx[col] < 0 || !dc->forms)
			continue;
		if (!any)
			fputs("  dates:\n", out);
		any = true;
		fprintf(out, "    %s:", schema_col_name(col));
		const char *sep = " ";
		for (int form = 0; form < TP_FORM_COUNT; form++) {
			if (!(dc->forms & (1u << form)))
				continue;
			fprintf(out, "%s%s", sep, tp_form_name(form));
			if (form == TP_SLASH && dc->order != TP_ORDER_UNKNOWN)
				fprintf(out, ", %s, decided by line %ld: '%s'",
					dc->order == TP_ORDER_MDY
						? "month first (M/D/YYYY)"
						: "day first (D/M/YYYY)",
					dc->order_line, dc->order_value);
			else if (form == TP_SLASH && dc->ambiguous_line)
				fprintf(out, ", day/month order unknown (no value "
					"over 12; from line %ld on)",
					dc->ambiguous_line);
			else if (form == TP_DOT)
				fputs(" (day first)", out);
			sep = "; ";
		}
		fputc('\n', out);
	}
}

static void describe_file(const struct ingest_file *f, bool lenient,
			  FILE *out)
{
	fprintf(out, "%s: %s", f->path, schema_role_name(f->role));
	if (f->role != ROLE_UNKNOWN)
		fprintf(out, " (%s)", f->why);
	else if (f->nhdr)
		fputs(" (its header matches no kind of export)", out);
	fputc('\n', out);
	if (!f->nhdr) {
		fputs("  not read\n", out);
		return;
	}
	fprintf(out, "  rows: %zu read, %zu with problems%s", f->rows,
		f->rows_bad, lenient && f->rows_bad ? " (skipped)" : "");
	if (f->blank_rows)
		fprintf(out, ", %zu empty row%s skipped", f->blank_rows,
			f->blank_rows == 1 ? "" : "s");
	fputc('\n', out);
	fprintf(out, "  format: %s%s delimited%s, %s, %s line endings\n",
		f->gzip ? "gzip-compressed, " : "", delim_name(f->delim),
		f->sep_line ? " (its \"sep=\" line)" : "", f->encoding,
		eol_name(f->eol));
	if (f->title_end > f->title_line)
		fprintf(out, "  title: lines %ld-%ld above the header skipped "
			"(\"%s\")\n", f->title_line, f->title_end, f->title);
	else if (f->title_line)
		fprintf(out, "  title: line %ld above the header skipped "
			"(\"%s\")\n", f->title_line, f->title);
	describe_columns(f, out);
	describe_dates(f, out);
	if (f->pauses_undocumented)
		fprintf(out, "  pauses: %zu without a reason: a pause stops the "
			"SLA clock only for a documented customer delay (seed "
			"000); fill in the reason column\n",
			f->pauses_undocumented);
	if (f->trailer_rows)
		fprintf(out,
			"  footer: %zu row%s from line %ld skipped (\"%s\")\n",
			f->trailer_rows, f->trailer_rows == 1 ? "" : "s",
			f->trailer_line, f->trailer_first);
}

/* Written to memory first: file names, headers and values are data, and
 * their control characters must not reach a terminal. */
void ingest_describe(const struct ingest *in, const struct report_clock *k,
		     FILE *to)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	if (!out) {
		fputs("ttfv: out of memory\n", stderr);
		exit(1);
	}
	for (size_t i = 0; i < in->nfiles; i++) {
		describe_file(&in->files[i], in->lenient, out);
		fputc('\n', out);
	}
	fputs(buf_cstr(&in->notes), out);
	static const char *const from[] = {
		[CLOCK_NONE] = "given", [CLOCK_OPTION] = "--as-of",
		[CLOCK_CONFIG] = "from the config",
		[CLOCK_DATA] = "the latest timestamp in the data"};
	char day[11];
	if (k->as_of != TTFV_NO_TIME) {
		tu_format_date(k->as_of - 1, day);
		fprintf(out, "as-of date: %s (%s)\n", day, from[k->source]);
	} else {
		fputs("as-of date: none (no timestamps read)\n", out);
	}
	fclose(out);
	str_neutralise(text, len, true);
	fwrite(text, 1, len, to);
	free(text);
}
