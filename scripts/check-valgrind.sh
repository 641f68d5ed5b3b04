#!/usr/bin/env bash
# valgrind over what touches SDL (it sees inside SDL, where AddressSanitizer does not): headless
# recordings and live sessions in a private X server, of a small network (synapses drawn
# directly) and of a 64-32-32-10 one (synapses in cached target textures, drawn ahead, evicted
# and dropped at teardown). Fails on any invalid read, write or free (scripts/valgrind.supp
# explains each suppression). Not part of `make test`: under valgrind it takes a few minutes.
#
# The SDL layer's unit tests are not run under valgrind: valgrind 3.19 crashes itself (internal
# SIGSEGV) as the Swift Testing runner starts its threads. `make check-asan` runs them under
# AddressSanitizer and LeakSanitizer instead.
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

# 64 inputs, 10 one-hot targets: 64-32-32-10 has 3,392 synapses, past the direct-drawing limit.
large="$work/large.csv"
{
    for i in $(seq 0 63); do printf 'x%d,' "$i"; done
    printf 'y0'; for j in $(seq 1 9); do printf ',y%d' "$j"; done; printf '\n'
    for row in $(seq 0 19); do
        for i in $(seq 0 63); do printf '%d,' $(( (row * 7 + i * 3) % 5 )); done
        printf '%d' $(( row % 10 == 0 )); for j in $(seq 1 9); do printf ',%d' $(( row % 10 == j )); done; printf '\n'
    done
} > "$large"
shape=(--dataset "$large" --layers 64,32,32,10 --iterations 30 --keyframes 4 --beat 12)

echo "valgrind: neuroglow record of 64-32-32-10 (cached synapse layers, 30 frames)"
"${memcheck[@]}" "$bin" record "$work/large-frames" --frames 30 "${shape[@]}" >/dev/null

echo "valgrind: neuroglow live window of 64-32-32-10 under Xvfb (12 s)"
xvfb-run -a "${memcheck[@]}" "$bin" --seconds 12 "${shape[@]}" --size 640x360 --no-vsync

echo "valgrind: no invalid reads or writes"
