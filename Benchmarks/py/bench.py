"""Trawl against plain Xapian, one corpus size after another, everything in one run.
Called by Benchmarks/run (which builds the programs); see Benchmarks/README.md."""

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time

import collapse
import corpus as corpus_generator
import indexing
import queries as query_set
import querying
import report
import shards
from processes import BenchError, Daemon, free_port, tcp_port_open, trawld_request, unix_socket_answers

SIZES = {"tiny": 150, "1k": 1000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
CONCURRENCY = [1, 2, 8, 32]


def parse_size(name):
    if name in SIZES:
        return SIZES[name]
    if name.endswith("k") and name[:-1].isdigit():
        return int(name[:-1]) * 1000
    if name.isdigit():
        return int(name)
    raise SystemExit(f"unknown size {name!r}: use tiny, 10k, 100k, 1m or a number")


def ensure_corpus(work, size_name, seed):
    """Generates the corpus and its query set once; later runs reuse them."""
    root = os.path.join(work, f"corpus-{parse_size(size_name)}-s{seed}-v{corpus_generator.GENERATOR_VERSION}")
    manifest_path = os.path.join(root, "corpus.json")
    queries_path = os.path.join(root, "queries.tsv")
    if not os.path.exists(manifest_path):
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        print(f"[{size_name}] generating {parse_size(size_name)} articles in {root}", flush=True)
        corpus_generator.generate(parse_size(size_name), seed, root)
        print(f"[{size_name}] generated in {time.perf_counter() - started:.1f} s", flush=True)
    if not os.path.exists(queries_path):
        rows = query_set.build(os.path.join(root, "articles"), seed)
        with open(queries_path, "w") as f:
            f.writelines(f"{kind}\t{sort}\t{q}\n" for kind, q, sort in rows)
    with open(manifest_path) as f:
        return root, json.load(f), queries_path


def clean_env():
    """No config file and no TRAWL_* overrides: every contender runs with its defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAWL_") and not k.startswith("XAPIAN_")}
    return env


def bench_size(size_name, options, tools):
    root, corpus, queries = ensure_corpus(options.work, size_name, options.seed)
    articles = os.path.join(root, "articles")
    if options.reuse:
        # A folder of its own per size that outlives the run: its shard indexes are served again.
        scratch = os.path.join(os.path.abspath(options.reuse), size_name)
        os.makedirs(scratch, exist_ok=True)
    else:
        scratch = tempfile.mkdtemp(prefix=f"run-{size_name}-", dir=options.work)
    sock_dir = tempfile.mkdtemp(prefix="tb-", dir="/tmp")  # Unix socket paths must stay short
    socket_path = os.path.join(sock_dir, "s")
    env, index = clean_env(), os.path.join(scratch, "trawl")
    bins, loadgen = options.trawl_bin, tools["loadgen"]
    res = {"size": size_name, "corpus": corpus, "load_before": os.getloadavg()}
    step = lambda what: print(f"[{size_name}] {what}", flush=True)
    try:
        if not options.shards_only:
            step("reference indexer (C++)")
            res["ref_index"] = indexing.reference_index(tools["refindex"], os.path.join(scratch, "ref"), articles, corpus, env)
            shutil.rmtree(os.path.join(scratch, "ref"), ignore_errors=True)
            if not options.no_omega:
                step("scriptindex (Xapian Omega)")
                res["omega_index"] = indexing.omega_index(os.path.join(scratch, "omega"), articles, corpus, scratch, env)
                shutil.rmtree(os.path.join(scratch, "omega"), ignore_errors=True)
            step("trawl-index --rebuild")
            res["trawl_rebuild"] = indexing.trawl_rebuild(bins, index, articles, corpus, scratch, env)
            step("trawl-index (incremental, unchanged corpus)")
            res["trawl_incremental"] = indexing.trawl_incremental(bins, index, articles, corpus, scratch, env)

            trawld = [os.path.join(bins, "trawld"), "--index", index, "--socket", socket_path]
            with Daemon(trawld, scratch, unix_socket_answers(socket_path), os.path.join(scratch, "trawld.log"), env) as d:
                querying.settle(1.0)
                res["trawld_idle"] = querying.trawld_rss(d.pid)
                res["hello"] = trawld_request(socket_path, '{"op":"hello"}').decode().strip()
                step("one-shot trawl and quest")
                picked = querying.one_shot_queries(queries, options.one_shot_count)
                trawl = os.path.join(bins, "trawl")
                res["one_shot_trawl"] = querying.one_shot(lambda q: [trawl, "--socket", socket_path, "--limit", "10", q], picked)
                gen = indexing.generation_dir(index)
                res["one_shot_quest"] = querying.one_shot(lambda q: ["quest", "-d", gen, "-m", "10", q], picked)
                step(f"trawld load, clients {CONCURRENCY}")
                res["load_trawld"] = querying.sweep(loadgen, ["--mode", "trawld", "--socket", socket_path], queries,
                                                    CONCURRENCY, options.warmup, options.duration, rss_pid=d.pid)
                res["trawld_after_load"] = querying.trawld_rss(d.pid)
                step("trawld ping round trip, 1 client")
                res["ping_trawld"] = querying.load(loadgen, ["--mode", "trawld", "--socket", socket_path, "--op", "ping"],
                                                   queries, 1, options.warmup, options.duration)
                step("search with and without collapse: story, 1 client")
                res["collapse_story"] = collapse.measure(socket_path, queries, options.warmup, options.duration)
                step("in-process reference load")
                res["load_inproc"] = querying.sweep(loadgen, ["--mode", "inproc", "--db", os.path.join(index, "current")],
                                                    queries, CONCURRENCY, options.warmup, options.duration)
                step("xapian-tcpsrv load")
                port = free_port()
                tcpsrv = ["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), gen]
                with Daemon(tcpsrv, scratch, tcp_port_open(port), os.path.join(scratch, "tcpsrv.log"), env) as t:
                    res["load_tcpsrv"] = querying.sweep(loadgen, ["--mode", "remote", "--port", str(port)], queries,
                                                        CONCURRENCY, options.warmup, options.duration,
                                                        rss_pid=t.pid, with_children=True)
                step("generation switch under load (trawl-index --rebuild)")
                rebuild = lambda: indexing.trawl_rebuild(bins, index, articles, corpus, scratch, env)
                res["switch"] = querying.generation_switch(loadgen, socket_path, index, queries, rebuild)
                res["trawld_final"] = querying.trawld_rss(d.pid)
            res["trawld_exit"] = d.exit_code
        if options.shard_modes:
            res["shards"] = shards.bench_shard_modes(shards.parse_modes(options.shard_modes), bins, loadgen, articles,
                                                     corpus, queries, scratch, env, options, step)
    finally:
        res["load_after"] = os.getloadavg()
        shutil.rmtree(sock_dir, ignore_errors=True)
        if options.keep or options.reuse:
            print(f"[{size_name}] kept indexes in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return res


def main():
    # Signals blocked by whatever started us (a test runner's thread) would be inherited by every
    # process below, and SIGTERM could not stop them.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10k")
    parser.add_argument("--out", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--trawl-bin", required=True)
    parser.add_argument("--tools", required=True, help="folder with loadgen and refindex")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--one-shot-count", type=int, default=20)
    parser.add_argument("--no-omega", action="store_true")
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--shard-modes", default="", help="e.g. 1,4,remote4: one database, 4 local, 4 remote shards")
    parser.add_argument("--shards-only", action="store_true", help="only the shard modes, not the contenders")
    parser.add_argument("--reuse", default="", help="keep the shard indexes in DIR/<size> and serve them again "
                        "on later runs with the same DIR instead of rebuilding")
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)
    tools = {name: os.path.join(options.tools, name) for name in ("loadgen", "refindex")}
    started = time.perf_counter()
    results = {"sizes": [], "started": time.strftime("%Y-%m-%d %H:%M:%S"), "cpus": os.cpu_count(),
               "trawl_bin": options.trawl_bin}
    for size_name in options.sizes.split(","):
        size_started = time.perf_counter()
        try:
            row = bench_size(size_name.strip(), options, tools)
        except BenchError as error:
            sys.exit(f"benchmark failed at size {size_name}: {error}")
        row["bench_seconds"] = time.perf_counter() - size_started
        results["sizes"].append(row)
        with open(os.path.join(options.out, "results.json"), "w") as f:
            json.dump(results, f, indent=1)
    results["total_seconds"] = time.perf_counter() - started
    with open(os.path.join(options.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    markdown = report.render(results)
    with open(os.path.join(options.out, "results.md"), "w") as f:
        f.write(markdown)
    print(markdown)
    if not options.no_plot:
        import plot
        plot.write(results, options.out)
    print(f"results in {options.out} ({results['total_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
