/* ingest_impl.h - what the ingest_*.c files share; not a public header.
 *
 * ingest.c drives: it expands the inputs, loads each file (ingest_load.c:
 * bytes, encoding, delimiter), maps its header (ingest_columns.c), and
 * streams its records (ingest_csv.c, libcsv) into the model: an accounts
 * or events file through ingest_split.c, which may give its second half
 * to a second reader, every file through ingest_rows.c (shape, footer), which
 * hands each record to its kind's reader (ingest_accounts.c,
 * ingest_events.c).  Those read with the helpers below them
 * (ingest_fields.c, ingest_values.c, ingest_problems.c, ingest_text.c)
 * and write into a sink: the model, or a second reader's partial model.
 * Calls only go down this list, never back up.  ingest_describe.c
 * reports what was understood. */
#ifndef TTFV_INGEST_IMPL_H
#define TTFV_INGEST_IMPL_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "config.h"
#include "ingest.h"
#include "model.h"
#include "timeparse.h"
#include "util.h"

/* How a header came to its canonical name. */
enum how {
	HOW_NAME,		/* it is the canonical name */
	HOW_OWN_NAME,		/* the canonical name, kept though [columns]
				 * maps it elsewhere: nothing else is read as
				 * it (ingest_columns.c keep_own_names) */
	HOW_ALIAS,		/* a known alias */
	HOW_CONFIG,		/* a [columns] line */
	HOW_IGNORED,		/* maps to nothing ttfv reads */
	HOW_ACCOUNTS_ONLY,	/* "id", "name": an account's only there */
	HOW_OTHER_ROLE,		/* a column of another kind of file */
	HOW_OVERRIDDEN,		/* an alias a [columns] line took over */
	HOW_CLASH		/* claims a name another column claims */
};

struct ingest_header {
	char *text;		/* as written (heap) */
	int col;		/* enum col, or -1 */
	enum how how;
};

/* What one date column held: the forms seen and the slash-date order. */
struct date_col {
	unsigned forms;		/* bit per enum tp_form */
	enum tp_order order;
	long order_line;	/* the value that decided the order */
	char order_value[40];
	long ambiguous_line;	/* first undecidable value, 0 none */
	bool reported;		/* the column's order error is out */
};

enum { EOL_LF = 1, EOL_CRLF = 2, EOL_CR = 4 };

struct ingest_file {
	char *path;		/* as given (heap) */
	dev_t dev;		/* which file it is, to read it once */
	ino_t ino;
	enum role role;
	const char *why;	/* static text: how the role was chosen */
	enum role forced;

	/* the bytes, UTF-8 whatever came in */
	const char *data;
	size_t len;
	void *map;		/* mmap()ed region, or NULL */
	size_t maplen;
	char *owned;		/* converted copy (heap), or NULL */
	const char *encoding;	/* static text */
	unsigned char delim;
	bool sep_line;		/* a first line "sep=X" named it */
	unsigned eol;		/* EOL_* seen */
	bool cr_only;		/* no LF at all: lines end with CR */
	bool has_nul;
	bool gzip;		/* it was gzip-compressed */

	struct ingest_header *hdr;
	size_t nhdr;
	int colidx[COL_COUNT];	/* header index of each column, -1 */
	long header_lines;	/* physical lines of the header record */
	size_t body_pos;	/* byte offset after the header */

	struct date_col dates[COL_COUNT];
	bool dates_scanned;	/* slash-date orders settled */

	size_t rows;		/* data records read */
	size_t rows_bad;	/* with a problem (skipped under lenient) */
	size_t blank_rows;	/* all fields empty */
	size_t pauses_undocumented;	/* pauses with a blank reason */
	long title_line, title_end;	/* a title above the header, lines
					 * title_line..title_end; 0 none */
	char title[80];		/* its first value, for the summary */
	long trailer_line;	/* first line of a skipped footer, 0 none */
	size_t trailer_rows;
	char trailer_first[80];	/* its first row, for the summary */
	bool failed;		/* could not be read at all */

