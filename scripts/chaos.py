#!/usr/bin/env python3
"""Chaos soak: the live window under Xvfb and openbox, driven at random (seeded) like a restless user.

Clicks inputs and empty space, scrolls, presses every documented key, resizes, minimises and
restores, starts and stops recordings into a size-limited tmpfs that fills up, across several
data sets and shapes (one neuroglow process per session, ended by q, Escape or the close
button). Reports crashes, frames, fps and p99 per minute, resident memory of each session at its
start, after its first minute and at its end (both calmed down to the starting state: growth is
measured between those two; before the first minute each session visits its extremes once, the
largest window recording with dashed lines, since buffers sized by the largest frame seen are kept
on purpose and are a high-water mark, not growth), recordings started / finished / stopped by a full disk or a resize,
and checks every recording's frames against its manifest.

    scripts/chaos.py [--minutes 30] [--seed 1] [--session-minutes 5] [--tmpfs-mb 256]

Needs root for the tmpfs mount (else it records into an ordinary temporary folder and says so).
Exit status: 0 when there was no crash, no broken recording and no memory growth beyond 5 %.
"""
import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build/release/neuroglow")
SIZE = (960, 540)
LARGEST = (1499, 849)   # the largest window a resize asks for
WARM_UP_SECONDS = 12
CALM_SECONDS = 4
SETTLE_SECONDS = 60
QUIT_KEYS = ["q", "Escape"]
KEYS = ["space", "Right", "Left", "shift+Right", "shift+Left", "End", "m", "plus", "minus", "Home", "BackSpace",
        "h", "F1", "f", "p", "d", "w", "r", "s", "ctrl+s"]


def large_csv(path):
    """64 inputs, 10 one-hot targets: a network too large to draw every synapse directly."""
    with open(path, "w") as f:
        f.write(",".join([f"x{i}" for i in range(64)] + [f"y{j}" for j in range(10)]) + "\n")
        for row in range(40):
            inputs = [str((row * 7 + i * 3) % 5) for i in range(64)]
            targets = ["1" if row % 10 == j else "0" for j in range(10)]
            f.write(",".join(inputs + targets) + "\n")


def sessions(csv):
    return [
        ["--dataset", "xor3"],
        ["--dataset", "circle", "--layers", "2,8,8,1", "--activation", "tanh", "--learning-rate", "0.1"],
        ["--dataset", "spiral", "--layers", "2,16,16,1", "--activation", "relu", "--learning-rate", "0.05"],
        ["--dataset", csv, "--layers", "64,32,32,10", "--iterations", "2000"],
        ["--dataset", "parity4", "--layers", "4,8,1", "--momentum", "0.5"],
        ["--dataset", "gauss", "--layers", "2,4,2,1", "--palette", "colorblind", "--dashed"],
    ]


class Display:
    """A private X server with openbox, every child started with an ordinary signal mask."""

    def __init__(self):
        read, write = os.pipe()
        self.server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
            pass_fds=[write], stderr=subprocess.DEVNULL)
        os.close(write)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk:
                sys.exit("Xvfb did not start")
            number += chunk
        os.close(read)
        self.env = dict(os.environ, DISPLAY=":" + number.decode().strip())
        self.wm = subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if self.run(["wmctrl", "-m"]).returncode == 0:
                break
            time.sleep(0.1)

    def run(self, args, timeout=15):
        try:
            return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(args, 124, "", "timeout")

    def close(self):
        for p in (self.wm, self.server):
            p.kill()
            p.wait()


class Events:
    """Reads a growing JSON Lines file; remembers when each line was first seen."""

    def __init__(self, path):
        self.path, self.offset, self.items = path, 0, []

    def poll(self):
        try:
            with open(self.path) as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return []
        complete = data[: data.rfind("\n") + 1]
        self.offset += len(complete.encode())
        new = [dict(json.loads(line), seen=time.time()) for line in complete.splitlines() if line.strip()]
        self.items += new
        return new

    def last(self, kind):
        return next((e for e in reversed(self.items) if e["event"] == kind), None)


