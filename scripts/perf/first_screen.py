#!/usr/bin/env python3
"""Time to first screen in a real terminal, diglot against less.

A private tmux server (`tmux -L perf -f /dev/null`) runs each program in a
new 160x50 session. The clock starts just before the session (and so the
program) is started and stops when `capture-pane` first shows the finished
screen: for diglot the status line's "side by side" (the status line is the
last row ratatui writes in a frame), for less the first non-blank line of
the Chinese file. Every diglot run gets a fresh, empty DIGLOT_DATA_DIR, so
no saved position moves it. Sizes: the embedded pair as files (N = 1) and
the pair 1000 times its size (N = 1000). Runs alternate between the two
programs; medians are reported side by side.

Two ways to poll, because polling itself takes CPU, and on a 2-CPU machine
whatever runs beside the program slows it down (docs/PERFORMANCE.md):

  --poll spawn    a new `tmux capture-pane` client per poll, back to back, as
                  fast as they can be started (each costs a few ms of CPU);
  --poll control  (default) one tmux control-mode client (`tmux -C`) that
                  is sent `capture-pane` every millisecond: no process per
                  poll, resolution about a millisecond.

Usage: scripts/perf/first_screen.py [--runs N] [--poll control|spawn] [--out DIR]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOCKET = "perf"
TIMEOUT_S = 30.0
POLL_S = float(os.environ.get("POLL_S", "0.001"))


def tmux(*args, **kwargs):
    return subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *args],
        check=False,
        capture_output=True,
        text=True,
        **kwargs,
    )


def quote(words):
    return " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)


class Control:
    """A tmux control-mode client: commands in, replies out, one process."""

    def __init__(self):
        self.proc = subprocess.Popen(
            ["tmux", "-L", SOCKET, "-f", "/dev/null", "-C", "attach", "-t", "idle"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )
        # Whatever the attach itself prints comes back before this reply.
        self.command("display-message -p ready")

    def command(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        out, inside = [], False
        for raw in self.proc.stdout:
            text = raw.rstrip("\n")
            if text.startswith("%begin"):
                inside, out = True, []
            elif text.startswith("%end") or text.startswith("%error"):
                if inside:
                    return "\n".join(out)
            elif inside:
                out.append(text)
        raise RuntimeError("tmux control client ended")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=5)


def time_to_screen(command, wanted, poll, control):
    """Milliseconds from starting `command` to `wanted` on its screen."""
    # Several words: tmux runs the program directly, without a shell.
    new = ["new-session", "-d", "-s", "run", "-x", "160", "-y", "50"]
    start = time.perf_counter()
    if poll == "control":
        control.command(" ".join(new) + " " + quote(command))
    else:
        tmux(*new, *command)
    try:
        while True:
            if poll == "control":
                screen = control.command("capture-pane -p -t run")
            else:
                screen = tmux("capture-pane", "-p", "-t", "run").stdout
            now = time.perf_counter()
            if wanted in screen:
                return (now - start) * 1000
            if now - start > TIMEOUT_S:
                raise RuntimeError(f"timed out waiting for {wanted!r}")
            if poll == "control":
                time.sleep(POLL_S)
    finally:
        close_session("run")


def close_session(name):
    """Kills a session and waits until its program has exited, so that no
    run overlaps the next one. (A reader whose terminal hangs up keeps a CPU
    busy until it exits, most of a second: left running, those made later
    runs slower and slower.)"""
    panes = tmux("list-panes", "-t", name, "-F", "#{pane_pid}").stdout.split()
    tmux("kill-session", "-t", name)
    deadline = time.monotonic() + 10
    for pid in panes:
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.01)


def reader_memory(diglot, zh, en, scratch, control, poll):
    """Peak resident memory of the reader (VmHWM, KiB) once its first screen
    is drawn, and again after a search for "money" (which builds the search
    index)."""
    data = tempfile.mkdtemp(dir=scratch)
    command = ["env", f"DIGLOT_DATA_DIR={data}", diglot, str(zh), str(en)]
    new = ["new-session", "-d", "-s", "mem", "-x", "160", "-y", "50"]
    if poll == "control":
        control.command(" ".join(new) + " " + quote(command))
    else:
        tmux(*new, *command)

    def wait_for(wanted):
        deadline = time.monotonic() + TIMEOUT_S
        while wanted not in tmux("capture-pane", "-p", "-t", "mem").stdout:
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {wanted!r}")
            time.sleep(0.01)

    def peak():
        pid = tmux("list-panes", "-t", "mem", "-F", "#{pane_pid}").stdout.split()[0]
        status = Path(f"/proc/{pid}/status").read_text()
        return next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM"))

    try:
        wait_for("side by side")
        first = peak()
        tmux("send-keys", "-t", "mem", "/", "m", "o", "n", "e", "y", "Enter")
        wait_for("/money hit")
        return first, peak()
    finally:
        close_session("mem")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--poll", choices=["control", "spawn"], default="control")
    parser.add_argument("--out", default=str(ROOT / "target" / "perf"))
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)

    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "diglot", "--example", "scaled_pair"],
        cwd=ROOT,
        check=True,
    )
    diglot = str(ROOT / "target" / "release" / "diglot")
    big = out / "n1000"
    if not (big / "zh.md").exists() or not (big / "en.md").exists():
        subprocess.run(
            [str(ROOT / "target/release/examples/scaled_pair"), "1000", str(big)],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    scratch = Path(tempfile.mkdtemp(prefix="diglot-perf-"))
    tmux("kill-server")
    # A session that stays, so the server is up before the first timed run.
    tmux("new-session", "-d", "-s", "idle", "-x", "160", "-y", "50", "sleep 100000")
    control = Control() if args.poll == "control" else None
    summary = out / f"first_screen-{args.poll}.txt"
    lines = []

    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    cpu = next(
        (l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
        "?",
    )
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    version = tmux("-V").stdout.strip()
    say(f"# {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}  {os.cpu_count()} CPUs  {cpu}  load {load}")
    say(f"# time to first screen, 160x50, {version}, poll={args.poll}, {args.runs} runs each, ms")
    try:
        for name, folder in [("n1", ROOT / "assets" / "A-RES-67-189"), ("n1000", big)]:
            zh, en = folder / "zh.md", folder / "en.md"
            first_line = next(l.rstrip() for l in open(zh, encoding="utf-8") if l.strip())
            times = {"diglot": [], "less": []}
            for _ in range(args.runs):
                data = tempfile.mkdtemp(dir=scratch)
                reader = ["env", f"DIGLOT_DATA_DIR={data}", diglot, str(zh), str(en)]
                times["diglot"].append(time_to_screen(reader, "side by side", args.poll, control))
                times["less"].append(time_to_screen(["less", str(zh)], first_line, args.poll, control))
            size = zh.stat().st_size + en.stat().st_size
            say()
            say(f"## {name}: {folder} ({size} bytes for the pair)")
            for program, label in [("diglot", "diglot zh.md en.md"), ("less", "less zh.md")]:
                runs = times[program]
                say(
                    f"{label:<20} median {statistics.median(runs):7.1f} ms"
                    f"   min {min(runs):7.1f}   runs: {' '.join(f'{t:.1f}' for t in runs)}"
                )
            first, searched = reader_memory(diglot, zh, en, scratch, control, args.poll)
            say(
                f"reader peak memory (VmHWM): {first} KiB at its first screen"
                f" ({first * 1024 / size:.2f}x the input), {searched} KiB after /money"
                f" ({searched * 1024 / size:.2f}x)"
            )
        say(f"# load after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    finally:
        if control:
            control.close()
        tmux("kill-server")
        shutil.rmtree(scratch, ignore_errors=True)
    summary.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
