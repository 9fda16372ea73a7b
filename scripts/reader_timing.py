#!/usr/bin/env python3
"""Times the byline reader in a pseudo-terminal, reading the screen as a terminal would (pyte).

    reader_timing.py BYLINE LIBRARY HOME QUERY [RUNS]

Prints, as `key value` lines:
- start_ms: from spawn to a first screen whose status bar counts every article (`N articles`);
- checked_ms: from spawn to the status bar no longer saying `checking` (the background check);
- key_p50_ms, key_p99_ms: for each character of QUERY typed one at a time, from the key to the
  screen showing that query's count (`M of N match`, no `searching…`);
- peak_rss_mb: the reader's peak resident memory (VmHWM) before it quits.
"""
import os
import pty
import re
import select
import signal
import statistics
import sys
import time

import pyte

COLUMNS, ROWS = 120, 40


def spawn(byline, library, home):
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl, struct, termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.environ.update(HOME=home, TERM="xterm-256color")
        os.environ.pop("XDG_CACHE_HOME", None)
        os.environ["XDG_DATA_HOME"] = os.path.join(home, "data")
        os.execv(byline, [byline, "--library", library])
    return pid, fd


class Screen:
    def __init__(self, fd):
        self.fd = fd
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        # The bytes as they came, and when, so a time is not the emulator's lag.
        self.raw = b""
        self.arrived = []

    def pump(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                return False
            self.arrived.append((time.monotonic(), len(self.raw) + len(data)))
            self.raw += data
            self.stream.feed(data)
            # Answer the cursor position query crossterm may send.
            if b"\x1b[6n" in data:
                os.write(self.fd, b"\x1b[1;1R")
        return True

    def when(self, at):
        """When the byte at offset `at` arrived."""
        return next(t for t, end in self.arrived if end > at)

    def status(self):
        return self.screen.display[-1]

    def wait(self, test, deadline_s=30):
        start = time.monotonic()
        while time.monotonic() - start < deadline_s:
            if test(self.status()):
                return time.monotonic()
            self.pump(0.005)
        raise SystemExit(f"timed out waiting; status bar: {self.status()!r}")


def main():
    byline, library, home, query = sys.argv[1:5]
    t0 = time.monotonic()
    pid, fd = spawn(byline, library, home)
    screen = Screen(fd)
    full = re.compile(r"\d+/\d+ · [\d,]+ articles?")
    screen.wait(lambda s: bool(full.search(s)))
    # The time the status bar's count was written, not when the emulator got to it.
    count = re.search(rb"\d+/\d+ \xc2\xb7 [\d,]+ articles?", screen.raw)
    started = screen.when(count.start()) if count else time.monotonic()
    checked = screen.wait(lambda s: "checking" not in s and bool(full.search(s)), 600)
    latencies = []
    os.write(fd, b"/")
    screen.wait(lambda s: "keep" in s or "Enter" in s)
    typed = ""
    for c in query:
        typed += c
        sent = time.monotonic()
        os.write(fd, c.encode())
        shown = screen.wait(
            lambda s: " match" in s and "searching" not in s and typed in screen.screen.display[-2]
        )
        latencies.append((shown - sent) * 1000)
        # Let the screen settle before the next key, as a person typing would.
        end = time.monotonic() + 0.05
        while time.monotonic() < end:
            screen.pump(0.01)
    with open(f"/proc/{pid}/status") as status:
        hwm = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
    # Ctrl-c quits from anywhere (Esc then q at once would read as Alt-q).
    os.write(fd, b"\x03")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    latencies.sort()
    print(f"start_ms {(started - t0) * 1000:.0f}")
    print(f"checked_ms {(checked - t0) * 1000:.0f}")
    print(f"key_p50_ms {statistics.median(latencies):.1f}")
    print(f"key_p99_ms {latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]:.1f}")
    print(f"peak_rss_mb {hwm / 1024:.0f}")


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    main()
