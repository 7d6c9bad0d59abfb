"""Keypress to frame through a pseudo-terminal, for the scale harness (benches/scale.py)."""

import fcntl
import os
import pty
import re
import select
import signal
import sqlite3
import struct
import termios
import time
from pathlib import Path

from scale_run import facts


class Term:
    """desk in a pty: reads what it draws, answers the terminal queries a real terminal would."""

    def __init__(self, argv, env, cols=120, rows=40):
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before desk reads it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out, self.exit_code, self.rusage = pid, fd, 0, None, None
        self.tail = b""

    def _answer(self, data):
        buf = self.tail + data
        if b"\x1b[6n" in buf:  # cursor position
            os.write(self.fd, b"\x1b[1;1R")
        if b"\x1b[c" in buf or b"\x1b[0c" in buf:  # primary device attributes
            os.write(self.fd, b"\x1b[?62;22c")
        self.tail = buf[-8:]

    def read(self, timeout):
        """What arrives within `timeout` seconds (b"" if nothing); None once desk has closed the terminal."""
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return None
        if not data:
            return None
        self.out += len(data)
        self._answer(data)
        return data

    def frame(self, quiet, first_timeout):
        """Reads one frame: waits up to `first_timeout` for output, then until quiet. (end time, bytes, text)."""
        data = self.read(first_timeout)
        if not data:
            return None, 0, b""
        last, got, text = time.perf_counter(), len(data), data
        while True:
            more = self.read(quiet)
            if not more:
                break
            last = time.perf_counter()
            got += len(more)
            if len(text) < 1 << 20:
                text += more
        return last, got, text

    def drain(self):
        n = 0
        while True:
            d = self.read(0)
            if not d:
                return n
            n += len(d)

    def cpu_seconds(self):
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return None

    def threads(self):
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("Threads:"):
                    return int(line.split()[1])
        except OSError:
            return None

    def wait_exit(self, timeout):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.exit_code, self.rusage = os.waitstatus_to_exitcode(status), ru
                return True
            if self.read(0.02) is None:
                time.sleep(0.01)
        return False

    def kill(self):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                return
            if self.wait_exit(2):
                return


def pty_session(desk, db, env, args):
    """Start desk, wait for the first frame, switch to the view, send the keys; measure each key's frame."""
    before = facts(db)
    due = due_at_generation(db, int(args.demo_mtime))
    started_at = int(time.time())
    t0 = time.perf_counter()
    term = Term([str(desk), "--db", str(db)], env)
    res = {"before": before, "due_at_generation": due, "keys": {}, "silent": {}, "stray": 0, "ok": True}
    try:
        # The first frame: the queue's rows (ticket numbers) are on screen and the terminal is quiet.
        seen = b""
        deadline = t0 + 120
        while not re.search(rb"#\d{3,}", seen):
            if time.perf_counter() > deadline:
                raise SystemExit("scale.py: desk drew no queue within 120 s in the pseudo-terminal")
            d = term.read(deadline - time.perf_counter())
            if d is None:
                raise SystemExit("scale.py: desk exited before its first frame in the pseudo-terminal")
            seen += d
        end, _, _ = term.frame(args.quiet_ms / 1000, args.quiet_ms / 1000)
        res["first_frame"] = ((end or time.perf_counter()) - t0)
        res["cpu_at_first_frame"] = term.cpu_seconds()
        res["threads"] = term.threads()
        session_start = time.perf_counter()
        keys = [("view", b"]")] * args.pty_view_presses + [("j", b"j")] * args.keys_j + [("Ctrl-d", b"\x04")] * args.keys_ctrl_d
        for name, key in keys:
            res["stray"] += term.drain()
            t = time.perf_counter()
            os.write(term.fd, key)
            end, got, text = term.frame(args.quiet_ms / 1000, args.key_timeout)
            if name == "view":
                res["view_text"] = text
            if end is None:
                res["silent"][name] = res["silent"].get(name, 0) + 1
            else:
                res["keys"].setdefault(name, []).append(end - t)
        res["stray"] += term.drain()
        res["session"] = time.perf_counter() - session_start
        # Where the selection ended: a resize there and back makes desk draw the whole screen, position included.
        for rows in (41, 40):
            fcntl.ioctl(term.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 120, 0, 0))
            _, _, text = term.frame(args.quiet_ms / 1000, 1.0)
        m = re.findall(rb"\[(\d+)/(\d+\+?)\]", text)
        res["row"] = f"{int(m[-1][0]):,} of {m[-1][1].decode()}" if m else "unknown (no position drawn)"
        # Stay open long enough for the first SLA check (asked for at the first tick) and its backlog to run.
        while time.perf_counter() - t0 < args.pty_hold:
            if term.read(0.05) is None:
                raise SystemExit("scale.py: desk exited on its own in the pseudo-terminal")
        res["open_for"] = time.perf_counter() - t0
        res["cpu_session"] = (term.cpu_seconds() or 0) - (res["cpu_at_first_frame"] or 0)
        os.write(term.fd, b"q")
        if not term.wait_exit(10):
            res["ok"] = False
            term.kill()
            raise SystemExit("scale.py: desk did not exit within 10 s of `q` in the pseudo-terminal (killed)")
        if term.exit_code != 0:
            res["ok"] = False
            raise SystemExit(f"scale.py: desk exited {term.exit_code} after `q` in the pseudo-terminal")
        res["rss_kb"] = term.rusage.ru_maxrss
    finally:
        if term.exit_code is None:
            term.kill()
        try:
            os.close(term.fd)
        except OSError:
            pass
    res["after"] = facts(db)
    res["escalated"] = new_escalations(db, started_at)
    return res


def due_at_generation(db, generated):
    """On the copy as the demo left it: (tickets with an escalation due at the demo file's time — what `desk demo`
    left unsettled —, seconds from that time to the next escalation falling due). `tickets.sla_escalate_at` is the
    instant a ticket's next escalation falls due (migration 21)."""
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute(
            "SELECT (SELECT count(*) FROM tickets WHERE sla_escalate_at <= :gen), "
            "(SELECT min(sla_escalate_at) - :gen FROM tickets WHERE sla_escalate_at > :gen)",
            {"gen": generated}).fetchone()
    finally:
        conn.close()


def new_escalations(db, since):
    """Escalations written since `since`, by rule and state."""
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute(
            "SELECT e.rule, e.state, count(*) FROM escalations e WHERE e.at >= :since GROUP BY 1, 2 ORDER BY 3 DESC",
            {"since": since}).fetchall()
    finally:
        conn.close()
