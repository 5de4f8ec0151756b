# ttfv - time-to-first-value reports from customer-success exports.
#
#   make          build ./ttfv
#   make demo     install missing build dependencies, build, render samples/
#   make check    the same set-up, then every test (the man pages linted by
#                 mandoc and rendered by man without a warning among them),
#                 then again under ASan+UBSan (the database tests of
#                 `ttfv sql` once, with the plain build)
#   make install  ttfv, ttfv.1, ttfv.ini.5 and the bash completion under
#                 DESTDIR/PREFIX (default /usr/local)
#   make bench    the SPEC section 6 benchmark
#   make fuzz     run each libFuzzer target for FUZZ_SECONDS
#
# BUILD names the object directory, so several builds (plain, sanitized,
# fuzz) live side by side.

CC      ?= cc
BUILD   ?= build
PKGS    := cairo fontconfig libcmark-gfm inih glib-2.0 libpng zlib
WARN    := -std=c11 -Wall -Wextra -Werror -pedantic -Wstrict-prototypes \
           -Wno-overlength-strings
OPT     ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -I$(BUILD)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  += $(WARN) $(OPT) $(PKG_CFLAGS) -MMD -MP
LDLIBS  += $(PKG_LIBS) -lcmark-gfm-extensions -lcsv -lm -lpthread

ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
# libFuzzer build (clang): instrument everything, link each target with
# the fuzzer's own main.
ifeq ($(SAN),fuzz)
CFLAGS  += -fsanitize=fuzzer-no-link,address,undefined \
           -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

SRCS      := $(wildcard gen/*.c)
OBJS      := $(SRCS:gen/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
LIBOBJS   := $(filter-out $(BUILD)/main.o,$(OBJS))
TEMPLATES := $(sort $(wildcard templates/*))
TESTSRCS  := $(wildcard tests/test_*.c)
TESTBINS  := $(TESTSRCS:tests/%.c=$(BUILD)/tests/%)
FUZZSRCS  := $(wildcard tests/fuzz_*.c)
FUZZSRCS  := $(filter-out tests/fuzz_replay.c,$(FUZZSRCS))
REPLAYS   := $(FUZZSRCS:tests/fuzz_%.c=$(BUILD)/tests/replay_%)
FUZZERS   := $(FUZZSRCS:tests/fuzz_%.c=$(BUILD)/fuzz_%)
FUZZ_SECONDS ?= 60

ifeq ($(BUILD),build)
TTFV := ttfv
else
TTFV := $(BUILD)/ttfv
endif

.PHONY: all deps demo check test test-san bench fuzz fuzz-run clean install
all: $(TTFV)

deps:
	@sh tools/deps.sh

$(TTFV): $(BUILD)/main.o $(BUILD)/libttfv.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libttfv.a: $(LIBOBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: gen/%.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Templates and the HTML shell are compiled in, so ./ttfv runs anywhere.
$(BUILD)/bin2c: tools/bin2c.c | $(BUILD)
	$(CC) $(WARN) -O2 -o $@ $<
$(BUILD)/embedded.c: $(BUILD)/bin2c $(TEMPLATES)
	$(BUILD)/bin2c $(TEMPLATES) > $@.tmp && mv $@.tmp $@
$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/harness.h $(BUILD)/libttfv.a | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libttfv.a $(LDLIBS)

# Each fuzz target, replayed over its corpus without libFuzzer.
$(BUILD)/tests/replay_%: tests/fuzz_%.c tests/fuzz_replay.c $(BUILD)/libttfv.a | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz_replay.c $(BUILD)/libttfv.a $(LDLIBS)

$(BUILD)/fuzz_%: tests/fuzz_%.c $(BUILD)/libttfv.a
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libttfv.a $(LDLIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# The database tests run `ttfv sql`'s queries on PostgreSQL and DuckDB;
# what they prove does not depend on how ttfv was built, so they run once,
# with the plain build, and not again under the sanitizers.
DBTESTS := $(wildcard tests/db_sql_*.sh)

test: $(TTFV) $(TESTBINS) $(REPLAYS)
	@sh tests/run.sh $(BUILD) $(TTFV) $(if $(SAN),,$(DBTESTS))

test-san:
	@echo "test-san: the database tests ($(DBTESTS)) run only in the plain pass (make test)"
	@$(MAKE) --no-print-directory BUILD=build-san SAN=1 OPT="-O1 -g" test

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test-san

demo: deps
	@$(MAKE) --no-print-directory all
	./ttfv report --out report samples

$(BUILD)/csvscan: tools/csvscan.c | $(BUILD)
	$(CC) $(WARN) -O2 -o $@ $< -lcsv

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/csvscan
	@sh tools/bench.sh ./$(TTFV) $(BUILD)/csvscan

# Runs every target for FUZZ_SECONDS, growing build-fuzz/corpus/NAME from
# the seeds in tests/fuzz/NAME; a crashing input lands in build-fuzz/ as
# crash-*: add it to tests/fuzz/NAME so `make check` replays it forever.
fuzz: deps
	@command -v clang >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		apt-get -o DPkg::Lock::Timeout=600 install -y -qq clang libclang-rt-dev >/dev/null; } || \
		{ echo "make fuzz needs clang: apt-get install clang libclang-rt-dev" >&2; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build-fuzz SAN=fuzz CC=clang \
		OPT="-O1 -g" fuzz-run

fuzz-run: $(FUZZERS)
	@for f in $(FUZZERS); do \
		name=$${f##*/fuzz_}; mkdir -p $(BUILD)/corpus/$$name; \
		echo "fuzz $$name for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=$(BUILD)/ -print_final_stats=1 \
			$(BUILD)/corpus/$$name tests/fuzz/$$name 2>&1 | \
			grep -E "stat::number_of_executed_units|ERROR|SUMMARY|Done" || exit 1; \
	done

clean:
	rm -rf build build-san build-fuzz ttfv report

# The binary, its man pages (man1, man5) and its bash completion; DESTDIR
# for staging (packages), PREFIX for the tree.
PREFIX  ?= /usr/local
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
install: $(TTFV)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(TTFV) $(DESTDIR)$(PREFIX)/bin/ttfv
	install -m 644 man/ttfv.1 $(DESTDIR)$(MANDIR)/man1/ttfv.1
	install -m 644 man/ttfv.ini.5 $(DESTDIR)$(MANDIR)/man5/ttfv.ini.5
	install -m 644 completion/ttfv.bash $(DESTDIR)$(BASHCOMPDIR)/ttfv

-include $(OBJS:.o=.d) $(wildcard $(BUILD)/tests/*.d)
