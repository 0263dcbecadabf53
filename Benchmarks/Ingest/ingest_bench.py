#!/usr/bin/env python3
"""Ingest benchmark: depeche against the naive `inotifywait | sha256sum` loop, in one run.

Drops N distinct articles (the sample pages, or generated French text, each made unique by a
reference in its first paragraph: see `unique`) into the inbox of (a) a running `depeche run`
(default configuration but for the paths) and (b) the naive baseline loop, and reports, all in
the same run:
  - burst: files/s from the first drop until the N-th line reaches the log, and the ratio, for
    the sample pages (every copy a near duplicate of one of them) and for generated dispatches
    (`scripts/soak.py`'s, no two alike), and for short notes (about 200 bytes: the cost of a
    file whatever its text, set beside a dispatch's), and for pages fetched again (a tenth as
    many dispatches dropped and committed first, then each again, byte for byte, under ten
    other names: a scraper's second pass; CPU counted from the second pass on), and for the
    same re-saved (CRLF line ends: the same article in other bytes);
  - paced (default 1,000 files/s): drop-to-log-line latency p50/p99;
  - CPU ms per page (user + system time of the daemon over the burst);
  - peak RSS (VmHWM) of the daemon / of the baseline's processes;
  - peak RSS of `depeche extract` on adversarial pages near the 16 MiB limit, as a multiple
    of the page's size;
  - with --callgrind, instructions per page of `depeche extract` (valgrind, repeatable
    whatever else the machine does): the count for N pages minus the count for one.
Files are written beside the inbox and renamed in (what scrapers do), so each arrives whole.
"""
import argparse, glob, os, shutil, signal, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pages(source):
    files = sorted(glob.glob(os.path.join(source, "*.txt"))) if source else []
    if files:
        return [open(f, "rb").read() for f in files]
    words = ("Le ministère de l'Économie a annoncé mardi à Rabat une hausse de 4,5% des exportations "
             "marocaines, soit 12 milliards de dirhams selon l'Office des changes. ").encode()
    return [words * n for n in (20, 40, 60, 80)]


class LogWatcher(threading.Thread):
    """Follows a log file (reading only what was appended) and records when each new line
    appears. (It used to read the whole file every millisecond: a 15 MB log took the harness
    40 % of a 2-core machine and delayed the lines it timed.)"""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path, self.times, self.stop = path, [], False

    def run(self):
        log = None
        while not self.stop:
            if log is None:
                try:
                    log = open(self.path, "rb")
                except FileNotFoundError:
                    time.sleep(0.001)
                    continue
            appended = log.read()
            if appended:
                self.times.extend([time.monotonic()] * appended.count(b"\n"))
            time.sleep(0.001)
        if log is not None:
            log.close()


def cpu_seconds(pid):
    """User + system CPU time of a live process and of its children that have exited and were
    waited for (the naive loop's `sha256sum` processes), from /proc/PID/stat."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def peak_rss_kib(pids):
    total = 0
    for pid in pids:
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def descendants(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    result = [int(p) for p in out]
    for child in list(result):
        result += descendants(child)
    return result


def dispatches(count, seed=7):
    """`count` distinct generated dispatches, none near another: `scripts/soak.py`'s pages
    (prose over a newspaper-sized vocabulary, with names and figures)."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import random
    import soak
    rng = random.Random(seed)
    return [soak.page(serial, rng) for serial in range(count)]


def short_notes(count):
    """`count` distinct short notes (a dispatch's heading and first paragraph, about 200
    bytes): what a file costs whatever its length (reading, committing, logging, archiving, and
    the analysis's fixed part), against which a full page's cost shows what its text adds."""
    notes = []
    for body in dispatches(count, seed=11):
        kept = b""
        for line in body.split(b"\n"):
            kept += line + b"\n"
            if len(kept) >= 200:
                break
        notes.append(kept)
    return notes


