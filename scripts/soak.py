#!/usr/bin/env python3
"""Soak test (issue 5): depeche under a steady load for a long time.

Runs `depeche run` on a fresh inbox and drops pages at a fixed rate (default 200 files/s for
1 hour): distinct dispatches of 2-8 KiB over a large pseudo-French vocabulary, with 5% exact duplicates and 2% bad files
(empty, binary); with --distinct N, only N distinct pages and copies of them after that. Each page is written beside the inbox and renamed in, as scrapers do.
Every --sample seconds it records the daemon's RSS, the events logged, the inbox backlog and
the drop-to-event latency (the event's "ts" minus the drop's wall-clock time) of the events
logged in that window. At the end it stops dropping, waits for the backlog to drain, stops
the daemon with SIGTERM, runs `depeche check`, and checks that every dropped file has exactly
one event (zero loss, zero repeats) and that the inbox is empty.

  scripts/soak.py [--minutes 60] [--rate 200] [--binary .build/release/depeche] [--set KEY=VALUE] [--keep] [--restart]

With --restart (issue 10), the daemon is then started again on the state it built, and on an
empty state: the time from start to READY=1 (sd_notify) and the anonymous memory (RssAnon) after
READY of each, and the difference per document known.

The samples go to <work directory>.csv (printed); exit status 1 on loss, a repeat, a damaged
log, or a daemon that did not stop cleanly.
"""
import argparse, collections, datetime, itertools, json, os, random, shutil, signal, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SENTENCES = [
    "Le ministère de l'Économie a annoncé mardi à Rabat une hausse de {n} % des exportations de phosphates.",
    "Selon l'Office des changes, les recettes du tourisme ont atteint {n} milliards de dirhams à fin mai.",
    "La Bourse de Casablanca a clôturé la séance en hausse de {n} points, portée par les valeurs bancaires.",
    "Le conseil communal de Marrakech a adopté un budget de {n} millions de dirhams pour la voirie.",
    "Bank Al-Maghrib a maintenu son taux directeur, citant une inflation de {n} % sur un an.",
    "Royal Air Maroc ouvrira {n} nouvelles lignes vers l'Afrique de l'Ouest à partir de juillet.",
    "The port of Tanger Med handled {n} million containers last year, its operator said on Monday.",
    "قال المندوبية السامية للتخطيط إن معدل البطالة بلغ {n} في المائة خلال الفصل الأول.",
]
NAMES = ["Rabat", "Casablanca", "Fès", "Agadir", "Oujda", "Tanger", "Laâyoune", "Meknès", "Kénitra", "Nador",
         "Karim Benali", "Salma El Idrissi", "Youssef Amrani", "Nadia Berrada", "l'ONEE", "l'OCP", "la CDG",
         "Maroc Telecom", "Attijariwafa bank", "l'ANAPEC", "le HCP", "la BMCE", "Akdital", "Marsa Maroc"]
SYLLABLES = ["ba", "ca", "de", "di", "fa", "ga", "la", "le", "li", "ma", "me", "mi", "na", "ne", "no", "pa",
             "pe", "po", "ra", "re", "ri", "sa", "se", "si", "ta", "te", "ti", "to", "va", "ve", "vi", "tion",
             "ment", "eur", "ique", "ance", "é", "è", "on", "an", "in", "ou", "ai", "er", "ir", "al", "el", "es"]


def vocabulary(size=30000, seed=1):
    """Pseudo-French words: a vocabulary as large as a newspaper's, drawn with Zipf-like weights."""
    rng = random.Random(seed)
    words = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)})
    rng.shuffle(words)
    return words, list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


WORDS, CUMULATIVE_WEIGHTS = vocabulary()


def page(serial, rng):
    """A distinct dispatch of 2-8 KiB: prose over a large vocabulary, with names, figures and,
    now and then, one of the sentences every financial page repeats."""
    lines = [f"Dépêche {serial} — {datetime.date(2025, 1 + serial % 12, 1 + serial % 28).isoformat()}", ""]
    target = rng.randint(2048, 8192)
    size = 0
    while size < target:
        if rng.random() < 0.1:
            sentence = rng.choice(SENTENCES).format(n=rng.randint(2, 980))
        else:
            words = rng.choices(WORDS, cum_weights=CUMULATIVE_WEIGHTS, k=rng.randint(8, 24))
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
            if rng.random() < 0.5:
                words.insert(rng.randrange(len(words)), f"{rng.randint(2, 980)} millions de dirhams")
            sentence = " ".join(words)
            sentence = sentence[0].upper() + sentence[1:] + "."
        lines.append(sentence)
        size += len(sentence.encode())
    return ("\n".join(lines) + "\n").encode()


def parse_ts(ts):
    return datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()


