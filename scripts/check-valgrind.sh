#!/usr/bin/env bash
# valgrind over what touches SDL (it sees inside SDL, where AddressSanitizer does not):
#   1. a headless recording, 2. a short live session in a private X server, 3. the SDL layer's
#   unit tests. Fails on any invalid read, write or free (scripts/valgrind.supp explains the one
#   suppression). Not part of `make test`: under valgrind it takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/neuroglow
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
memcheck=(valgrind --quiet --error-exitcode=99 --suppressions=scripts/valgrind.supp --errors-for-leak-kinds=none)

echo "valgrind: neuroglow record (headless, 3 frames)"
"${memcheck[@]}" "$bin" record "$work/frames" --frames 3 --iterations 200 --keyframes 4 >/dev/null

echo "valgrind: neuroglow live window under Xvfb (8 s)"
xvfb-run -a "${memcheck[@]}" "$bin" --seconds 8 --iterations 200 --keyframes 4 --size 640x360 --no-vsync

echo "valgrind: the SDL layer's tests"
swift build --build-tests >/dev/null
"${memcheck[@]}" .build/debug/neuroglowPackageTests.xctest --testing-library swift-testing \
    --filter "SDLPlatformTests" 2>&1 | tail -3
echo "valgrind: no invalid reads or writes"