	/* an accounts file: the model's accounts it added, [acc_first,
	 * acc_end); and its rows whose id an earlier accounts file has, said
	 * once for the file (a second copy of the export, most likely) */
	size_t acc_first, acc_end;
	size_t dup_rows;
	long dup_line;		/* the first such row */
	int32_t dup_acc;	/* the account it repeats */
};

/* ---- ingest_load.c ---------------------------------------------------- */

/* Maps or reads f->path and makes f->data UTF-8 (converting Windows-1252
 * unless c->encoding says otherwise); detects the BOM, line endings,
 * delimiter and NUL bytes.  Returns 0, -1 (reported in d) or -3 (I/O). */
int ingest_load(struct ingest_file *f, const struct config *c,
		struct diag *d);
/* Drops the bytes (mapping or copy). */
void ingest_unload(struct ingest_file *f);

/* ---- ingest_pages.c: a mapped file resident only where it is read ---- */

/* Has the pages holding [p, p+n) of a mapping mapped in, in one call. */
void ingest_pages_want(const char *p, size_t n);
/* Drops the whole pages inside [p, p+n) of a private read-only file
 * mapping: the bytes stay readable (a touch maps them again).  Returns
 * the bytes from p to the end of the last page dropped (0: none), where
 * the next drop of the same pass starts. */
size_t ingest_pages_drop(const char *p, size_t n);

/* Finds f's header (ingest_header.c): the first record, or the first
 * below a title that names a kind of export; maps its columns and sets
 * where the body starts.  0, or -1 with the problems in d. */
int ingest_header_read(struct ingest_file *f, const struct config *c,
		       struct diag *d);

/* Opens every file of in (ingest_open.c): on a thread of its own when
 * there are several, so that the caller can read one file while the next
 * are opening.  A file that cannot be opened is marked failed. */
struct ingest_opener *ingest_open_start(struct ingest *in,
					const struct config *c);
/* Waits until file i is open; its result: 0, -1 (messages), -3 (it
 * cannot be read). */
int ingest_open_wait(struct ingest_opener *op, size_t i);
/* Waits for every file, appends their messages to d in file order and
 * frees op; returns -3 when a file could not be read, else -1 when a file
 * failed, else 0. */
int ingest_open_finish(struct ingest_opener *op, struct diag *d);

/* ---- ingest_csv.c: records with their physical line --------------------- */

struct csv_row {
	const char *const *f;	/* fields (not NUL-terminated: into the
				 * input, or the reader's copy) */
	const size_t *len;
	size_t n;
	long line;		/* physical line where the record starts */
	long blank_before;	/* blank lines right before it */
	int nul_field;		/* first field holding a NUL byte, or -1 */
};

/* 0 to go on, 1 to stop after this record. */
typedef int (*csv_row_fn)(void *ctx, const struct csv_row *row);

struct csv_reader {
	struct csv_parser p;
	const char *buf;
	size_t len, pos;	/* pos: next byte to feed */
	long line;		/* physical lines fed so far */
	bool cr_only;		/* lines end with CR alone (old Mac Excel) */
	bool check_nul;
	char delim;

	char *data;		/* the record's field bytes */
	size_t dlen, dcap;
	size_t *off, *flen;
	const char **fptr;
	size_t nf, capf;
	int nul_field;

	long rec_line;		/* line where the current record began */
	long field_line;	/* line where the current field began */
	size_t field_next;	/* offset of the line after field_line */
	long cur_line;		/* line being fed */
	size_t cur_end;		/* offset after the line being fed */
	long blank;
	size_t open_field;	/* field index of an unterminated quote */

	size_t limit;		/* stop feeding here (a line start), 0: len */

	/* a mapped input (csv_reader_paged): pages are wanted up to ahead,
	 * dropped below dropped, and the window moves when pos reaches mark
	 * (SIZE_MAX: never) */
	size_t mark, ahead, dropped;