def cpu_seconds(pid):
    """User + system CPU time of the process so far."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, IndexError):
        return float("nan")


def load_average():
    with open("/proc/loadavg") as loadavg:
        return float(loadavg.read().split()[0])


def rss_kib(pid, field="VmRSS:"):
    """A memory field of /proc/PID/status in KiB: VmRSS (resident, page cache of the store's map
    included) or RssAnon (the heap and stacks: what must stay flat)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except FileNotFoundError:
        return None
    return None


def percentile(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Dropper(threading.Thread):
    """Drops files at a fixed rate; remembers each path's drop time and expected outcome."""

    def __init__(self, inbox, staging, rate, seconds, seed, distinct):
        super().__init__(daemon=True)
        self.inbox, self.staging, self.rate, self.seconds, self.distinct = inbox, staging, rate, seconds, distinct
        self.rng = random.Random(seed)
        self.dropped = {}  # path -> (wall time, kind)
        self.lock = threading.Lock()
        self.late = 0  # drops more than 100 ms behind schedule (the dropper could not keep up)

    def run(self):
        start = time.monotonic()
        bodies = []
        for i in range(self.rate * self.seconds):
            due = start + i / self.rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.1:
                self.late += 1
            roll = self.rng.random()
            if roll < 0.02:
                body, kind, name = (b"" if i % 2 else b"\x89PNG\r\n\x1a\n" + os.urandom(64)), "rejected", f"bad-{i}.bin"
            elif (roll < 0.07 and bodies) or (self.distinct and len(bodies) >= self.distinct):
                body, kind, name = self.rng.choice(bodies), "document", f"copy-{i}.txt"
            else:
                body, kind, name = page(i, self.rng), "document", f"page-{i}.txt"
                bodies.append(body)
                if len(bodies) > 1000 and not self.distinct:
                    bodies.pop(0)
            directory = f"site-{i % 4}" if i % 3 == 0 else ""
            relative = os.path.join(directory, name) if directory else name
            staged = os.path.join(self.staging, name)
            with open(staged, "wb") as f:
                f.write(body)
            now = time.time()
            os.rename(staged, os.path.join(self.inbox, relative))
            with self.lock:
                self.dropped[relative] = (now, kind)


class LogReader:
    """Reads the event log incrementally, following it across rotations (the active file is
    renamed events.<first-seq>.jsonl and a new one starts under the same name)."""

    def __init__(self, path):
        self.path, self.file, self.partial = path, None, b""
        self.events = []

    def poll(self):
        new = []
        while True:
            if self.file is None:
                # Closed segments not read yet (events.<next seq>.jsonl), then the active file.
                while True:
                    segment = os.path.join(os.path.dirname(self.path), f"events.{self.next_seq()}.jsonl")
                    if not os.path.exists(segment):
                        break
                    with open(segment, "rb") as closed:
                        new += self._read(closed)
                try:
                    self.file = open(self.path, "rb")
                except FileNotFoundError:
                    return new
            new += self._read(self.file)
            try:
                rotated = os.stat(self.path).st_ino != os.fstat(self.file.fileno()).st_ino
            except FileNotFoundError:
                rotated = False
            if not rotated:
                return new
            new += self._read(self.file)  # the rest of the segment just closed
            self.file.close()
            self.file = None

    def next_seq(self):
        return self.events[-1]["seq"] + 1 if self.events else 1

    def _read(self, file):
        data = self.partial + file.read()
        lines = data.split(b"\n")
        self.partial = lines.pop()
        # Only what the soak needs, not the whole events (an hour of them would not fit).
        new = [{k: event.get(k) for k in ("seq", "type", "path", "ts")} for event in map(json.loads, filter(None, lines))]
        self.events.extend(new)
        return new


def ready_and_rss(binary, config, env, settings):
    """Starts `depeche run` with a NOTIFY_SOCKET, waits for READY=1 (60 s at most), reads its
    RssAnon, stops it; returns (milliseconds to READY, RssAnon KiB)."""
    import socket
    directory = tempfile.mkdtemp(prefix="depeche-notify-")
    path = os.path.join(directory, "notify")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(path)
    listener.settimeout(60)
    started = time.monotonic()
    daemon = subprocess.Popen([binary, "run", "--config", config, "--log-level", "notice"] + settings,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(env, NOTIFY_SOCKET=path), cwd=ROOT)
    try:
        ready = None
        while ready is None:
            message = listener.recv(4096).decode(errors="replace")
            if "READY=1" in message.split("\n"):
                ready = (time.monotonic() - started) * 1000
        time.sleep(0.5)
        with open(f"/proc/{daemon.pid}/status") as status:
            rss = next(int(l.split()[1]) for l in status if l.startswith("RssAnon:"))
        return ready, rss
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        listener.close()
        shutil.rmtree(directory, ignore_errors=True)


def restart_report(binary, work, config, env, settings, documents):
    """READY time and RssAnon on the soaked state and on an empty one (issue 10)."""
    empty = os.path.join(work, "empty")
    for d in ("inbox", "state"):
        os.makedirs(os.path.join(empty, d), exist_ok=True)
    empty_config = os.path.join(empty, "depeche.yaml")
    with open(empty_config, "w") as f:
        f.write(f"inbox: {os.path.join(empty, 'inbox')}\nstate_dir: {os.path.join(empty, 'state')}\n")
    empty_ms, empty_rss = ready_and_rss(binary, empty_config, env, settings)
    known_ms, known_rss = ready_and_rss(binary, config, env, settings)
    print(f"restart, empty state: READY in {empty_ms:.0f} ms, RssAnon {empty_rss} KiB")
    print(f"restart, {documents} documents known: READY in {known_ms:.0f} ms, RssAnon {known_rss} KiB "
          f"({known_rss - empty_rss:+d} KiB, {1024 * (known_rss - empty_rss) / max(1, documents):.1f} bytes/document)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/depeche"))
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--rate", type=int, default=200, help="files per second")
    parser.add_argument("--sample", type=int, default=10, help="seconds between samples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--distinct", type=int, default=0,
                        help="only this many distinct pages, the rest copies of them (0: all distinct but 5%%): "
                             "the dedup index stops growing, so RSS should stay flat")
    parser.add_argument("--work", default=None, help="work directory (default: a new one under /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--restart", action="store_true",
                        help="then time start-to-READY and read RssAnon on the soaked state and on an empty one")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a daemon setting (repeatable)")
    args = parser.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="depeche-soak-")
    inbox, staging, state = (os.path.join(work, d) for d in ("inbox", "staging", "state"))
    for d in (inbox, staging, state) + tuple(os.path.join(inbox, f"site-{k}") for k in range(4)):
        os.makedirs(d, exist_ok=True)
    config = os.path.join(work, "depeche.yaml")
    with open(config, "w") as f:
        f.write(f"inbox: {inbox}\nstate_dir: {state}\n")
    journal = open(os.path.join(work, "depeche.journal"), "wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEPECHE_")}
    settings = [word for setting in args.set for word in ("--set", setting)]
    daemon = subprocess.Popen([args.binary, "run", "--config", config, "--log-level", "notice"] + settings,
                              stdout=subprocess.DEVNULL, stderr=journal, env=env, cwd=ROOT)
    time.sleep(2)
    print(f"soak: {args.minutes:g} min at {args.rate} files/s, pid {daemon.pid}, work {work}", flush=True)

    seconds = int(args.minutes * 60)
    dropper = Dropper(inbox, staging, args.rate, seconds, args.seed, args.distinct)
    log = LogReader(os.path.join(state, "events.jsonl"))
    samples_path = work.rstrip("/") + ".csv"
    samples = open(samples_path, "w")
    samples.write("elapsed_s,rss_kib,dropped,events,backlog,p50_ms,p99_ms,max_ms,daemon_cpu_s,load_1min,rss_anon_kib\n")
    rows = []
    dropper.start()
    start = time.monotonic()
    next_sample = start + args.sample
    all_latencies = []

    def sample():
        new = log.poll()
        with dropper.lock:
            latencies = [(parse_ts(e["ts"]) - dropper.dropped[e["path"]][0]) * 1000 for e in new if e.get("path") in dropper.dropped]
            dropped = len(dropper.dropped)
        all_latencies.extend(latencies)
        row = (time.monotonic() - start, rss_kib(daemon.pid), dropped, len(log.events), dropped - len(log.events),
               percentile(latencies, 0.5), percentile(latencies, 0.99), max(latencies, default=float("nan")),
               cpu_seconds(daemon.pid), load_average(), rss_kib(daemon.pid, "RssAnon:"))
        rows.append(row)
        samples.write(",".join(f"{v:.1f}" if isinstance(v, float) else str(v) for v in row) + "\n")
        samples.flush()
        return row

    while dropper.is_alive():
        time.sleep(max(0, next_sample - time.monotonic()))
        next_sample += args.sample
        row = sample()
        if len(rows) % max(1, 60 // args.sample) == 0:
            print(f"{row[0]:7.0f} s  RSS {row[1] / 1024:6.1f} MiB  anon {row[10] / 1024:5.1f} MiB  dropped {row[2]:7d}  events {row[3]:7d}  "
                  f"backlog {row[4]:5d}  p50 {row[5]:6.1f} ms  p99 {row[6]:7.1f} ms  max {row[7]:7.1f} ms  "
                  f"daemon CPU {row[8]:6.0f} s  load {row[9]:.1f}", flush=True)
        if daemon.poll() is not None:
            print(f"soak: the daemon exited with {daemon.returncode}", flush=True)
            break

    # Drain the backlog for as long as it keeps shrinking (a starved daemon may be far behind).
    progress_deadline = time.monotonic() + 60
    while len(log.events) < len(dropper.dropped) and time.monotonic() < progress_deadline and daemon.poll() is None:
        before = len(log.events)
        time.sleep(1)
        sample()
        if len(log.events) > before:
            progress_deadline = time.monotonic() + 60
    drained_at = time.monotonic() - start
    time.sleep(1)
    sample()
    end_rss = rss_kib(daemon.pid)
    peak = None
    try:
        with open(f"/proc/{daemon.pid}/status") as status:
            peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except (FileNotFoundError, StopIteration):
        pass
    daemon.send_signal(signal.SIGTERM)
    try:
        status = daemon.wait(timeout=30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        status = "killed after 30 s"
    log.poll()
    check = subprocess.run([args.binary, "check", "--config", config], capture_output=True, text=True, env=env, cwd=ROOT)

    by_path = collections.Counter(e["path"] for e in log.events)
    lost = [p for p in dropper.dropped if by_path[p] == 0]
    repeated = [p for p, n in by_path.items() if n > 1]
    unknown = [p for p in by_path if p not in dropper.dropped]
    wrong = [e["path"] for e in log.events if e.get("path") in dropper.dropped
             and (e["type"] == "document.rejected") != (dropper.dropped[e["path"]][1] == "rejected")]
    left = sum(len(files) for _, _, files in os.walk(inbox))
    types = collections.Counter(e["type"] for e in log.events)
    warm = [r for r in rows if r[0] >= 60] or rows
    windows = collections.defaultdict(list)
    for r in rows:
        windows[int(r[0] // 300)].append(r)

    print()
    print(f"files dropped {len(dropper.dropped)} ({dropper.late} drops behind schedule), events {len(log.events)} {dict(types)}")
    print(f"RSS: start (after 1 min) {warm[0][1] / 1024:.1f} MiB, end {end_rss / 1024 if end_rss else float('nan'):.1f} MiB, "
          f"peak (VmHWM) {peak / 1024 if peak else float('nan'):.1f} MiB")
    settled = [r[10] for r in rows if r[0] >= 300 and r[10]]
    if settled:
        print(f"RssAnon: after 5 min {settled[0] / 1024:.1f} MiB, highest after {max(settled) / 1024:.1f} MiB "
              f"({100 * (max(settled) - settled[0]) / settled[0]:+.1f} %), end {settled[-1] / 1024:.1f} MiB")
    print(f"latency drop-to-event: p50 {percentile(all_latencies, 0.5):.1f} ms, p99 {percentile(all_latencies, 0.99):.1f} ms, "
          f"max {max(all_latencies, default=float('nan')):.1f} ms")
    cpu = rows[-1][8]
    print(f"daemon CPU {cpu:.0f} s for {len(log.events)} events ({1000 * cpu / max(1, len(log.events)):.2f} ms per event); "
          f"backlog drained {drained_at - seconds:.0f} s after the last drop; host load (1 min) "
          f"mean {statistics.mean(r[9] for r in rows):.1f}, max {max(r[9] for r in rows):.1f} on {os.cpu_count()} CPUs")
    print("per 5 minutes:  window   RSS MiB  anon MiB   p99 ms (worst sample)   events/s   daemon CPU %   load")
    for index in sorted(windows):
        w = windows[index]
        span = max(w[-1][0] - w[0][0], 1)
        print(f"                {index * 5:3d}-{index * 5 + 5:<3d}  {w[-1][1] / 1024 if w[-1][1] else float('nan'):7.1f}  "
              f"{w[-1][10] / 1024 if w[-1][10] else float('nan'):8.1f}  "
              f"{max(r[6] for r in w):10.1f}  {(w[-1][3] - w[0][3]) / span:16.0f}  {100 * (w[-1][8] - w[0][8]) / span:10.0f}  "
              f"{statistics.mean(r[9] for r in w):7.1f}")
    print(f"lost {len(lost)}, repeated {len(repeated)}, unexpected {len(unknown)}, wrong outcome {len(wrong)}, "
          f"left in the inbox {left}")
    print(f"SIGTERM exit status {status}; depeche check: {check.stdout.strip()} {check.stderr.strip()}")
    print(f"samples: {samples_path}")
    if args.restart:
        restart_report(args.binary, work, config, env, settings, len(log.events))
    ok = not lost and not repeated and not unknown and not wrong and left == 0 and status == 0 and check.returncode == 0
    if not args.keep and ok:
        shutil.rmtree(work, ignore_errors=True)
        print("(work directory removed; --keep keeps it)")
    print("soak: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
