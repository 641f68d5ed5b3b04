#!/usr/bin/env bash
# A long live session under a private X server: reports resident memory (start, end, peak) and
# frame times from the app's own `stats` events. Not part of `make test`.
#   scripts/soak.sh [SECONDS] [extra neuroglow options...]
set -euo pipefail
seconds=${1:-600}; shift || true
cd "$(dirname "$0")/.."
bin=.build/release/neuroglow
events=$(mktemp /tmp/neuroglow-soak-XXXXXX.jsonl)
for n in $(seq 120 160); do [ -e /tmp/.X$n-lock ] || break; done
Xvfb :$n -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:$n "$bin" --seconds "$seconds" --events "$events" "$@"
python3 - "$events" <<'PY'
import json, sys
stats = [e for e in map(json.loads, open(sys.argv[1])) if e.get("event") == "stats"]
if not stats:
    sys.exit("no stats events: the session was shorter than one stats interval")
rss = [s["resident_mb"] for s in stats]
print(f"{len(stats)} intervals of 600 frames, {stats[-1]['frames']} frames in all")
print(f"resident memory MB: start {rss[0]:.1f}  end {rss[-1]:.1f}  peak {max(rss):.1f}")
print(f"fps per interval: min {min(s['fps'] for s in stats):.1f}  max {max(s['fps'] for s in stats):.1f}")
print(f"frame work ms: median of medians {sorted(s['frame_ms_median'] for s in stats)[len(stats)//2]:.2f}  "
      f"worst p99 {max(s['frame_ms_p99'] for s in stats):.2f}  worst max {max(s['frame_ms_max'] for s in stats):.2f}")
PY
