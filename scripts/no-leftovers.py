#!/usr/bin/env python3
"""Runs a command (the test suite) and fails if anything it started is still running after it.

The script makes itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER): every process the
command starts, however deep and whether or not it left its session (setsid) or was orphaned,
is re-parented to this script when its parent dies, instead of to init. Once the command has
exited, any child still alive here was left behind: it is named on stderr, killed, and the run
fails even if the command itself succeeded.

usage: scripts/no-leftovers.py COMMAND [ARGUMENT...]
"""
import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
GRACE_SECONDS = 3


def children():
    """Processes whose parent is this one, as {pid: command line}."""
    found = {}
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            state, ppid = fields[0], int(fields[1])
            if ppid != me or state == b"Z":
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                found[int(entry)] = cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, IndexError, ValueError):
            continue
    return found


def reap():
    """Collects exited children so that they do not count as alive."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit(f"no-leftovers: prctl(PR_SET_CHILD_SUBREAPER): {os.strerror(ctypes.get_errno())}")
    status = subprocess.call(sys.argv[1:])
    deadline = time.monotonic() + GRACE_SECONDS
    reap()
    while children() and time.monotonic() < deadline:
        time.sleep(0.1)
        reap()
    leftovers = {}
    while True:
        alive = children()
        if not alive:
            break
        leftovers.update(alive)
        for pid in alive:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)
        reap()
    for pid, command in sorted(leftovers.items()):
        print(f"no-leftovers: still running after the tests: pid {pid}: {command}", file=sys.stderr)
    if leftovers:
        print(f"no-leftovers: {len(leftovers)} process(es) left running; killed them; failing the run", file=sys.stderr)
        sys.exit(1)
    sys.exit(status)


if __name__ == "__main__":
    main()
