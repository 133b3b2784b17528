"""Alerts benchmark (README "Alerts"; issue 14): search p50/p99 with no subscriptions and with
1,000 subscriptions while new articles arrive through `trawl-index --watch`, and --watch's
ingest-to-searchable latency at 1 and 20 articles/s.

    python3 Benchmarks/py/alerts_bench.py --trawl-bin DIR [--articles 5000] [--duration 20]
    (or Benchmarks/run --alerts)

Everything runs on one machine: trawld, trawl-index --watch (at nice 5, as its systemd unit runs it),
a writer renaming files into place, the search client (one closed loop) and the subscribers (a
process of their own, reading their events on threads of their own)."""

import argparse
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from live_socket import Client, percentile


# The watcher's nice value in config/systemd/trawl-watch.service (Nice=5), which the benchmark mirrors.
WATCHER_NICE = 5


def article(number, words, rng, marker=None):
    title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
    body = " ".join(rng.choice(words) for _ in range(180))
    if marker:
        body += f" {marker}."
    return f"{title}\n\n12 May 2025\n\n{body}\n"


def rename_into_place(folder, name, text):
    temporary = os.path.join(folder, "." + name + ".tmp")
    with open(temporary, "w") as f:
        f.write(text)
    os.rename(temporary, os.path.join(folder, name))
    return time.perf_counter()


def wait_for(client, marker, timeout=30):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if client.call({"op": "count", "q": marker})["total"]["estimate"] > 0:
            return time.perf_counter()
        time.sleep(0.005)
    return None


def watch_latency(socket_path, folder, words, rate, count, first):
    """Articles renamed into place at `rate`/s; each one's time until a search finds it."""
    rng = random.Random(first)
    renamed = {}
    ready = threading.Condition()

    def writer():
        for n in range(first, first + count):
            at = rename_into_place(folder, f"live-{n:06d}.txt", article(n, words, rng, marker=f"livemarker{n:06d}x"))
            with ready:
                renamed[n] = at
                ready.notify_all()
            time.sleep(1 / rate)

    thread = threading.Thread(target=writer)
    thread.start()
    client = Client(socket_path)
    latencies = []
    for n in range(first, first + count):
        with ready:
            ready.wait_for(lambda: n in renamed)
        found = wait_for(client, f"livemarker{n:06d}x")
        if found is not None:
            latencies.append(found - renamed[n])
    thread.join()
    return {"rate_per_s": rate, "articles": count, "found": len(latencies),
            "p50_ms": percentile(latencies, 50) * 1000, "p95_ms": percentile(latencies, 95) * 1000}


def search_load(socket_path, queries, duration):
    """One client searching back to back for `duration` s: client-side latencies."""
    client = Client(socket_path)
    latencies = []
    end = time.perf_counter() + duration
    i = 0
    while time.perf_counter() < end:
        started = time.perf_counter()
        client.call({"op": "search", "q": queries[i % len(queries)], "limit": 10})
        latencies.append(time.perf_counter() - started)
        i += 1
    return {"searches": len(latencies), "p50_ms": percentile(latencies, 50) * 1000,
            "p99_ms": percentile(latencies, 99) * 1000}


def subscribers(socket_path, queries, total, connections):
    """`total` subscriptions over `connections` connections, each read by a thread; returns the
    event counter and the sockets (closed by the caller)."""
    events = [0]
    lock = threading.Lock()
    clients = []
    for c in range(connections):
        client = Client(socket_path)
        for s in range(c, total, connections):
            client.call({"op": "subscribe", "q": queries[s % len(queries)], "snippet": True})
        clients.append(client)

        def read(client=client):
            try:
                for line in client.file:
                    if b'"event"' in line:
                        with lock:
                            events[0] += 1
            except (OSError, ValueError):
                pass

        threading.Thread(target=read, daemon=True).start()
    return events, clients


def subscriber_process(socket_path, queries, total, connections, ready, stop, counted):
    """The subscribers as a process of their own, as real ones are: reading their events never
    holds the search client's interpreter lock. Sets `ready` once subscribed; at `stop`, puts the
    number of events read in `counted`."""
    events, clients = subscribers(socket_path, queries, total, connections)
    ready.set()
    stop.wait()
    counted.value = events[0]
    for client in clients:
        client.close()


def cpu_seconds(daemon, watcher):
    """CPU seconds used so far by trawld (all its threads), by its subscription matcher's thread
    alone, and by the watcher."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {"trawld": 0.0, "trawld-matcher": 0.0, "trawl-index --watch": 0.0}
    for pid, name in ((daemon, "trawld"), (watcher, "trawl-index --watch")):
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            seconds = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            used[name] += seconds
            if stat[stat.index("(") + 1:stat.rindex(")")] == "trawld-matcher":
                used["trawld-matcher"] += seconds
    return used


def with_cpu(pids, phase):
    """`phase()`'s result with the CPU seconds it took (`cpu_seconds` of `pids`) as "cpu_s"."""
    before = cpu_seconds(*pids)
    result = phase()
    after = cpu_seconds(*pids)
    result["cpu_s"] = {name: round(max(0.0, after[name] - before[name]), 2) for name in after}  # a thread that ended takes its time along
    return result