def check_recording(folder):
    """Whole frames 0…n−1, each a 24-bit BMP whose size matches its header, n = the manifest's count."""
    manifest = json.load(open(os.path.join(folder, "session.json")))
    names = sorted(n for n in os.listdir(folder) if n.startswith("frame_"))
    problems = []
    if names != [f"frame_{k:06d}.bmp" for k in range(len(names))]:
        problems.append(f"frame files not whole and in order: {names[-3:]}")
    if manifest["frames"] != len(names):
        problems.append(f"manifest says {manifest['frames']} frames, folder holds {len(names)}")
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            header = f.read(30)
            size = os.fstat(f.fileno()).st_size
        if len(header) < 30 or header[:2] != b"BM" or struct.unpack("<I", header[2:6])[0] != size \
                or struct.unpack("<H", header[28:30])[0] != 24:
            problems.append(f"{name} is not a whole 24-bit BMP")
            break
    return len(names), manifest.get("stopped_early"), problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--session-minutes", type=float, default=5)
    parser.add_argument("--tmpfs-mb", type=int, default=256)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    work = tempfile.mkdtemp(prefix="neuroglow-chaos-")
    disk = os.path.join(work, "disk")
    os.makedirs(disk)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={options.tmpfs_mb}m", "tmpfs", disk]).returncode == 0
    print(f"chaos: seed {options.seed}, {options.minutes:g} min, recordings into "
          + (f"a {options.tmpfs_mb} MB tmpfs" if mounted else "an ordinary folder (not root: no tmpfs)"), flush=True)
    csv = os.path.join(work, "large.csv")
    large_csv(csv)
    x = Display()
    report = {"seed": options.seed, "crashes": [], "sessions": [], "minutes": {}, "recordings": {
        "started": 0, "finished": 0, "stopped_by_full_disk": 0, "stopped_by_a_resize": 0, "stopped_otherwise": 0, "broken": []}}
    deadline = time.time() + options.minutes * 60
    start = time.time()
    index = 0
    try:
        while time.time() < deadline:
            arguments = sessions(csv)[index % len(sessions(csv))]
            index += 1
            seconds = max(10, min(options.session_minutes * 60, deadline - time.time()))
            run_session(x, arguments, seconds, disk, rng, report, start)
    finally:
        x.close()
        if mounted:
            subprocess.run(["umount", disk])
        shutil.rmtree(work, ignore_errors=True)
    return summarise(report)


