"""`put` over trawld's socket (Benchmarks/run --put): puts/s with 1 and 16 concurrent writers,
with and without `wait`, and ingest-to-searchable latency of `put` with `wait` (the answer
comes once trawld's readers see the article; each is then searched to confirm) at 1 and 20
articles/s, p50/p95. Runs on a small index of its own; writes put.json and put.txt to --out."""

import argparse
import json
import os
import shutil
import threading
import time

from live_socket import Client, percentile
from processes import Daemon, run_measured, unix_socket_answers

BODY = ("The council met on Tuesday to discuss the budget for the coming year, and members said that the "
        "plans for new housing, transport and schools would be published after the consultation. ")


def article(tag):
    return {"id": f"bench/{tag}", "title": f"Bench {tag}", "body": BODY * 3 + f"It mentions putmark{tag}x.",
            "date": "2026-11-30T08:00:00Z", "source": "bench"}


def throughput(path, writers, wait, seconds, run):
    """Puts per second over `seconds`, each writer putting one article after another."""
    counts = [0] * writers
    stop = time.monotonic() + seconds

    def write(number):
        client = Client(path)
        while time.monotonic() < stop:
            client.call({"op": "put", "article": article(f"{run}w{number}n{counts[number]}"), "wait": wait})
            counts[number] += 1
        client.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def latency(path, rate, count, run):
    """Puts with `wait` sent at `rate` a second (each on a connection of its own, so a slow answer
    does not delay the next send); seconds from send to the answer, each confirmed by a search."""
    results = [None] * count

    def one(number):
        client = Client(path)
        tag = f"{run}l{number}"
        sent = time.monotonic()
        client.call({"op": "put", "article": article(tag), "wait": True})
        took = time.monotonic() - sent
        hits = client.call({"op": "search", "q": f"putmark{tag}x", "snippet": False})["hits"]
        results[number] = took if [h["id"] for h in hits] == [f"bench/{tag}"] else None
        client.close()

    threads = []
    start = time.monotonic()
    for number in range(count):
        time.sleep(max(0.0, start + number / rate - time.monotonic()))
        thread = threading.Thread(target=one, args=(number,))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    found = [r for r in results if r is not None]
    if len(found) < count:
        raise RuntimeError(f"{count - len(found)} of {count} puts were not found right after their answer")
    return {"p50_ms": round(percentile(found, 50) * 1000, 2), "p95_ms": round(percentile(found, 95) * 1000, 2),
            "count": count}


def measure(trawl_bin, work, seconds):
    """Every `put` figure, on an index of 200 articles of its own under `work`."""
    root = os.path.join(work, "put")
    shutil.rmtree(root, ignore_errors=True)
    articles, index, sock = f"{root}/articles", f"{root}/index", f"{root}/trawld.sock"
    os.makedirs(articles)
    for n in range(200):
        with open(f"{articles}/a{n:04d}.txt", "w") as f:
            f.write(f"Report {n}\n\n{BODY * 3}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAWL_")}
    run_measured([f"{trawl_bin}/trawl-index", "--index", index, "--rebuild", articles], env=env)
    env.update({"TRAWL_SOCKET_WRITE_UIDS": str(os.getuid()), "TRAWL_ARTICLES_ROOT": articles})
    command = [f"{trawl_bin}/trawld", "--index", index, "--socket", sock]
    report = {"seconds": seconds, "throughput_puts_per_s": {}, "latency_with_wait": {}}
    with Daemon(command, root, unix_socket_answers(sock), f"{root}/trawld.log", env=env):
        for writers in (1, 16):
            for wait in (False, True):
                name = f"{writers}_writers{'_wait' if wait else ''}"
                report["throughput_puts_per_s"][name] = round(throughput(sock, writers, wait, seconds, name), 1)
        for rate, count in ((1, 10), (20, 200)):
            report["latency_with_wait"][f"{rate}_per_s"] = latency(sock, rate, count, f"r{rate}")
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trawl-bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()

    report = measure(args.trawl_bin, args.work, args.seconds)
    os.makedirs(args.out, exist_ok=True)
    with open(f"{args.out}/put.json", "w") as f:
        json.dump(report, f, indent=2)
    lines = [f"put throughput ({args.seconds:g} s each):"]
    lines += [f"  {name}: {value} puts/s" for name, value in report["throughput_puts_per_s"].items()]
    lines += ["put with wait, ingest-to-searchable latency:"]
    lines += [f"  {name}: p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms ({v['count']} puts)"
              for name, v in report["latency_with_wait"].items()]
    text = "\n".join(lines) + "\n"
    with open(f"{args.out}/put.txt", "w") as f:
        f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
