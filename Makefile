# neuroglow — two commands are the whole set-up on a fresh Debian machine:
#   make run    install what is missing, build in release, open the live window
#   make test   install what is missing (plus Xvfb, xdotool, openbox and ffmpeg for the tests), run every test
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/release/neuroglow
APT_INSTALL = $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends
# Built for the machine it runs on: where the processor has AVX2 (and the rest of Haswell's set),
# the mini-batch kernels' eight-lane sums run as two 4-wide operations instead of four 2-wide
# ones (digits, 144-32-10: batch 32 trains 40 % faster, batch 1 8 %). The weights stay the same
# bit for bit: Swift never fuses a multiply and an add, and e^x is the core's own (`Exponential`).
# Elsewhere, the generic instruction set.
CPU_FLAGS := $(shell for f in avx2 fma bmi1 bmi2 movbe f16c abm; do grep -qw $$f /proc/cpuinfo 2>/dev/null || exit; done; \
	echo -Xswiftc -target-cpu -Xswiftc haswell)

.PHONY: run build test deps test-deps bench soak chaos check-asan check-valgrind format lint clean

run: deps build
	$(BIN) $(ARGS)

build: deps
	$(SWIFT) build -c release $(CPU_FLAGS)

# SDL2 and SDL2_ttf from Debian, only when pkg-config cannot find them.
deps:
	@if ! pkg-config --exists SDL2_ttf sdl2 2>/dev/null; then \
		echo "installing SDL2 and SDL2_ttf (apt-get)"; \
		$(SUDO) apt-get update && $(APT_INSTALL) pkg-config libsdl2-dev libsdl2-ttf-dev; \
	fi

# What the tests need beyond the build: a private X server, a way to click in it, a window
# manager (openbox, driven by wmctrl) for minimising, focus and the close button, and ffmpeg
# (with ffprobe) for video recordings — a runtime dependency only of `record FILE.mp4`.
test-deps: deps
	@if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v xvfb-run >/dev/null \
		|| ! command -v openbox >/dev/null || ! command -v wmctrl >/dev/null \
		|| ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null; then \
		echo "installing Xvfb, xdotool, openbox, wmctrl and ffmpeg (apt-get)"; \
		$(SUDO) apt-get update && $(APT_INSTALL) xvfb xauth xdotool openbox wmctrl ffmpeg; \
	fi

test: test-deps lint
	$(SWIFT) build -c release $(CPU_FLAGS)
	NEUROGLOW_BINARY=$(CURDIR)/$(BIN) $(SWIFT) test $(CPU_FLAGS)

bench: build test-deps
	$(BIN) bench

# A 10-minute live session under Xvfb, reporting memory and frame time (not part of `make test`).
soak: build test-deps
	scripts/soak.sh

# 30 minutes of the live window driven at random (seeded) by a restless user: clicks, scrolls,
# every key, resizes, minimise/restore, recordings into a small tmpfs that fills up, several data
# sets and shapes. Reports crashes, fps and p99 per minute, memory, recordings (not in `make test`).
chaos: build test-deps
	@command -v python3 >/dev/null || { $(SUDO) apt-get update && $(APT_INSTALL) python3; }
	scripts/chaos.py $(CHAOS_ARGS)

# The whole suite under AddressSanitizer (memory errors; the built binary too), then the SDL
# layer's tests again in process with LeakSanitizer on. (Leak reports from the window tests'
# X11/Mesa/D-Bus libraries are theirs, not ours, so leaks are checked where SDL runs offscreen.)
check-asan: test-deps
	$(SWIFT) build -c debug --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 NEUROGLOW_BINARY=$(CURDIR)/.build-asan/debug/neuroglow \
		$(SWIFT) test --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt \
		$(SWIFT) test --sanitize=address --scratch-path .build-asan --filter SDLPlatformTests

# valgrind over a headless recording, a short live session and the SDL layer's tests: it sees
# inside SDL (use-after-free of textures, windows), which AddressSanitizer does not.
check-valgrind: build test-deps
	@command -v valgrind >/dev/null || { $(SUDO) apt-get update && $(APT_INSTALL) valgrind; }
	scripts/check-valgrind.sh

# swift-format (shipped with the toolchain), configured by .swift-format: 4 spaces, 120 columns.
SWIFT_SOURCES := Sources Tests Package.swift
format:
	swift-format format --in-place --recursive --parallel $(SWIFT_SOURCES)

# The formatter's check, plus the lines it cannot break (long string literals): none over 120.
lint:
	swift-format lint --strict --recursive --parallel $(SWIFT_SOURCES)
	@if LC_ALL=C.UTF-8 grep -rnE '^.{121,}' --include='*.swift' $(SWIFT_SOURCES); then \
		echo "lines over 120 characters (above): split them"; exit 1; fi

clean:
	rm -rf .build .build-asan
