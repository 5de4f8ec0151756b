/* ingest_columns.c - header names to canonical columns, and the file's role.
 *
 * A header is normalised (ASCII lower case, blanks and dashes read as
 * underscores) and then matched, in this order of strength, by a
 * [columns] line, by the canonical name itself, or by an alias: the labels
 * CRMs, product-analytics tools and spreadsheets write (schema.h lists
 * the columns and their aliases). */
#include "ingest_impl.h"

#include <stdlib.h>
#include <string.h>

/* Lower case, blanks and dashes as one underscore, trimmed; into out. */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	ingest_value_trim(&s, &n);
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '-' || c == '_' || c == '\t') {
			if (k && out[k - 1] != '_')
				out[k++] = '_';
			continue;
		}
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	while (k && out[k - 1] == '_')
		k--;
	out[k] = '\0';
	return k;
}

/* The [columns] line naming this header, or NULL. */
static const struct column_conf *config_column(const struct config *c,
					       const char *norm)
{
	char other[256];
	for (size_t i = 0; i < c->ncolumns; i++) {
		const char *h = c->columns[i].header;
		normalise(h, strlen(h), other, sizeof(other));
		if (!strcmp(other, norm))
			return &c->columns[i];
	}
	return NULL;
}

/* Each header's column under role r (accounts-only aliases only there). */
static void map_headers(struct ingest_file *f, const struct config *c,
			enum role r)
{
	char norm[256];
	for (size_t i = 0; i < f->nhdr; i++) {
		struct ingest_header *h = &f->hdr[i];
		size_t n = normalise(h->text, strlen(h->text), norm,
				     sizeof(norm));
		const struct column_conf *cc = config_column(c, norm);
		h->col = -1;
		h->how = HOW_IGNORED;
		if (cc) {
			h->col = schema_col_find(cc->canonical,
						 strlen(cc->canonical));
			h->how = h->col >= 0 ? HOW_CONFIG : HOW_IGNORED;
		} else if ((h->col = schema_col_find(norm, n)) >= 0) {
			h->how = HOW_NAME;
		} else if ((h->col = schema_alias_find(norm, n, r)) >= 0) {
			h->how = HOW_ALIAS;
		} else if (r != ROLE_UNKNOWN &&
			   schema_alias_find(norm, n, ROLE_ACCOUNTS) >= 0) {
			h->how = HOW_ACCOUNTS_ONLY;
		}
	}
}

/* A header that is a column's own name (in any case) and that [columns]
 * maps elsewhere keeps its name when no other header of the file is read
 * as that column: the file already names its columns ttfv's way, as
 * `ttfv sql`'s result of a table those lines describe does.  Repeated, as
 * each header kept frees another's name; a pass either keeps every header
 * of some column or ends, so there are at most COL_COUNT + 1 passes. */
static void keep_own_names(struct ingest_file *f)
{
	for (bool kept = true; kept;) {
		size_t onto[COL_COUNT] = {0};
		for (size_t i = 0; i < f->nhdr; i++)
			if (f->hdr[i].col >= 0)
				onto[f->hdr[i].col]++;
		kept = false;
		for (size_t i = 0; i < f->nhdr; i++) {
			struct ingest_header *h = &f->hdr[i];
			if (h->how != HOW_CONFIG)
				continue;
			int own = -1;
			for (int col = 0; col < COL_COUNT && own < 0; col++)
				if (str_ieq_n(h->text, strlen(h->text),
					      schema_columns[col].name))
					own = col;
			if (own < 0 || own == h->col || onto[own] ||
			    !schema_col_used(own, f->role))
				continue;
			h->col = own;
			h->how = HOW_OWN_NAME;
			kept = true;
		}
	}
}

bool ingest_columns_keep_names(const struct config *c, enum role r,
			       const char *const *names, size_t n)
{
	struct ingest_file f = {.forced = r};
	struct diag d;
	size_t *len = xcalloc(n, sizeof(*len));
	for (size_t i = 0; i < n; i++)
		len[i] = strlen(names[i]);
	struct csv_row row = {.f = names, .len = len, .n = n, .line = 1,
			      .nul_field = -1};
	diag_init(&d);
	bool same = ingest_columns_map(&f, c, &row, &d) == 0;
	for (size_t i = 0; same && i < n; i++) {
		int col = schema_col_find(names[i], len[i]);
		same = col >= 0 && f.colidx[col] == (int)i;
	}
	ingest_columns_release(&f);
	diag_release(&d);
	free(len);
	return same;
}

bool ingest_columns_used(const struct ingest *in, const struct column_conf *cc)
{
	char want[256], have[256];
	normalise(cc->header, strlen(cc->header), want, sizeof(want));
	for (size_t i = 0; i < in->nfiles; i++) {
		const struct ingest_file *f = &in->files[i];
		for (size_t k = 0; k < f->nhdr; k++) {
			const char *t = f->hdr[k].text;
			normalise(t, strlen(t), have, sizeof(have));
			if (!strcmp(want, have))
				return true;
		}
	}
	return false;
}

