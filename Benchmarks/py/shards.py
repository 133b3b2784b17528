"""Sharded serving side by side: one database, K local shards and K remote shards (one
`xapian-tcpsrv` per shard on 127.0.0.2, 127.0.0.3, ...), the same articles and queries, the
same load generator through trawld. Modes are named `1`, `4`, `remote4` (any K)."""

import json
import os
import shutil

import indexing
import querying
from processes import BenchError, Daemon, tcp_port_open, unix_socket_answers

CLIENTS = [1, 8, 32]


def parse_modes(text):
    """"1,4,remote4" -> [("1", 1, False), ("4", 4, False), ("remote4", 4, True)]."""
    modes = []
    for name in filter(None, (part.strip() for part in text.split(","))):
        remote = name.startswith("remote")
        count = name[len("remote"):] if remote else name
        if not count.isdigit() or not 1 <= int(count) <= 64:
            raise SystemExit(f"unknown shard mode {name!r}: use K or remoteK with K in 1...64, e.g. 1,4,remote4")
        modes.append((name, int(count), remote))
    return modes


def shard_paths(index):
    """The databases `current` lists, as absolute paths (one line per shard)."""
    with open(os.path.join(index, "current")) as f:
        return [os.path.join(index, line.split()[1]) for line in f if line.startswith("auto ")]


def port_base():
    """Ports below the ephemeral range, spread by pid so that two runs do not collide."""
    return 24000 + (os.getpid() % 400) * 16


def remote_index(scratch, paths, env, stack):
    """One xapian-tcpsrv per shard, each on a loopback address of its own, and a folder whose
    `current` stub names them with `remote HOST:PORT` lines."""
    folder = os.path.join(scratch, f"remote{len(paths)}")
    os.makedirs(folder, exist_ok=True)
    lines, base = [], port_base()
    for number, path in enumerate(paths):
        host, port = f"127.0.0.{2 + number}", base + number
        command = ["xapian-tcpsrv", "--interface", host, "--port", str(port), path]
        log = os.path.join(scratch, f"tcpsrv-{number}.log")
        stack.append(Daemon(command, scratch, tcp_port_open(port, host), log, env).__enter__())
        lines.append(f"remote {host}:{port}\n")
    with open(os.path.join(folder, "current"), "w") as f:
        f.writelines(lines)
    return folder


def read_once(paths):
    """Reads every file of the databases once, so that each mode starts with its index in the page
    cache, as a daemon that has served for a while has it: a reused index read back cold from disk
    would otherwise lose against a mode whose index was just written."""
    for path in paths:
        for folder, _, names in os.walk(path):
            for name in names:
                with open(os.path.join(folder, name), "rb") as f:
                    while f.read(1 << 22):
                        pass


def measure_mode(bins, loadgen, index, queries, scratch, env, options):
    sock_dir = os.path.join("/tmp", f"tbs-{os.getpid()}")
    os.makedirs(sock_dir, exist_ok=True)
    socket_path = os.path.join(sock_dir, "s")
    trawld = [os.path.join(bins, "trawld"), "--index", index, "--socket", socket_path]
    try:
        with Daemon(trawld, scratch, unix_socket_answers(socket_path), os.path.join(scratch, "trawld-shards.log"),
                    env) as d:
            querying.settle(0.5)
            row = querying.sweep(loadgen, ["--mode", "trawld", "--socket", socket_path], queries, CLIENTS,
                                 options.warmup, options.duration, rss_pid=d.pid)
            row["trawld_hwm"] = querying.trawld_rss(d.pid)["hwm_kb"]
        return row
    finally:
        shutil.rmtree(sock_dir, ignore_errors=True)


def build_shards(bins, articles, corpus, scratch, env, count, step):
    """`indexing.shards: count`: the rebuild, then an incremental run over the unchanged corpus.
    Both rows are saved beside the index, so a later run with `--reuse` serves the same index
    again (a 1M rebuild takes an hour or more) and still reports how it was built."""
    index = os.path.join(scratch, f"shards-{count}")
    record = os.path.join(scratch, f"shards-{count}.json")
    if os.path.exists(record) and os.path.exists(os.path.join(index, "current")):
        step(f"shards: reusing {index} (built earlier; its build figures are from then)")
        with open(record) as f:
            return index, dict(json.load(f), reused=True)
    shard_env = dict(env, TRAWL_INDEXING_SHARDS=str(count))
    step(f"shards: trawl-index --rebuild with indexing.shards {count}")
    built = {"rebuild": indexing.trawl_rebuild(bins, index, articles, corpus, scratch, shard_env)}
    step(f"shards: trawl-index (incremental, unchanged corpus) with indexing.shards {count}")
    built["incremental"] = indexing.trawl_incremental(bins, index, articles, corpus, scratch, shard_env)
    with open(record, "w") as f:
        json.dump(built, f)
    return index, built


def bench_shard_modes(modes, bins, loadgen, articles, corpus, queries, scratch, env, options, step):
    """Per mode: the build that made its index (shared by `4` and `remote4`) and the load sweep."""
    built, result = {}, {"clients": CLIENTS, "modes": {}}
    for name, count, remote in modes:
        if count not in built:
            built[count] = build_shards(bins, articles, corpus, scratch, env, count, step)
        index, build = built[count]
        step(f"shards: {name}, clients {CLIENTS}")
        servers = []
        read_once(shard_paths(index))
        try:
            serve = remote_index(scratch, shard_paths(index), env, servers) if remote else index
            row = measure_mode(bins, loadgen, serve, queries, scratch, env, options)
        finally:
            for server in reversed(servers):
                server.__exit__(None, None, None)
        if remote and any(s.exit_code not in (0, -15, None) for s in servers):
            raise BenchError(f"a xapian-tcpsrv of mode {name} exited {[s.exit_code for s in servers]}")
        row["rebuild"], row["incremental"] = build["rebuild"], build["incremental"]
        row["reused"] = build.get("reused", False)
        row["shards"], row["remote"] = count, remote
        result["modes"][name] = row
    return result
