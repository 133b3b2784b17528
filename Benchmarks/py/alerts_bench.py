"""Alerts benchmark (README "Alerts"; issue 14): search p50/p99 while new articles arrive through
`trawl-index --watch` against quiet slices in between, with no subscription and with 1,000, and
--watch's ingest-to-searchable latency at 1 and 20 articles/s, and at 20/s while a client searches.

    python3 Benchmarks/py/alerts_bench.py --trawl-bin DIR [--articles 5000] [--duration 20]
    (or Benchmarks/run --alerts)

Everything runs on one machine: trawld, trawl-index --watch (at nice 5, as its systemd unit runs it;
it indexes in the idle scheduling class itself, guarded, README "Alerts"), a writer renaming files into place, the search client (one closed loop) and the subscribers (a
process of their own, reading their events on threads of their own)."""

import argparse
import contextlib
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


def watcher_priority():
    """The watcher's nice value, set in its process before it starts (it moves its indexing to the
    idle scheduling class itself, and back while starved: README "Alerts")."""
    return lambda: os.nice(WATCHER_NICE)


WATCHER_PRIORITY_NAME = f"nice {WATCHER_NICE}, indexing in the idle class with its guard"


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


def alternating(sock, queries, duration, folder, words, rate, first, pids, slice_s=2.0, settle_s=2.0):
    """Search latencies with no articles arriving ("quiet") and with `rate` articles/s renamed into
    place ("arriving"), in alternating slices of `slice_s` s until each has had `duration` s: whatever
    else the machine does (other jobs, a build) then weighs on both alike, and their ratio is the cost
    of the stream, not of the moment. Each slice starts `settle_s` s after the stream started or
    stopped (a watch batch and a matcher round in flight end first). The writer is a process of its
    own, as a scraper is: making articles never holds the search client's interpreter lock. Returns
    (quiet, arriving), each with the CPU seconds the daemon and the watcher (`pids`) used in its slices;
    arriving also with how many articles were written."""
    processes = multiprocessing.get_context("fork")
    stop, writing, written = processes.Event(), processes.Event(), processes.Value("q", 0)
    writer = processes.Process(target=steady_writer, args=(folder, words, rate, stop, writing, first, written))
    writer.start()
    client = Client(sock)
    phases = {"quiet": ([], {}), "arriving": ([], {})}
    try:
        for _ in range(max(1, round(duration / slice_s))):
            for name in ("quiet", "arriving"):
                (writing.set if name == "arriving" else writing.clear)()
                time.sleep(settle_s)
                latencies, cpu = phases[name]
                before = cpu_seconds(*pids)
                latencies += search_slice(client, queries, slice_s, len(latencies))
                after = cpu_seconds(*pids)
                for key in after:  # a thread that ended takes its time along
                    cpu[key] = cpu.get(key, 0.0) + max(0.0, after[key] - before[key])
    finally:
        stop.set()
        writing.set()
        writer.join()
        client.close()
    results = []
    for name in ("quiet", "arriving"):
        latencies, cpu = phases[name]
        results.append({"searches": len(latencies), "p50_ms": percentile(latencies, 50) * 1000,
                        "p99_ms": percentile(latencies, 99) * 1000,
                        "cpu_s": {key: round(value, 2) for key, value in cpu.items()}})
    results[1]["articles_written"] = written.value
    return results[0], results[1]


def search_slice(client, queries, seconds, start):
    """Searches back to back on `client` for `seconds` s, from query number `start`: the latencies."""
    latencies = []
    end = time.perf_counter() + seconds
    i = start
    while time.perf_counter() < end:
        started = time.perf_counter()
        client.call({"op": "search", "q": queries[i % len(queries)], "limit": 10})
        latencies.append(time.perf_counter() - started)
        i += 1
    return latencies


@contextlib.contextmanager
def searching(sock, queries):
    """A search client in a process of its own, searching back to back while the block runs."""
    def loop(stop):
        client = Client(sock)
        while not stop.is_set():
            search_slice(client, queries, 0.5, 0)
        client.close()

    processes = multiprocessing.get_context("fork")
    stop = processes.Event()
    searcher = processes.Process(target=loop, args=(stop,))
    searcher.start()
    try:
        time.sleep(1)
        yield
    finally:
        stop.set()
        searcher.join()


