/* fuzz_replay.c - runs a libFuzzer target's entry point over files, without
 * libFuzzer, so `make check` replays every fuzz corpus (and every input that
 * once crashed) under the plain and the sanitizer builds.
 * usage: replay_NAME FILE|DIR...   prints "NAME: N passed, 0 failed" */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 1 << 16, len = 0;
	uint8_t *data = malloc(cap);
	size_t got;
	while (data && (got = fread(data + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			uint8_t *more = realloc(data, cap *= 2);
			if (!more) {
				free(data);
				data = NULL;
			}
			data = more;
		}
	}
	fclose(f);
	if (!data)
		return -1;
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int replay_path(const char *path, size_t *n)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*n)++;
		return replay_file(path);
	}
	struct dirent **names;
	int count = scandir(path, &names, NULL, alphasort);
	if (count < 0) {
		perror(path);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < count; i++) {
		if (names[i]->d_name[0] != '.' && rc == 0) {
			char sub[4096];
			snprintf(sub, sizeof(sub), "%s/%s", path, names[i]->d_name);
			rc = replay_path(sub, n);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	name = name ? name + 1 : argv[0];
	size_t n = 0;
	for (int i = 1; i < argc; i++)
		if (replay_path(argv[i], &n) < 0) {
			printf("%s: 0 passed, 1 failed\n", name);
			return 1;
		}
	/* a crash, a sanitizer report or a leak ends the process before this */
	printf("%s: %zu passed, 0 failed\n", name, n);
	return 0;
}
