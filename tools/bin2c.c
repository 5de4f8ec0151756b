/* bin2c - turns the files named on the command line into a C table of
 * (name, bytes, length), so templates ship inside the binary.  The name is
 * the file's base name. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	puts("#include <stddef.h>\n#include \"embedded.h\"");
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		printf("static const char file%d[] = {", i);
		int c;
		size_t n = 0;
		/* bytes past 127 as their signed value, so UTF-8 text fits a
		 * plain char array on a signed-char platform without a warning */
		while ((c = getc(f)) != EOF)
			printf("%s%d,", n++ % 20 ? "" : "\n",
			       c > 127 && CHAR_MIN < 0 ? c - 256 : c);
		printf("0};\n");
		fclose(f);
	}
	puts("const struct embedded_file embedded_files[] = {");
	for (int i = 1; i < argc; i++) {
		const char *base = strrchr(argv[i], '/');
		base = base ? base + 1 : argv[i];
		printf("\t{\"%s\", file%d, sizeof(file%d) - 1},\n", base, i, i);
	}
	puts("\t{NULL, NULL, 0}\n};");
	return 0;
}