def steady_writer(folder, words, rate, stop, writing, first, written):
    """Renames `rate` articles a second into place while `writing` is set, until `stop`; counts them
    in `written`."""
    rng = random.Random(first)
    n = first
    while not stop.is_set():
        if not writing.wait(0.1):
            continue
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
        # At the priority config/systemd/trawl-watch.service gives it: indexing yields to searches.
        watcher = subprocess.Popen([binary("trawl-index"), "--watch", "--index", index, folder], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=watcher_priority())
        time.sleep(2)  # its starting pass
        results = {"articles": articles, "subscriptions": subscriptions, "rate_per_s": rate, "duration_s": duration,
                   "watcher_priority": WATCHER_PRIORITY_NAME}
        results["watch_latency"] = [watch_latency(sock, folder, words, 1, 10, 900000),
                                    watch_latency(sock, folder, words, 20, 100, 910000)]
        # Fresh news and fast searches at once: the watcher's lower priority must not starve it.
        with searching(sock, queries):
            results["watch_latency"].append(dict(watch_latency(sock, folder, words, 20, 100, 920000), searching=True))
        warm_up = Client(sock)
        search_slice(warm_up, queries, 2, 0)
        warm_up.close()
        pids = (daemon.pid, watcher.pid)
        # Quiet and arriving slices alternate (see `alternating`), first with no subscription, then
        # with `subscriptions` of them: each ratio compares slices of the same stretch of time.
        results["search_idle"], results["search_ingest_only"] = alternating(
            sock, queries, duration, folder, words, rate, 0, pids)
        processes = multiprocessing.get_context("fork")
        ready, stop, counted = processes.Event(), processes.Event(), processes.Value("q", 0)
        subscribing = processes.Process(target=subscriber_process,
                                        args=(sock, queries, subscriptions, 10, ready, stop, counted))
        subscribing.start()
        if not ready.wait(120):
            raise RuntimeError("the subscribers did not subscribe within 120 s")
        results["search_idle_subscribed"], results["search_with_subscriptions"] = alternating(
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
    idle, ingest = results["search_idle"], results["search_ingest_only"]
    quiet, busy = results["search_idle_subscribed"], results["search_with_subscriptions"]
    results["ratio_p99_ingest_only"] = ingest["p99_ms"] / idle["p99_ms"]
    # The target's ratio: arriving slices with subscriptions against the quiet slices between them
    # (subscribed, nothing arriving: the matcher has nothing to do).
    results["ratio_p50"] = busy["p50_ms"] / quiet["p50_ms"]
    results["ratio_p99"] = busy["p99_ms"] / quiet["p99_ms"]
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
    print(json.dumps(results, indent=2))
    for w in results["watch_latency"]:
        print(f"--watch at {w['rate_per_s']:g}/s{' while a client searches' if w.get('searching') else ''}: ingest-to-searchable p50 {w['p50_ms']:.0f} ms, p95 {w['p95_ms']:.0f} ms "
              f"({w['found']}/{w['articles']} found)", file=sys.stderr)
    for quiet, arriving, label in (("search_idle", "search_ingest_only", "no subscriptions"),
                                   ("search_idle_subscribed", "search_with_subscriptions", f"{args.subscriptions} subscriptions")):
        q, a = results[quiet], results[arriving]
        print(f"search, {label}: quiet p50 {q['p50_ms']:.2f} ms, p99 {q['p99_ms']:.2f} ms; {args.rate:g} articles/s arriving: "
              f"p50 {a['p50_ms']:.2f} ms, p99 {a['p99_ms']:.2f} ms (p99 x{a['p99_ms'] / q['p99_ms']:.2f})", file=sys.stderr)
    print(f"{results['events_received']} events; CPU s quiet {results['search_idle_subscribed']['cpu_s']}, "
          f"arriving {results['search_with_subscriptions']['cpu_s']}", file=sys.stderr)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "alerts.json"), "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