def resident_mb(pid):
    """The process's resident memory now, from /proc (None once it has gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            line = next(l for l in f if l.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024
    except (OSError, StopIteration):
        return None


def run_session(x, arguments, seconds, disk, rng, report, start):
    """One neuroglow process: warm up, measure memory, chaos, calm down to the starting state,
    measure memory again, then quit the way a user would (q, Escape or the close button)."""
    events_path = os.path.join(os.path.dirname(disk), f"events-{len(report['sessions'])}.jsonl")
    command = [BINARY, "--seconds", str(int(seconds) + 120), "--size", f"{SIZE[0]}x{SIZE[1]}",
               "--events", events_path] + arguments
    app = subprocess.Popen(command, cwd=disk, env=x.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    events = Events(events_path)
    found = x.run(["xdotool", "search", "--sync", "--name", "neuroglow"], timeout=30).stdout.split()
    window = found[0] if found else None
    began = time.time()

    def pump():
        for e in events.poll():
            account(e, report, start, disk)

    time.sleep(WARM_UP_SECONDS)
    resident = {"start": resident_mb(app.pid)}
    actions = 0

    def chaos_until(seconds_since_start):
        nonlocal actions
        while app.poll() is None and window and time.time() - began < seconds_since_start:
            pump()
            act(x, window, events.last("layout"), rng)
            actions += 1
            time.sleep(rng.uniform(0.15, 0.9))
            if rng.random() < 0.05:
                sweep(disk)

    def calm_down():
        """Back to the starting state: no recording, shown, at the starting size."""
        pump()
        last_record = events.last("record")
        if last_record and last_record["state"] == "started":
            x.run(["xdotool", "key", "--window", window, "r"])
        x.run(["wmctrl", "-i", "-a", window])
        x.run(["xdotool", "windowsize", window, str(SIZE[0]), str(SIZE[1])])
        time.sleep(CALM_SECONDS)
        return resident_mb(app.pid)

    # One-time costs (code first touched by a recording, thread stacks, the allocator's pools for
    # frame-sized buffers, cached layers in the largest window's size) come in the first minute;
    # growth is measured from there to the end.
    if window:
        visit_extremes(x, window)
    chaos_until(min(seconds / 2, SETTLE_SECONDS))
    if app.poll() is None and window:
        resident["settled"] = calm_down()
    chaos_until(seconds)
    quit_by = None
    if app.poll() is None and window:
        resident["end"] = calm_down()
        quit_by = rng.choice(QUIT_KEYS + ["close button"])
        if quit_by == "close button":
            x.run(["wmctrl", "-i", "-c", window])
        else:
            x.run(["xdotool", "key", "--window", window, quit_by])
    try:
        status = app.wait(timeout=30)
    except subprocess.TimeoutExpired:
        app.kill()
        status = "did not quit within 30 s of " + str(quit_by)
    stderr = app.stderr.read()
    release_keys(x)
    pump()
    sweep(disk)
    stats = [e for e in events.items if e["event"] == "stats"]
    session = {"arguments": arguments, "exit": status, "actions": actions, "quit_by": quit_by,
               "frames": stats[-1]["frames"] if stats else 0,
               "resident": resident}
    report["sessions"].append(session)
    if status != 0 or window is None:
        log = os.path.join(tempfile.gettempdir(), f"neuroglow-chaos-session-{len(report['sessions'])}.stderr")
        with open(log, "w") as f:
            f.write(stderr)
        first = next((line for line in stderr.splitlines() if "error" in line.lower() or "crash" in line.lower()), "")
        report["crashes"].append({"arguments": arguments, "exit": status, "first": first, "log": log,
                                  "window": window is not None})
    print(f"chaos: session {len(report['sessions'])} {' '.join(arguments)}: exit {status} after {quit_by}, "
          f"{actions} actions, {session['frames']} frames, resident MB at start {mb(resident.get('start'))}, "
          f"settled {mb(resident.get('settled'))}, end {mb(resident.get('end'))}",
          flush=True)


def visit_extremes(x, window):
    """The largest window, recording, with dashed lines and a screenshot: the most the session's
    frame-sized buffers (cached layers, the recorder's, the renderer's vertices) will ever hold."""
    x.run(["xdotool", "windowsize", window, str(LARGEST[0]), str(LARGEST[1])])
    time.sleep(1)
    for key, pause in [("d", 1), ("r", 3), ("r", 0.5), ("s", 0.5), ("d", 1)]:
        x.run(["xdotool", "key", "--window", window, key])
        time.sleep(pause)


def release_keys(x):
    """Releases every key this script presses. `xdotool key --window W q` presses q through XTEST
    when W has the focus, but W closes on the press and xdotool then fails to send the release to
    it: the X server keeps q down, and the next window, reconciling the keyboard when it gains
    focus, reads q pressed and quits at once."""
    x.run(["xdotool", "keyup"] + QUIT_KEYS + KEYS)


def mb(value):
    return "?" if value is None else f"{value:.1f}"


def act(x, window, layout, rng):
    roll = rng.random()
    if roll < 0.30 and layout:
        inputs = [n for n in layout["neurons"] if n["layer"] == 0]
        n = rng.choice(inputs)
        button = "3" if rng.random() < 0.1 else "1"
        x.run(["xdotool", "mousemove", "--window", window, str(int(n["x"])), str(int(n["y"])), "click", button])
    elif roll < 0.40 and layout:
        n = rng.choice([n for n in layout["neurons"] if n["layer"] == 0])
        x.run(["xdotool", "mousemove", "--window", window, str(int(n["x"])), str(int(n["y"])),
               "click", rng.choice(["4", "5"])])
    elif roll < 0.45 and layout:   # scrub: drag along the timeline
        strip = next((a for a in layout.get("areas", []) if a["kind"] == "timeline"), None)
        if strip:
            y = str(int(strip["y"] + strip["height"] / 2))
            xs = [str(int(strip["x"] + rng.random() * strip["width"])) for _ in range(3)]
            x.run(["xdotool", "mousemove", "--window", window, xs[0], y, "mousedown", "1",
                   "mousemove", "--window", window, xs[1], y, "mousemove", "--window", window, xs[2], y, "mouseup", "1"])
    elif roll < 0.50:
        w, h = (layout or {}).get("width", 960), (layout or {}).get("height", 540)
        x.run(["xdotool", "mousemove", "--window", window, str(rng.randrange(w)), str(rng.randrange(h)),
               "click", "1"])
    elif roll < 0.80:
        x.run(["xdotool", "key", "--window", window, rng.choice(KEYS)])
    elif roll < 0.85:   # a short recording: some finish, some meet the full disk
        x.run(["xdotool", "key", "--window", window, "r"])
        time.sleep(rng.uniform(0.2, 5))
        x.run(["xdotool", "key", "--window", window, "r"])
    elif roll < 0.93:
        x.run(["xdotool", "windowsize", window, str(rng.randrange(400, LARGEST[0] + 1)),
               str(rng.randrange(300, LARGEST[1] + 1))])
    else:
        x.run(["xdotool", "windowminimize", window])
        time.sleep(rng.uniform(0.2, 2))
        x.run(["wmctrl", "-i", "-a", window])


def account(event, report, start, disk):
    kind = event["event"]
    if kind == "stats":
        minute = int((event["seen"] - start) // 60)
        report["minutes"].setdefault(minute, []).append(event)
    elif kind == "record" and event["state"] == "started":
        report["recordings"]["started"] += 1
    elif kind == "record" and event["state"] == "stopped":
        reason = event.get("reason")
        key = ("finished" if reason is None else "stopped_by_full_disk" if "no space" in reason.lower()
               else "stopped_by_a_resize" if "resized" in reason else "stopped_otherwise")
        report["recordings"][key] += 1
        folder = os.path.join(disk, event["dir"])
        if os.path.isdir(folder):
            count, stopped, problems = check_recording(folder)
            if problems:
                report["recordings"]["broken"].append({"dir": event["dir"], "problems": problems})
            shutil.rmtree(folder, ignore_errors=True)


def sweep(disk):
    """Screenshots and saved models fill the disk too; remove them (recordings go when they stop)."""
    for name in os.listdir(disk):
        if name.startswith("neuroglow-frame-") or name.startswith("neuroglow-model-"):
            os.remove(os.path.join(disk, name))


def summarise(report):
    recordings = report["recordings"]
    print("\nchaos report")
    print(f"  sessions {len(report['sessions'])}, crashes {len(report['crashes'])}")
    for c in report["crashes"]:
        print(f"    crash: {' '.join(c['arguments'])}: exit {c['exit']}, window {'shown' if c['window'] else 'never found'}: "
              f"{c['first']} (whole standard error in {c['log']})")
    print(f"  frames rendered {sum(s['frames'] for s in report['sessions'])}")
    for minute in sorted(report["minutes"]):
        stats = report["minutes"][minute]
        fps = sorted(s["fps"] for s in stats)
        print(f"  minute {minute:2d}: fps median {fps[len(fps) // 2]:5.1f} (lowest {fps[0]:5.1f}), "
              f"frame work p99 {max(s['frame_ms_p99'] for s in stats):6.1f} ms")
    growth = []
    print(f"  resident memory: {WARM_UP_SECONDS} s after start, settled (after the first minute of chaos, calmed "
          "down to the starting state), end (calmed down likewise):")
    for s in report["sessions"]:
        r = s["resident"]
        if r.get("settled") and r.get("end"):
            change = (r["end"] - r["settled"]) / r["settled"] * 100
            growth.append(change)
            print(f"    {mb(r.get('start'))} / {r['settled']:.1f} → {r['end']:.1f} MB ({change:+.1f} %), "
                  f"{s['frames']} frames, {s['actions']} actions: {' '.join(s['arguments'])}")
    print(f"  recordings: started {recordings['started']}, finished {recordings['finished']}, "
          f"stopped by a full disk {recordings['stopped_by_full_disk']}, "
          f"stopped by a resize {recordings['stopped_by_a_resize']}, "
          f"stopped otherwise {recordings['stopped_otherwise']}, broken {len(recordings['broken'])}")
    for b in recordings["broken"]:
        print(f"    broken: {b}")
    ok = not report["crashes"] and not recordings["broken"] and all(g <= 5 for g in growth)
    print("  result: " + ("no crash, every recording whole, memory within 5 %" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