static enum role guess_role(const struct ingest_file *f, const char **why)
{
	bool has[COL_COUNT] = {false};
	for (size_t i = 0; i < f->nhdr; i++)
		if (f->hdr[i].col >= 0)
			has[f->hdr[i].col] = true;
	if (has[COL_EVENT] && has[COL_TIMESTAMP]) {
		*why = "its header has event and timestamp columns";
		return ROLE_EVENTS;
	}
	if (has[COL_PAUSED_AT] && has[COL_RESUMED_AT]) {
		*why = "its header has paused_at and resumed_at columns";
		return ROLE_PAUSES;
	}
	if (has[COL_CATEGORY]) {
		*why = "its header has a category column";
		return ROLE_POSTMORTEMS;
	}
	if (has[COL_SIGNED_AT]) {
		*why = "its header has a signed_at column";
		return ROLE_ACCOUNTS;
	}
	for (int col = COL_KICKOFF_AT; col <= COL_GO_LIVE_AT; col++)
		if (has[col]) {
			*why = "its header has milestone columns";
			return ROLE_ACCOUNTS;
		}
	return ROLE_UNKNOWN;
}

/* Settles which header each column is read from: a [columns] line beats
 * the others; two headers claiming a column without one is an error. */
static int settle_claims(struct ingest_file *f, long line, struct diag *d)
{
	int rc = 0;
	for (int col = 0; col < COL_COUNT; col++) {
		f->colidx[col] = -1;
		if (!schema_col_used(col, f->role))
			continue;
		long win = -1, first = -1;
		for (size_t i = 0; i < f->nhdr; i++) {
			struct ingest_header *h = &f->hdr[i];
			if (h->col != col)
				continue;
			if (h->how == HOW_CONFIG && win < 0)
				win = (long)i;
			if (first < 0)
				first = (long)i;
		}
		if (first < 0)
			continue;
		for (size_t i = 0; i < f->nhdr; i++) {
			struct ingest_header *h = &f->hdr[i];
			if (h->col != col || (long)i == first || (long)i == win)
				continue;
			if (win >= 0) {
				h->how = HOW_OVERRIDDEN;
				continue;
			}
			h->how = HOW_CLASH;
			f->hdr[first].how = HOW_CLASH;
			rc = diag_add(d, f->path, line, schema_columns[col].name,
				      "columns '%s' and '%s' both read as %s; "
				      "name the one to use in [columns], e.g. "
				      "'%s = %s'",
				      f->hdr[first].text, h->text,
				      schema_columns[col].name, f->hdr[first].text,
				      schema_columns[col].name);
		}
		if (win >= 0 && win != first &&
		    f->hdr[first].how != HOW_CONFIG)
			f->hdr[first].how = HOW_OVERRIDDEN;
		f->colidx[col] = (int)(win >= 0 ? win : first);
	}
	return rc;
}

static void required_list(enum role r, struct buf *b)
{
	for (int col = 0; col < COL_COUNT; col++)
		if (schema_columns[col].required & SCHEMA_R(r))
			buf_addf(b, "%s%s", b->len ? ", " : "",
				 schema_columns[col].name);
}

int ingest_columns_map(struct ingest_file *f, const struct config *c,
		       const struct csv_row *hdr, struct diag *d)
{
	f->nhdr = hdr->n;
	f->hdr = xcalloc(hdr->n, sizeof(*f->hdr));
	for (size_t i = 0; i < hdr->n; i++) {
		const char *s = hdr->f[i];
		size_t n = hdr->len[i];
		ingest_value_trim(&s, &n);
		f->hdr[i].text = xstrndup(s, n);
		/* a header is printed in messages: no line breaks in it */
		for (char *p = f->hdr[i].text; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7F)
				*p = ' ';
	}
	map_headers(f, c, ROLE_UNKNOWN);
	if (f->forced != ROLE_UNKNOWN) {
		f->role = f->forced;
		f->why = "forced on the command line";
	} else {
		f->role = guess_role(f, &f->why);
	}
	if (f->role == ROLE_UNKNOWN)
		return diag_add(d, f->path, hdr->line, NULL,
				"cannot tell which export this is from its "
				"header (accounts have signed_at, events event "
				"and timestamp, post-mortems category, pauses "
				"paused_at and resumed_at); map its columns in "
				"[columns] or force it with --accounts, "
				"--events, --postmortems or --pauses");
	map_headers(f, c, f->role);
	keep_own_names(f);
	for (size_t i = 0; i < f->nhdr; i++)
		if (f->hdr[i].col >= 0 &&
		    !schema_col_used(f->hdr[i].col, f->role))
			f->hdr[i].how = HOW_OTHER_ROLE;
	int rc = settle_claims(f, hdr->line, d);
	for (int col = 0; col < COL_COUNT; col++) {
		if (!(schema_columns[col].required & SCHEMA_R(f->role)) ||
		    f->colidx[col] >= 0)
			continue;
		struct buf need = BUF_INIT;
		required_list(f->role, &need);
		rc = diag_add(d, f->path, hdr->line, schema_columns[col].name,
			      "missing required column (%s files need %s; "
			      "map a header to it in [columns])",
			      schema_role_name(f->role), buf_cstr(&need));
		buf_release(&need);
	}
	return rc;
}

void ingest_columns_release(struct ingest_file *f)
{
	for (size_t h = 0; h < f->nhdr; h++)
		free(f->hdr[h].text);
	free(f->hdr);
	f->hdr = NULL;
	f->nhdr = 0;
	f->role = ROLE_UNKNOWN;
	f->why = NULL;
}
