"""The targets of issues 5, 13, 15 and 16, checked against a run's figures: rows of (target, measured, PASS/MISS)."""


def _clients_of(row):
    return {int(k): v for k, v in row["by_clients"].items()}


def _clients(s, key):
    return _clients_of(s[key])


def _verdict(ok):
    return "PASS" if ok else "**MISS**"


def _size_rows(s):
    name = s["size"]
    rows = []
    t, ref = s["trawl_rebuild"], s["ref_index"]
    speedup = t["articles_per_s"] / ref["articles_per_s"]
    rows.append((f"[{name}] trawl-index --rebuild >= 1.6x C++ reference throughput",
                 f"{speedup:.2f}x ({t['articles_per_s']:.0f} vs {ref['articles_per_s']:.0f} articles/s)", speedup >= 1.6))
    inc = s["trawl_incremental"]["articles_per_s"]
    rows.append((f"[{name}] incremental unchanged run >= 20,000 articles/s", f"{inc:,.0f}/s", inc >= 20_000))

    tr, ip, tc = _clients(s, "load_trawld"), _clients(s, "load_inproc"), _clients(s, "load_tcpsrv")
    gap = tr[1]["p50_ms"] - ip[1]["p50_ms"]
    rows.append((f"[{name}] socket p50 − in-process p50 <= 0.1 ms", f"{gap:+.3f} ms ({tr[1]['p50_ms']:.3f} vs "
                 f"{ip[1]['p50_ms']:.3f})", gap <= 0.1))
    ping = s["ping_trawld"]["p50_ms"] * 1000
    rows.append((f"[{name}] `ping` round trip p50 < 50 µs", f"{ping:.0f} µs", ping < 50))
    p99 = tr[1]["p99_ms"] / ip[1]["p99_ms"]
    rows.append((f"[{name}] socket p99 within 1.5x of in-process", f"{p99:.2f}x", p99 <= 1.5))
    many = [c for c in tr if c >= 8]
    best = max(many, key=lambda c: tr[c]["qps"])
    scale = tr[best]["qps"] / tr[1]["qps"]
    rows.append((f"[{name}] throughput with 8+ clients >= 1.8x single-client", f"{scale:.2f}x at {best} clients",
                 scale >= 1.8))
    vs_inproc = tr[8]["qps"] / ip[8]["qps"]
    rows.append((f"[{name}] throughput at 8 clients >= 0.95x in-process", f"{vs_inproc:.2f}x ({tr[8]['qps']:.0f} vs "
                 f"{ip[8]['qps']:.0f}/s)", vs_inproc >= 0.95))
    vs_tcp = tr[best]["qps"] / max(tc[c]["qps"] for c in many)
    rows.append((f"[{name}] throughput with 8+ clients >= 2x xapian-tcpsrv's", f"{vs_tcp:.2f}x", vs_tcp >= 2))
    one = s["one_shot_trawl"]["p50_ms"]
    rows.append((f"[{name}] `trawl` one-shot whole process < 15 ms (target set for 100k)", f"{one:.1f} ms", one < 15))
    sw = s["switch"]
    switch_ms, failed = sw["switch"]["switch_ms"], sw["failed"] + sw["exceptions"]
    rows.append((f"[{name}] generation switch < 1 s with zero failed queries",
                 f"{'never seen' if switch_ms is None else f'{switch_ms:.0f} ms'}, {failed} failed",
                 switch_ms is not None and switch_ms < 1000 and failed == 0))
    if "collapse_story" in s:
        c = s["collapse_story"]
        rows.append((f"[{name}] search p50 with `collapse: \"story\"` within 1.5x of without (issue 15)",
                     f"{c['p50_ratio']:.2f}x ({c['story']['round_trip']['p50_ms']:.3f} vs "
                     f"{c['without']['round_trip']['p50_ms']:.3f} ms)", c["p50_ratio"] <= 1.5))
    rss = s["load_trawld"]["server_peak_rss_kb"] / 1024
    rows.append((f"[{name}] daemon RSS under load < 100 MB (target set for 100k)", f"{rss:.1f} MB", rss < 100))
    return rows


def _shard_rows(s):
    """Issue 13: K local shards within 1.2x of one database's p50 at 1 client, K remote within 3x."""
    modes = s["shards"]["modes"]
    if "1" not in modes:
        return []
    one = _clients_of(modes["1"])[1]["p50_ms"]
    rows = []
    for name, m in modes.items():
        if m["shards"] == 1 and not m["remote"]:
            continue
        limit = 3.0 if m["remote"] else 1.2
        by_clients = _clients_of(m)
        p50 = by_clients[1]["p50_ms"]
        failed = sum(row["failed"] + row["exceptions"] for row in by_clients.values())
        rows.append((f"[{s['size']}] `{name}` p50 within {limit}x of one database, no failed query",
                     f"{p50 / one:.2f}x ({p50:.3f} vs {one:.3f} ms), {failed} failed", p50 / one <= limit and failed == 0))
    return rows


def _large_rows(s):
    """Issue 13 at 1M articles: a sharded rebuild within the hour on 2 cores, an unchanged
    incremental run within a minute, search p50 under 10 ms."""
    if s["corpus"]["articles"] < 1_000_000:
        return []
    rows = []
    for name, m in s["shards"]["modes"].items():
        if m["shards"] == 1 or m["remote"]:
            continue
        rebuild, p50 = m["rebuild"]["seconds"], _clients_of(m)[1]["p50_ms"]
        rows.append((f"[{s['size']}] `{name}` rebuild < 60 min", f"{rebuild / 60:.1f} min", rebuild < 3600))
        if "incremental" in m:
            seconds = m["incremental"]["seconds"]
            rows.append((f"[{s['size']}] `{name}` unchanged incremental < 60 s", f"{seconds:.1f} s", seconds < 60))
        rows.append((f"[{s['size']}] `{name}` search p50 < 10 ms", f"{p50:.2f} ms", p50 < 10))
    return rows


def _growth_rows(sizes):
    by_articles = {s["corpus"]["articles"]: s for s in sizes}
    if 10_000 not in by_articles or 100_000 not in by_articles:
        return [("index time per article and query p50 growth 10k -> 100k <= 1.5x", "needs --sizes 10k,100k", None)]
    small, big = by_articles[10_000], by_articles[100_000]
    per_article = big["trawl_rebuild"]["ms_per_article"] / small["trawl_rebuild"]["ms_per_article"]
    p50 = _clients(big, "load_trawld")[1]["p50_ms"] / _clients(small, "load_trawld")[1]["p50_ms"]
    return [("index time per article growth 10k -> 100k <= 1.5x", f"{per_article:.2f}x", per_article <= 1.5),
            ("query p50 growth 10k -> 100k <= 1.5x", f"{p50:.2f}x", p50 <= 1.5)]


def evaluate(results):
    rows = []
    for s in results["sizes"]:
        if "trawl_rebuild" in s:
            rows += _size_rows(s)
        if "shards" in s:
            rows += _shard_rows(s) + _large_rows(s)
    if any("trawl_rebuild" in s for s in results["sizes"]):
        rows += _growth_rows(results["sizes"])
    return [[target, measured, "n/a" if ok is None else _verdict(ok)] for target, measured, ok in rows]