	csv_row_fn fn;
	void *ctx;
	bool stop;
};

void csv_reader_init(struct csv_reader *r, const char *buf, size_t len,
		     size_t pos, long line, unsigned char delim,
		     bool cr_only, bool check_nul);
/* buf is a file mapping: only a window of it around pos is kept
 * resident as r reads (ingest_pages.c). */
void csv_reader_paged(struct csv_reader *r);
/* Feeds records to fn until the end (returns 0) or fn asks to stop
 * (returns 1), or up to r->limit (returns 2; the next call goes on from
 * there with the parser's state intact).  Returns -1 with *open_line set
 * when a quoted field opened on that line never closes: the reader then
 * resumes after that line on the next call, so the rest of the file is
 * still read. */
int csv_reader_run(struct csv_reader *r, csv_row_fn fn, void *ctx,
		   long *open_line);
/* Whether the records fed so far end exactly at r->pos: none is open
 * and no blank line waits to be counted before the next. */
bool csv_reader_clean_cut(const struct csv_reader *r);
/* After csv_reader_run returned -1: a value on the opening line with text
 * after its closing quote ("Be"ta, which libcsv reads as a quote that
 * never closes), and its length in *n; NULL when there is none. */
const char *csv_reader_quote_text(const struct csv_reader *r, size_t *n);
void csv_reader_release(struct csv_reader *r);

/* ---- ingest_columns.c ------------------------------------------------- */

/* Maps the header record onto canonical columns, chooses the role (unless
 * forced) and checks the required columns.  Returns 0 or -1 (in d). */
int ingest_columns_map(struct ingest_file *f, const struct config *c,
		       const struct csv_row *hdr, struct diag *d);
/* Undoes ingest_columns_map: frees the headers, and the role is unknown
 * again. */
void ingest_columns_release(struct ingest_file *f);

/* ---- ingest_ids.c ----------------------------------------------------- */

struct ingest_ids {
	const struct model *m;	/* the accounts, for ids too long to keep */
	struct {
		uint64_t hash;
		int32_t index;
		uint32_t len;	/* 0: free slot */
		char id[16];
	} *slot;
	size_t mask;
};

/* Indexes every account of m (call once all accounts are in). */
void ingest_ids_build(struct ingest_ids *t, const struct model *m);
/* The account with this id, h its model_hash_short, or -1 (model_find's
 * answer, faster).  Inline, as is the prefetch: once per event row. */
static inline int32_t ingest_ids_find(const struct ingest_ids *t,
				      const char *id, size_t n, uint64_t h)
{
	if (n > sizeof(t->slot[0].id) || !n)
		return model_find(t->m, id, n);
	for (size_t k = h & t->mask; t->slot[k].len; k = (k + 1) & t->mask)
		if (t->slot[k].hash == h && t->slot[k].len == n &&
		    mem_eq(t->slot[k].id, id, n))
			return t->slot[k].index;
	return -1;
}
/* Asks for the slot of hash h, to be read soon. */
static inline void ingest_ids_prefetch(const struct ingest_ids *t, uint64_t h)
{
	__builtin_prefetch(&t->slot[h & t->mask]);
}
void ingest_ids_release(struct ingest_ids *t);

/* Whether any file's header was mapped by this [columns] line. */
bool ingest_columns_used(const struct ingest *in, const struct column_conf *cc);

/* ---- ingest_problems.c ------------------------------------------------ */

struct ingest_problem {
	long line;		/* counted from where the reader started */
	int col;		/* enum col, or -1 */
	bool row;		/* a row's (lenient: skipped), else the file's */
	const char *msg;	/* arena */
};

/* One read's messages in the order they came (DIAG_MAX_LINES at most,
 * the rest counted). */
struct ingest_problems {
	struct ingest_problem *p;
	size_t n, cap;
	size_t dropped[2];	/* [row] */
	struct arena arena;
};