def unique(body, tag):
    """`body` made a distinct article: a reference appended to its first paragraph of prose (a
    line of 120 bytes or more, not a ticker's headlines between runs of spaces). A line after
    the page's end would not do: the cleaner drops what follows "Articles similaires" and the
    like, so every copy of such a page was the same article, a content duplicate."""
    lines = body.split(b"\n")
    for index, line in enumerate(lines):
        if len(line) >= 120 and b"   " not in line.replace(b"\xc2\xa0", b" "):
            lines[index] = line + f" (Réf. {tag}.)".encode()
            return b"\n".join(lines)
    return body + f"\nRéférence de la dépêche : {tag}.\n".encode()


def drop(inbox, staging, bodies, count, rate, tag, prefix="p"):
    """Writes `count` files into staging first, then renames them into the inbox (all at once,
    or `rate` a second); returns drop times. Each is made unique (`unique`), or is its body's
    exact bytes when `tag` is None. Writing beforehand keeps the harness's own work out of the
    burst: the renames alone run at tens of thousands a second."""
    staged = []
    for i in range(count):
        tmp = os.path.join(staging, f"{prefix}{i}.txt")
        body = bodies[i % len(bodies)]
        with open(tmp, "wb") as f:
            f.write(body if tag is None else unique(body, f"{tag}-{i}"))
        staged.append(tmp)
    times = []
    interval = 1.0 / rate if rate else 0
    start = time.monotonic()
    for i, tmp in enumerate(staged):
        if interval:
            delay = start + i * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        times.append(time.monotonic())
        os.rename(tmp, os.path.join(inbox, f"{prefix}{i}.txt"))
    return times


def measure(name, start_target, count, rate, bodies, tag, again=None):
    work = tempfile.mkdtemp(prefix=f"bench-{name.replace(' ', '-')}-")
    inbox, staging, state = (os.path.join(work, d) for d in ("inbox", "staging", "state"))
    for d in (inbox, staging, state):
        os.makedirs(d)
    proc, log = start_target(inbox, state)
    time.sleep(1.5)
    watcher = LogWatcher(log)
    watcher.start()
    first = 0
    if again:
        # A scraper's second pass: the pages first (exact bytes), then each again under another
        # name once the first pass is done and committed.
        drop(inbox, staging, bodies, len(bodies), 0, None, prefix="first")
        deadline = time.monotonic() + 120
        while len(watcher.times) < len(bodies) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)
        first = len(watcher.times)
    cpu_before = sum(cpu_seconds(p) for p in [proc.pid] + descendants(proc.pid)) if again else 0
    # Re-saved: the same article with other line ends (a content duplicate, not a byte copy).
    second = [body.replace(b"\n", b"\r\n") for body in bodies] if again == "resaved" else bodies
    dropped = drop(inbox, staging, second, count, rate, None if again else tag)
    deadline = time.monotonic() + 120
    while len(watcher.times) < first + count and time.monotonic() < deadline:
        time.sleep(0.01)
    watcher.stop = True
    watcher.join()
    rss = peak_rss_kib([proc.pid] + descendants(proc.pid))
    cpu = sum(cpu_seconds(p) for p in [proc.pid] + descendants(proc.pid)) - cpu_before
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait()
    done = watcher.times[first:first + count]
    shutil.rmtree(work, ignore_errors=True)
    if len(done) < count:
        return {"name": name, "error": f"only {len(done)} of {count} lines"}
    # Lines appear in completion order; latency pairs the i-th line with the i-th drop.
    latencies = sorted((d - t) * 1000 for d, t in zip(sorted(done), dropped))
    elapsed = max(done) - dropped[0]
    return {
        "name": name, "files": count, "files_per_s": count / elapsed,
        "p50_ms": statistics.median(latencies), "p99_ms": latencies[int(0.99 * (len(latencies) - 1))],
        "peak_rss_mib": rss / 1024, "cpu_ms_per_file": cpu * 1000 / count,
    }


