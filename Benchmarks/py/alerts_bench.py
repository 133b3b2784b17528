"""Alerts benchmark (README "Alerts"; issue 14): search p50/p99 with no subscriptions and with
1,000 subscriptions while new articles arrive through `trawl-index --watch`, and --watch's
ingest-to-searchable latency at 1 and 20 articles/s.

    python3 Benchmarks/py/alerts_bench.py --trawl-bin DIR [--articles 5000] [--duration 20]
    (or Benchmarks/run --alerts)

Everything runs on one machine: trawld, trawl-index --watch, a writer renaming files into place,
the search client (one closed loop) and the subscribers (reading their events on threads of their own)."""

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


class Client:
    """One connection speaking the line protocol."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")

    def call(self, request):
        self.sock.sendall((json.dumps(request) + "\n").encode())
        while True:
            answer = json.loads(self.file.readline())
            if "event" not in answer:
                return answer


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
        answer = client.call({"op": "search", "q": queries[i % len(queries)], "limit": 10})
        latencies.append(time.perf_counter() - started)
        if not answer.get("ok"):
            raise RuntimeError(f"search failed: {answer}")
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
            answer = client.call({"op": "subscribe", "q": queries[s % len(queries)], "snippet": True})
            if not answer.get("ok"):
                raise RuntimeError(f"subscribe failed: {answer}")
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


def search_while_writing(sock, queries, duration, folder, words, rate, first):
    """Search latencies while `rate` articles/s are renamed into place; and how many were written."""
    stop = threading.Event()
    written = []
    writer = threading.Thread(target=lambda: written.append(steady_writer(folder, words, rate, stop, first)))
    writer.start()
    time.sleep(2)
    result = search_load(sock, queries, duration)
    stop.set()
    writer.join()
    result["articles_written"] = written[0]
    return result


def steady_writer(folder, words, rate, stop, first):
    rng = random.Random(first)
    n = first
    while not stop.is_set():
        rename_into_place(folder, f"stream-{n:06d}.txt", article(n, words, rng))
        n += 1
        time.sleep(1 / rate)
    return n - first


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trawl-bin", required=True)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    queries = [rng.choice(words) if i % 2 else f"{rng.choice(words)} {rng.choice(words)}" for i in range(500)]
    work = tempfile.mkdtemp(prefix="trawl-alerts-")
    articles, index, sock = os.path.join(work, "articles"), os.path.join(work, "index"), os.path.join(work, "s")
    os.makedirs(articles)
    for n in range(args.articles):
        with open(os.path.join(articles, f"a{n:06d}.txt"), "w") as f:
            f.write(article(n, words, rng))
    binary = lambda name: os.path.join(args.trawl_bin, name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAWL_")}
    subprocess.run([binary("trawl-index"), "--index", index, "--rebuild", articles], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    daemon = subprocess.Popen([binary("trawld"), "--index", index, "--socket", sock], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watcher = None
    try:
        deadline = time.time() + 20
        while not os.path.exists(sock) and time.time() < deadline:
            time.sleep(0.05)
        watcher = subprocess.Popen([binary("trawl-index"), "--watch", "--index", index, articles], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)  # its starting pass
        results = {"articles": args.articles, "subscriptions": args.subscriptions, "rate_per_s": args.rate,
                   "duration_s": args.duration}
        results["watch_latency"] = [watch_latency(sock, articles, words, 1, 10, 900000),
                                    watch_latency(sock, articles, words, 20, 100, 910000)]
        search_load(sock, queries, 2)  # warm-up
        results["search_idle"] = search_load(sock, queries, args.duration)
        # The same stream without subscriptions: what ingesting alone costs the searches.
        results["search_ingest_only"] = search_while_writing(sock, queries, args.duration, articles, words, args.rate, 0)
        events, clients = subscribers(sock, queries, args.subscriptions, 10)
        results["search_with_subscriptions"] = search_while_writing(
            sock, queries, args.duration, articles, words, args.rate, 100000)
        time.sleep(1)
        results["events_received"] = events[0]
        for client in clients:
            client.sock.close()
        idle, ingest, busy = results["search_idle"], results["search_ingest_only"], results["search_with_subscriptions"]
        results["ratio_p50"] = busy["p50_ms"] / idle["p50_ms"]
        results["ratio_p99"] = busy["p99_ms"] / idle["p99_ms"]
        results["ratio_p99_vs_ingest_only"] = busy["p99_ms"] / ingest["p99_ms"]
    finally:
        for child in (watcher, daemon):
            if child:
                child.terminate()
                child.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

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