struct ingest_ctx {
	const struct ingest_ids *ids;	/* built before the first
					 * non-accounts file */
	struct ingest *in;
	struct model *m;	/* the sink: the model, or a partial one */
	const struct config *c;
	struct diag *d;
	struct diag *skipped;	/* lenient row problems: m->skipped */
	struct ingest_problems pb;	/* this read's, until it ends */
	struct buf msg;		/* scratch for one problem's text */
	int rc;			/* -1 once anything went to d */
};

/* One row's problem: counted, and its "FILE:LINE: COLUMN: text" kept
 * for d or (lenient) m->skipped.  col is an enum col or -1. */
void ingest_row_problem(struct ingest_ctx *x, long line, int col,
			const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A problem of the whole file met while reading its rows: kept for d. */
void ingest_file_problem(struct ingest_ctx *x, long line, int col,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Sends pb's messages to to's diags, lines shifted by base, and empties
 * pb. */
void ingest_problems_flush(struct ingest_ctx *to, const struct ingest_file *f,
			   struct ingest_problems *pb, long base);
void ingest_problems_release(struct ingest_problems *pb);

/* ---- ingest_text.c ------------------------------------------------------ */

/* s[0..n) without surrounding blanks.  Inline, as is ingest_field: every
 * field a row reads passes here, and nearly none has a blank to trim (the
 * four trimmed all sort at or before ' '). */
void ingest_value_trim_blanks(const char **s, size_t *n);
static inline void ingest_value_trim(const char **s, size_t *n)
{
	if (*n && ((unsigned char)(*s)[0] <= ' ' ||
		   (unsigned char)(*s)[*n - 1] <= ' '))
		ingest_value_trim_blanks(s, n);
}
/* A field's value for messages: at most 60 bytes, control characters as
 * '?', never a cut UTF-8 sequence; out must hold 80 bytes. */
const char *ingest_show(char *out, const char *s, size_t n);

/* ---- ingest_fields.c ---------------------------------------------------- */

/* The trimmed field of column col; false when blank or absent. */
static inline bool ingest_field(const struct ingest_file *f,
				const struct csv_row *row, int col,
				const char **s, size_t *n)
{
	int i = f->colidx[col];
	*s = "";
	*n = 0;
	if (i < 0 || (size_t)i >= row->n)
		return false;
	*s = row->f[i];
	*n = row->len[i];
	ingest_value_trim(s, n);
	return *n > 0;
}
/* Dates a row may hold: from the Unix epoch (exports count from it, and no
 * onboarding predates it) to the end of 2099.  INGEST_TIME_END is
 * 2100-01-01T00:00:00Z in microseconds. */
#define INGEST_YEAR_MIN 1970
#define INGEST_YEAR_END 2100
#define INGEST_TIME_MIN INT64_C(0)
#define INGEST_TIME_END INT64_C(4102444800000000)
static inline bool ingest_time_plausible(int64_t t)
{
	return t >= INGEST_TIME_MIN && t < INGEST_TIME_END;
}

/* ingest_row_time for any value but the two it reads itself. */
bool ingest_row_time_read(struct ingest_ctx *x, struct ingest_file *f,
			  const struct csv_row *row, int col, bool required,
			  const char *s, size_t n, int64_t *t);
/* A date field of column col into *t (TTFV_NO_TIME when blank), its
 * problem reported; required: blank is a problem too.  Inline: nearly
 * every date of a large export has the one fixed shape, and an optional
 * one is often blank, both read here as ingest_value_time reads them. */
static inline bool ingest_row_time(struct ingest_ctx *x, struct ingest_file *f,
				   const struct csv_row *row, int col,
				   bool required, int64_t *t)
{
	const char *s;
	size_t n;
	ingest_field(f, row, col, &s, &n);
	if (tp_iso_utc(s, n, t) && ingest_time_plausible(*t)) {
		f->dates[col].forms |= 1u << TP_ISO;
		return true;
	}
	if (!n && !required) {
		*t = TTFV_NO_TIME;
		return true;
	}
	return ingest_row_time_read(x, f, row, col, required, s, n, t);
}

/* ---- ingest_rows.c ---------------------------------------------------- */

/* The state of reading one file's records. */
struct reading {
	struct ingest_ctx *x;
	struct ingest_file *f;
	struct csv_reader *rd;
	bool progress;		/* calls in->progress */
	/* one-field rows after a blank line: a footer, or bad rows */
	long *held;		/* their lines */
	size_t nheld, capheld;
	long held_first;
	char held_text[80];
	bool gap;		/* the last row was empty */
};

/* Reads f's records after its header into x->m.  Row problems go to
 * d, or under lenient to m->skipped; returns 0, or -1 when d got any. */
int ingest_rows_read(struct ingest_ctx *x, struct ingest_file *f);
/* The parts of ingest_rows_read, for a reader that stops at a cut:
 * init starts rd at byte start, line (lines before it); run feeds rd's
 * records through r until rd's end or limit (returns 0 at the end, 2 at
 * the limit); finish releases rd, sends the problems on, notes a footer
 * and returns x->rc. */
void ingest_reading_init(struct reading *r, struct ingest_ctx *x,
			 struct ingest_file *f, struct csv_reader *rd,
			 size_t start, long line);
int ingest_reading_run(struct reading *r);
int ingest_reading_finish(struct reading *r);

/* ---- ingest_split.c: a file perhaps read by two threads ------------------ */

/* Reads f (an accounts or events file; for accounts, f->acc_first set)
 * with a second thread taking the second half,
 * when f is large and a second CPU is there; the result, messages and
 * their order are those of one thread.  Returns as ingest_rows_read. */
int ingest_split_read(struct ingest_ctx *x, struct ingest_file *f);

/* ---- ingest_events.c ---------------------------------------------------- */

/* One record of an events, pauses or post-mortems file into x->m; false
 * when the row is bad. */
bool ingest_event_row(struct ingest_ctx *x, struct ingest_file *f,
		      const struct csv_row *row);
bool ingest_pause_row(struct ingest_ctx *x, struct ingest_file *f,
		      const struct csv_row *row);
bool ingest_postmortem_row(struct ingest_ctx *x, struct ingest_file *f,
			   const struct csv_row *row);

/* ---- ingest_accounts.c ------------------------------------------------ */

/* After an accounts file's rows: one message for the rows that repeat an
 * earlier accounts file's ids (the caller sets f->acc_first first). */
void ingest_accounts_done(struct ingest_ctx *x, struct ingest_file *f);
/* One accounts record into the model; false when the row is bad. */
bool ingest_account_row(struct ingest_ctx *x, struct ingest_file *f,
			const struct csv_row *row);

/* ---- ingest_values.c: one field to one value ------------------------ */

/* Parses a date field of column col, s[0..n) trimmed (ingest_field).  A date outside the plausible years
 * is a bad value like one that does not parse.  The first slash date in the file
 * settles every column's order (ingest_dates_decide).  Returns 0 with *t
 * (TTFV_NO_TIME when blank), or -1 with the problem in msg, or -2 when no
 * value of the column tells its day/month order (the first such line is
 * dates[col].ambiguous_line). */
int ingest_value_time(struct ingest_ctx *x, struct ingest_file *f, int col,
		      const char *s, size_t n, long line, int64_t *t,
		      struct buf *msg);
/* Decides each date column's slash order from the values that fix it,
 * scanning the whole file once; values of a column that contradict each
 * other are a file problem of x. */
void ingest_dates_decide(struct ingest_ctx *x, struct ingest_file *f);
/* A number with a decimal point or, in ;-files, a decimal comma;
 * thousands separators and a currency sign allowed. */
bool ingest_value_number(const char *s, size_t n, bool decimal_comma,
			 double *out);
#endif
