"""Issue 15's search cost of `collapse: "story"`: the query set searched with and without it on one
trawld connection, each query both ways in turn (the order swapped every other query, so that a
busy machine slows both alike), for `duration` seconds after `warmup`. p50 and p95 of the client's
round trip and of trawld's own `took_ms`, and the ratios."""

import json
import socket
import statistics
import time

from processes import BenchError


def _queries(path):
    with open(path) as f:
        return [(sort, query) for kind, sort, query in (line.rstrip("\n").split("\t", 2) for line in f)]


def _line(sort, query, collapse):
    request = {"op": "search", "limit": 10, "q": query}
    if sort == "newest":
        request["sort"] = "newest"
    if collapse:
        request["collapse"] = "story"
    return (json.dumps(request) + "\n").encode()


def _ask(conn, reader, line):
    began = time.perf_counter()
    conn.sendall(line)
    answer = reader.readline()
    ms = (time.perf_counter() - began) * 1000
    if b'"ok":true' not in answer:
        raise BenchError(f"search failed: {answer[:300]!r}")
    took = json.loads(answer).get("took_ms")
    return ms, took


GRACE_S = 30


def _done(elapsed, planned, measured):
    return elapsed >= planned and (measured or elapsed >= planned + GRACE_S)


def _summary(values):
    values = sorted(values)
    return {"p50_ms": statistics.median(values), "p95_ms": values[min(len(values) - 1, int(0.95 * len(values)))]}


def measure(socket_path, queries_path, warmup, duration):
    queries = _queries(queries_path)
    if not queries:
        raise BenchError("no queries")
    rows = {False: {"round_trip": [], "took": []}, True: {"round_trip": [], "took": []}}
    with socket.socket(socket.AF_UNIX) as conn:
        conn.connect(socket_path)
        reader = conn.makefile("rb")
        started, i = time.perf_counter(), 0
        # As the load generator does: a run in which no pair was measured yet (a busy machine, a
        # slow first query) goes on, at most 30 s more, until one is.
        while not _done(time.perf_counter() - started, warmup + duration, measured=bool(rows[True]["round_trip"])):
            sort, query = queries[i % len(queries)]
            measuring = time.perf_counter() - started >= warmup
            for collapse in ((False, True) if i % 2 == 0 else (True, False)):
                ms, took = _ask(conn, reader, _line(sort, query, collapse))
                if measuring:
                    rows[collapse]["round_trip"].append(ms)
                    if took is not None:
                        rows[collapse]["took"].append(took)
            i += 1
    if not rows[True]["round_trip"]:
        raise BenchError(f"no query pair finished within {warmup + duration + GRACE_S:.0f} s")
    out = {}
    for collapse, name in ((False, "without"), (True, "story")):
        out[name] = {"queries": len(rows[collapse]["round_trip"]), "round_trip": _summary(rows[collapse]["round_trip"])}
        if rows[collapse]["took"]:
            out[name]["took"] = _summary(rows[collapse]["took"])
    out["p50_ratio"] = out["story"]["round_trip"]["p50_ms"] / out["without"]["round_trip"]["p50_ms"]
    return out
