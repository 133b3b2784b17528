"""Query measurements: the load generator against each contender at several concurrencies,
`trawl` and `quest` as whole one-shot processes, and the generation switch under load."""

import json
import os
import statistics
import subprocess
import threading
import time

from processes import BenchError, RSSSampler, run_measured


def load(loadgen, target, queries, clients, warmup, duration):
    """One load-generator run; `target` is the mode's arguments, e.g. ["--mode", "trawld", "--socket", s]."""
    command = [loadgen, *target, "--queries", queries, "--clients", str(clients),
               "--warmup", str(warmup), "--duration", str(duration)]
    result = run_measured(command)
    row = json.loads(result["stdout"])
    if row["queries"] == 0:
        raise BenchError(f"no query succeeded: {row.get('first_error')}")
    row["loadgen_cpu_s"] = result["user_s"] + result["sys_s"]
    return row


def sweep(loadgen, target, queries, concurrencies, warmup, duration, rss_pid=None, with_children=False):
    """Runs every concurrency; with `rss_pid`, also the peak RSS of that server during the runs."""
    rows, peak = {}, 0
    for clients in concurrencies:
        if rss_pid:
            with RSSSampler(rss_pid, with_children) as sampler:
                rows[clients] = load(loadgen, target, queries, clients, warmup, duration)
            rows[clients]["server_peak_rss_kb"] = sampler.peak_kb
            peak = max(peak, sampler.peak_kb)
        else:
            rows[clients] = load(loadgen, target, queries, clients, warmup, duration)
    return {"by_clients": rows, "server_peak_rss_kb": peak}


def one_shot_queries(queries_file, count):
    """Plain queries (terms and phrases) every one-shot tool understands the same way."""
    picked = []
    with open(queries_file) as f:
        for line in f:
            kind, _, query = line.rstrip("\n").split("\t", 2)
            if kind in ("term_medium", "phrase2", "and"):
                picked.append(query)
    return picked[:count]


def one_shot(command_for, queries, repeats=1):
    """Median and p95 wall time (ms) of running a whole process per query."""
    times = []
    for _ in range(repeats):
        for query in queries:
            result = run_measured(command_for(query), check=False)
            if result["returncode"] not in (0, 1):
                raise BenchError(f"one-shot {command_for(query)[0]} failed: {result['stderr'][-500:]}")
            times.append(result["seconds"] * 1000)
    times.sort()
    return {"runs": len(times), "p50_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))], "max_rss_kb": None}


def generation_switch(loadgen, socket_path, index, queries, rebuild, clients=2, timeout=3600):
    """Starts `clients` trawld clients watching INDEX/current, runs `rebuild()` once they are
    measuring, and returns the load generator's report (switch_ms, failed, latencies) plus the
    rebuild's own figures."""
    command = [loadgen, "--mode", "trawld", "--socket", socket_path, "--queries", queries,
               "--clients", str(clients), "--warmup", "0.5", "--duration", str(timeout), "--watch", index]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        if child.stderr.readline().strip() != "measuring":
            raise BenchError("load generator did not start: " + child.stderr.read()[-1000:])
        errors = []
        threading.Thread(target=lambda: errors.append(child.stderr.read()), daemon=True).start()
        rebuilt = rebuild()
        out, _ = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait()
    row = json.loads(out)
    row["rebuild_under_load"] = rebuilt
    return row


def trawld_rss(pid):
    from processes import proc_status_kb
    return {"rss_kb": proc_status_kb(pid, "VmRSS"), "hwm_kb": proc_status_kb(pid, "VmHWM")}


def settle(seconds=1.0):
    time.sleep(seconds)
