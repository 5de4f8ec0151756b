/* csvscan - the bare libcsv scan that `make bench` compares ttfv against:
 * parses every field of every file named and discards it, counting fields
 * and records so the work cannot be optimised away.  With --memchr first,
 * the floor instead: one memchr pass counting the line breaks, about what
 * reading the bytes at all costs. */
#include <csv.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct counts {
	size_t fields, records;
};

static void on_field(void *s, size_t n, void *data)
{
	(void)s;
	(void)n;
	((struct counts *)data)->fields++;
}

static void on_record(int c, void *data)
{
	(void)c;
	((struct counts *)data)->records++;
}

int main(int argc, char **argv)
{
	static char block[1 << 16];
	struct counts n = {0, 0};
	bool lines_only = argc > 1 && strcmp(argv[1], "--memchr") == 0;
	for (int i = 1 + lines_only; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 3;
		}
		size_t got;
		if (lines_only) {
			while ((got = fread(block, 1, sizeof(block), f)) > 0)
				for (const char *q = block, *e = block + got;
				     (q = memchr(q, '\n', (size_t)(e - q)));
				     q++)
					n.records++;
			fclose(f);
			continue;
		}
		struct csv_parser p;
		csv_init(&p, 0);
		while ((got = fread(block, 1, sizeof(block), f)) > 0)
			if (csv_parse(&p, block, got, on_field, on_record, &n) != got) {
				fprintf(stderr, "%s: %s\n", argv[i],
					csv_strerror(csv_error(&p)));
				return 1;
			}
		csv_fini(&p, on_field, on_record, &n);
		csv_free(&p);
		fclose(f);
	}
	printf("%zu records, %zu fields\n", n.records, n.fields);
	return 0;
}