def depeche_target(binary, settle_ms):
    def start(inbox, state):
        proc = subprocess.Popen(
            [binary, "run", "--inbox", inbox, "--state-dir", state, "--set", f"intake.settle_ms={settle_ms}",
             "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        return proc, os.path.join(state, "events.jsonl")
    return start


def baseline_target(inbox, state):
    log = os.path.join(state, "baseline.log")
    script = (f"inotifywait -q -m -e close_write,moved_to --format '%w%f' {inbox} | "
              f"while read f; do sha256sum \"$f\"; done >> {log}")
    proc = subprocess.Popen(["bash", "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    return proc, log


def adversarial_pages(directory):
    """Pages near the 16 MiB limit that stress one stage each; returns their paths."""
    words = b"le port de Tanger Med a trait\xc3\xa9 12 millions de conteneurs en 2024 selon l'ANP "
    pages = {
        "one-line.txt": (words * 180_000).replace(b"\n", b" "),
        "capitalised.txt": b" ".join(b"Mot%d" % (i % 997) for i in range(1_000_000)) + b"\n",
        "links.html": b"<html><body>" + b"".join(b'<a href="/a/%d">Lien %d</a> ' % (i, i) for i in range(300_000))
        + b"</body></html>",
        "nested.html": b"<html><body>" + b"<div>" * 20_000 + words * 100_000 + b"</div>" * 20_000 + b"</body></html>",
    }
    paths = []
    for name, body in pages.items():
        path = os.path.join(directory, name)
        with open(path, "wb") as f:
            f.write(body[: 16 * 1024 * 1024 - 1])
        paths.append(path)
    return paths


def extract_peak_rss_mib(binary, path):
    """Peak RSS of one `depeche extract` of `path`, as GNU time reports it (its `%M`).

    Not from this script's own wait4: a child forked from Python keeps Python's high-water RSS
    across exec (Linux carries it in the process's maxrss), so every page would read at least
    this script's size. GNU time is a small process, and its child's maxrss starts from there.
    """
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bench-ingest: the memory half needs GNU time (/usr/bin/time, Debian package `time`)")
    result = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "extract", path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def measure_extract_memory(binary):
    work = tempfile.mkdtemp(prefix="bench-adversarial-")
    try:
        for path in adversarial_pages(work):
            size = os.path.getsize(path) / 1024 / 1024
            peak = extract_peak_rss_mib(binary, path)
            print(f"extract {os.path.basename(path):<16} {size:6.1f} MiB page: peak RSS {peak:7.1f} MiB "
                  f"({peak / size:.1f}x the page)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def callgrind_per_page(binary, bodies, count):
    """Instructions per page of `depeche extract`: the count for `count` pages minus one page's.

    Debian 12's valgrind 3.19 needs two things of the binary: its debug information stripped (it
    cannot read DWARF 5) and `sigsuspend_copy.c` preloaded (it dies writing to the signal mask
    libdispatch keeps in read-only memory)."""
    work = tempfile.mkdtemp(prefix="bench-callgrind-")
    try:
        stripped, shim = os.path.join(work, "depeche"), os.path.join(work, "sigsuspend_copy.so")
        subprocess.run(["objcopy", "--strip-debug", binary, stripped], check=True)
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", shim,
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigsuspend_copy.c")], check=True)
        environment = dict(os.environ, LD_PRELOAD=shim)
        paths = []
        for i in range(count):
            path = os.path.join(work, f"p{i}.txt")
            with open(path, "wb") as f:
                f.write(unique(bodies[i % len(bodies)], f"callgrind-{i}"))
            paths.append(path)

        def instructions(files):
            out = os.path.join(work, "callgrind.out")
            result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", stripped, "extract",
                                     *files], capture_output=True, text=True, env=environment)
            ingested = result.stdout.count('"type":"document.ingested"')
            if ingested != len(files):
                # A page rejected under valgrind (as "unreadable" by a binary older than the
                # openat2 fallback, which valgrind 3.19 does not know) would count a rejection.
                raise RuntimeError(f"{ingested} of {len(files)} pages ingested under valgrind: {result.stdout[:300]}")
            for line in result.stderr.splitlines():
                if "Collected" in line:
                    return int(line.split()[-1].replace(",", ""))
            raise RuntimeError(result.stderr[-500:])
        return (instructions(paths) - instructions(paths[:1])) / (count - 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/depeche"))
    parser.add_argument("--pages", default=os.path.join(ROOT, "../shared/eval/docs"))
    parser.add_argument("--files", type=int, default=5000, help="files in the burst")
    parser.add_argument("--paced", type=int, default=2000, help="files in the paced run")
    parser.add_argument("--rate", type=int, default=1000, help="files/s in the paced run")
    parser.add_argument("--callgrind", type=int, default=0, metavar="N",
                        help="also count instructions per page of `depeche extract` over N pages (valgrind)")
    parser.add_argument("--settle-ms", type=int, default=200, help="depeche's intake.settle_ms")
    args = parser.parse_args()
    bodies = pages(args.pages if os.path.isdir(args.pages) else None)
    size = sum(map(len, bodies)) / len(bodies)
    print(f"pages: {len(bodies)} bodies, mean {size / 1024:.1f} KiB; depeche settle_ms={args.settle_ms}")
    rows = []
    # The sample pages are few: every copy is a near duplicate of one of them. Generated
    # dispatches are the other end: no two alike.
    runs = (("burst", args.files, 0, bodies), ("burst dispatches", args.files, 0, dispatches(args.files)),
            ("burst short notes", args.files, 0, short_notes(args.files)),
            ("burst fetched again", args.files, 0, dispatches(args.files // 10)),
            ("burst re-saved", args.files, 0, dispatches(args.files // 10)),
            (f"paced {args.rate}/s", args.paced, args.rate, bodies))
    for mode, count, rate, texts in runs:
        for name, target in (("depeche", depeche_target(args.binary, args.settle_ms)), ("naive loop", baseline_target)):
            result = measure(name, target, count, rate, texts, f"{mode}-{name}", again={"burst fetched again": "bytes", "burst re-saved": "resaved"}.get(mode))
            result["mode"] = mode
            rows.append(result)
            print(result, flush=True)
    print()
    print(f"{'run':<18}{'target':<12}{'files/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'peak RSS MiB':>14}{'CPU ms/file':>13}")
    for r in rows:
        if "error" in r:
            print(f"{r['mode']:<18}{r['name']:<12} {r['error']}")
        else:
            print(f"{r['mode']:<18}{r['name']:<12}{r['files_per_s']:>10.0f}{r['p50_ms']:>10.1f}{r['p99_ms']:>10.1f}"
                  f"{r['peak_rss_mib']:>14.1f}{r['cpu_ms_per_file']:>13.2f}")
    by = {(r["mode"], r["name"]): r for r in rows if "error" not in r}
    for mode in dict.fromkeys(r["mode"] for r in rows):
        d, b = by.get((mode, "depeche")), by.get((mode, "naive loop"))
        if d and b:
            print(f"{mode}: depeche/naive throughput ratio {d['files_per_s'] / b['files_per_s']:.2f}, "
                  f"p99 ratio {d['p99_ms'] / b['p99_ms']:.2f}")
    floor, full, naive = (by.get((mode, name)) for mode, name in
                          (("burst short notes", "depeche"), ("burst dispatches", "depeche"), ("burst dispatches", "naive loop")))
    if floor and full and naive:
        budget = os.cpu_count() / (10 * naive["files_per_s"]) * 1000
        print(f"CPU a file: {floor['cpu_ms_per_file']:.3f} ms for a short note, {full['cpu_ms_per_file']:.3f} ms for a "
              f"dispatch (its text adds {full['cpu_ms_per_file'] - floor['cpu_ms_per_file']:.3f} ms); 10x the naive "
              f"loop on {os.cpu_count()} cores leaves {budget:.3f} ms a file")
    print()
    measure_extract_memory(args.binary)
    if args.callgrind > 1:
        print(f"callgrind: {callgrind_per_page(args.binary, bodies, args.callgrind):,.0f} instructions per page "
              f"of `depeche extract` ({args.callgrind} pages)")


if __name__ == "__main__":
    sys.exit(main())
