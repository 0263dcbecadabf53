#!/usr/bin/env python3
"""Cluster benchmark: the same burst into depeche in file mode and in cluster mode.

Cluster mode: a 3-node nats-server JetStream cluster on loopback (free ports, temporary store
directories, killed at the end), depeche with sink.kind=nats and an R3 stream. Reports, like
Benchmarks/Ingest/ingest_bench.py (whose measuring code it reuses): files/s from the first
drop until the N-th event is in the local log (in cluster mode a line is written there only
after the server acknowledged the event), drop-to-event latency p50/p99, peak RSS, and in
cluster mode the publish latency p50/p99 (upper bounds, from the
depeche_sink_publish_latency_seconds histogram of the metrics textfile).
"""
import argparse, os, shutil, signal, socket, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Ingest"))
import ingest_bench  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """Three nats-server nodes with JetStream, routed to each other on loopback."""

    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="bench-nats-")
        clients, routes = [free_port() for _ in range(3)], [free_port() for _ in range(3)]
        self.servers = ",".join(f"nats://127.0.0.1:{p}" for p in clients)
        self.procs = []
        for i in range(3):
            others = ", ".join(f"nats-route://127.0.0.1:{p}" for j, p in enumerate(routes) if j != i)
            conf = os.path.join(self.work, f"n{i}.conf")
            with open(conf, "w") as f:
                f.write(f"server_name: n{i}\nlisten: 127.0.0.1:{clients[i]}\n"
                        f"jetstream {{ store_dir: \"{self.work}/n{i}\" }}\n"
                        f"cluster {{ name: bench\n listen: 127.0.0.1:{routes[i]}\n routes: [{others}] }}\n")
            self.procs.append(subprocess.Popen(["nats-server", "-c", conf], stdout=subprocess.DEVNULL,
                                               stderr=open(os.path.join(self.work, f"n{i}.log"), "w")))
        time.sleep(6)  # a meta leader is elected about 5 s after start (FINDINGS.md)

    def close(self):
        for p in self.procs:
            p.kill()
            p.wait()
        shutil.rmtree(self.work, ignore_errors=True)


def publish_quantiles(textfile):
    """p50 and p99 upper bounds (ms) from the publish-latency histogram."""
    buckets, count = [], 0
    for line in open(textfile):
        if line.startswith("depeche_sink_publish_latency_seconds_bucket"):
            bound = line.split('le="')[1].split('"')[0]
            buckets.append((float(bound), float(line.split()[-1])))
        elif line.startswith("depeche_sink_publish_latency_seconds_count"):
            count = float(line.split()[-1])
    quantile = lambda q: next((b * 1000 for b, c in buckets if c >= q * count), float("inf"))
    return quantile(0.5), quantile(0.99), int(count)


def cluster_target(binary, settle_ms, servers, textfile):
    def start(inbox, state):
        proc = subprocess.Popen(
            [binary, "run", "--inbox", inbox, "--state-dir", state, "--set", f"intake.settle_ms={settle_ms}",
             "--set", "event.include_text=false", "--log-level", "warning",
             "--set", "sink.kind=nats", "--set", f"sink.nats.servers={servers}", "--set", "sink.nats.replicas=3",
             "--set", "sink.nats.host_id=bench", "--set", f"metrics.textfile={textfile}", "--set", "metrics.interval_s=1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        return proc, os.path.join(state, "events.jsonl")
    return start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ingest_bench.ROOT, ".build/release/depeche"))
    parser.add_argument("--pages", default=os.path.join(ingest_bench.ROOT, "../shared/eval/docs"))
    parser.add_argument("--files", type=int, default=6000, help="files in the burst (a burst of 2,000 lasts about a second: run-to-run noise of ±15 %%)")
    parser.add_argument("--settle-ms", type=int, default=200, help="depeche's intake.settle_ms")
    args = parser.parse_args()
    bodies = ingest_bench.pages(args.pages if os.path.isdir(args.pages) else None)
    file_mode = ingest_bench.measure("file mode", ingest_bench.depeche_target(args.binary, args.settle_ms),
                                     args.files, 0, bodies, "file")
    print(file_mode, flush=True)
    cluster = Cluster()
    textfile = os.path.join(cluster.work, "depeche.prom")
    try:
        cluster_mode = ingest_bench.measure("cluster mode", cluster_target(args.binary, args.settle_ms, cluster.servers, textfile),
                                            args.files, 0, bodies, "cluster")
        p50, p99, published = publish_quantiles(textfile)
    finally:
        cluster.close()
    print(cluster_mode, flush=True)
    print()
    print(f"{'mode':<14}{'files/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'peak RSS MiB':>14}")
    for r in (file_mode, cluster_mode):
        if "error" in r:
            print(f"{r['name']:<14} {r['error']}")
        else:
            print(f"{r['name']:<14}{r['files_per_s']:>10.0f}{r['p50_ms']:>10.1f}{r['p99_ms']:>10.1f}{r['peak_rss_mib']:>14.1f}")
    print(f"publish latency (3-node R3 on loopback, {published} publishes): p50 <= {p50:g} ms, p99 <= {p99:g} ms")
    if "error" not in file_mode and "error" not in cluster_mode:
        print(f"cluster/file throughput ratio {cluster_mode['files_per_s'] / file_mode['files_per_s']:.2f} (goal >= 0.8)")


if __name__ == "__main__":
    sys.exit(main())