def search_while_writing(sock, queries, duration, folder, words, rate, first, pids):
    """Search latencies while `rate` articles/s are renamed into place (by a process of its own, as a
    scraper is: making articles never holds the search client's interpreter lock); how many were
    written, and the CPU seconds the daemon and the watcher (`pids`) used meanwhile."""
    processes = multiprocessing.get_context("fork")
    stop, written = processes.Event(), processes.Value("q", 0)
    writer = processes.Process(target=steady_writer, args=(folder, words, rate, stop, first, written))
    writer.start()
    time.sleep(2)
    result = with_cpu(pids, lambda: search_load(sock, queries, duration))
    stop.set()
    writer.join()
    result["articles_written"] = written.value
    return result


def steady_writer(folder, words, rate, stop, first, written):
    """Renames `rate` articles a second into place until `stop`; counts them in `written`."""
    rng = random.Random(first)
    n = first
    while not stop.is_set():
        rename_into_place(folder, f"stream-{n:06d}.txt", article(n, words, rng))
        n += 1
        written.value = n - first
        time.sleep(1 / rate)


def measure(trawl_bin, articles=5000, duration=20, subscriptions=1000, rate=20):
    """Every alerts figure, on an index of `articles` articles of its own (in a temporary folder)."""
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    queries = [rng.choice(words) if i % 2 else f"{rng.choice(words)} {rng.choice(words)}" for i in range(500)]
    work = tempfile.mkdtemp(prefix="trawl-alerts-")
    folder, index, sock = os.path.join(work, "articles"), os.path.join(work, "index"), os.path.join(work, "s")
    os.makedirs(folder)
    for n in range(articles):
        with open(os.path.join(folder, f"a{n:06d}.txt"), "w") as f:
            f.write(article(n, words, rng))
    binary = lambda name: os.path.join(trawl_bin, name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAWL_")}
    subprocess.run([binary("trawl-index"), "--index", index, "--rebuild", folder], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    daemon = subprocess.Popen([binary("trawld"), "--index", index, "--socket", sock], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watcher = None
    try:
        deadline = time.time() + 20
        while not os.path.exists(sock) and time.time() < deadline:
            time.sleep(0.05)
        # At the priority config/systemd/trawl-watch.service gives it (Nice=5): indexing yields to searches.
        watcher = subprocess.Popen([binary("trawl-index"), "--watch", "--index", index, folder], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=lambda: os.nice(WATCHER_NICE))
        time.sleep(2)  # its starting pass
        results = {"articles": articles, "subscriptions": subscriptions, "rate_per_s": rate, "duration_s": duration}
        results["watch_latency"] = [watch_latency(sock, folder, words, 1, 10, 900000),
                                    watch_latency(sock, folder, words, 20, 100, 910000)]
        search_load(sock, queries, 2)  # warm-up
        pids = (daemon.pid, watcher.pid)
        results["search_idle"] = with_cpu(pids, lambda: search_load(sock, queries, duration))
        # The same stream without subscriptions: what ingesting alone costs the searches.
        results["search_ingest_only"] = search_while_writing(sock, queries, duration, folder, words, rate, 0, pids)
        processes = multiprocessing.get_context("fork")
        ready, stop, counted = processes.Event(), processes.Event(), processes.Value("q", 0)
        subscribing = processes.Process(target=subscriber_process,
                                        args=(sock, queries, subscriptions, 10, ready, stop, counted))
        subscribing.start()
        if not ready.wait(120):
            raise RuntimeError("the subscribers did not subscribe within 120 s")
        results["search_with_subscriptions"] = search_while_writing(
            sock, queries, duration, folder, words, rate, 100000, pids)
        time.sleep(1)
        stop.set()
        subscribing.join(30)
        results["events_received"] = counted.value
    finally:
        for child in (watcher, daemon):
            if child:
                child.terminate()
                child.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    idle, ingest, busy = results["search_idle"], results["search_ingest_only"], results["search_with_subscriptions"]
    results["ratio_p50"] = busy["p50_ms"] / idle["p50_ms"]
    results["ratio_p99"] = busy["p99_ms"] / idle["p99_ms"]
    results["ratio_p99_vs_ingest_only"] = busy["p99_ms"] / ingest["p99_ms"]
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trawl-bin", required=True)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    results = measure(args.trawl_bin, args.articles, args.duration, args.subscriptions, args.rate)
    idle, ingest, busy = results["search_idle"], results["search_ingest_only"], results["search_with_subscriptions"]
    print(json.dumps(results, indent=2))
    for w in results["watch_latency"]:
        print(f"--watch at {w['rate_per_s']:g}/s: ingest-to-searchable p50 {w['p50_ms']:.0f} ms, p95 {w['p95_ms']:.0f} ms "
              f"({w['found']}/{w['articles']} found)", file=sys.stderr)
    print(f"search idle: p50 {idle['p50_ms']:.2f} ms, p99 {idle['p99_ms']:.2f} ms; with {args.subscriptions} subscriptions "
          f"and {args.rate:g} articles/s: p50 {busy['p50_ms']:.2f} ms, p99 {busy['p99_ms']:.2f} ms "
          f"(x{results['ratio_p50']:.2f}, x{results['ratio_p99']:.2f}); {results['events_received']} events", file=sys.stderr)
    print(f"the same stream without subscriptions: p50 {ingest['p50_ms']:.2f} ms, p99 {ingest['p99_ms']:.2f} ms; "
          f"p99 with subscriptions x{results['ratio_p99_vs_ingest_only']:.2f} of that", file=sys.stderr)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "alerts.json"), "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
