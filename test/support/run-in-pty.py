#!/usr/bin/python3
"""Runs a command in a pseudo-terminal (a real TTY: echo, raw mode, Ctrl+C) and plays a dialogue with it.

Usage: run-in-pty.py SPEC_JSON, where SPEC is {"command": [...], "cwd": DIR, "env": {...}, "timeout": SECONDS,
"steps": [[EXPECT, SEND], ...]}: for each step, waits until EXPECT appears in what the terminal shows (after
the previous match), then types SEND. Prints {"status": EXIT_CODE or null, "output": TEXT, "timedOut": BOOL}
and "unmet": the EXPECT never shown (or null), as JSON. For tests of interactive prompts (test/cli/read-password.test.ts); bounded by the timeout.
"""
import json
import os
import pty
import select
import signal
import sys
import time


def main() -> None:
    spec = json.loads(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(spec["cwd"])
        os.execvpe(spec["command"][0], spec["command"], {**os.environ, **spec.get("env", {})})
    deadline = time.monotonic() + spec["timeout"]
    output = b""

    def read_some() -> bool:
        """Reads what the terminal shows within 0.1 s; False once the child closed it."""
        nonlocal output
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            return True
        try:
            data = os.read(fd, 4096)
        except OSError:  # EIO: the child is gone
            return False
        output += data
        return bool(data)

    def finish(unmet: str | None = None) -> None:
        timed_out = time.monotonic() >= deadline
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        code = None if timed_out else os.waitstatus_to_exitcode(status)
        print(json.dumps({"status": code, "output": output.decode("utf-8", "replace"), "timedOut": timed_out, "unmet": unmet}))

    position = 0
    for expect, send in spec["steps"]:
        while (found := output.find(expect.encode(), position)) < 0:
            if time.monotonic() >= deadline or not read_some():
                finish(unmet=expect)
                return
        position = found + len(expect)
        os.write(fd, send.encode())
    while time.monotonic() < deadline and read_some():
        pass
    finish()


main()
