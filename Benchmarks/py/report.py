"""results.json -> results.md: per corpus size, each Trawl figure beside the reference figure
from the same run with the ratio, then PASS/MISS for every target of issue 5."""

import targets


def fmt(value, digits=2):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def ratio(a, b):
    return None if a is None or not b else a / b


def mb(kb):
    return None if kb is None else kb / 1024


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n"


def indexing_section(s):
    t, ref, om = s["trawl_rebuild"], s["ref_index"], s.get("omega_index")
    conv = om["with_conversion"] if om else None
    rows = []
    for label, key, scale, digits in [("index throughput (articles/s)", "articles_per_s", 1, 0),
                                      ("index throughput (MB/s)", "mb_per_s", 1, 2),
                                      ("index time per article (ms)", "ms_per_article", 1, 3),
                                      ("index wall time (s)", "seconds", 1, 1),
                                      ("indexer peak RSS (MB)", "max_rss_kb", 1 / 1024, 0),
                                      ("index size on disk (MB)", "disk_bytes", 1 / 1e6, 0)]:
        tv, rv = t[key] * scale, ref[key] * scale
        ov = om[key] * scale if om else None
        cv = conv[key] * scale if conv and key in conv else None
        rows.append([label, fmt(tv, digits), fmt(rv, digits), fmt(ratio(tv, rv)), fmt(ov, digits), fmt(cv, digits)])
    inc = s["trawl_incremental"]
    rows.append(["incremental run, unchanged corpus (articles/s checked)", fmt(inc["articles_per_s"], 0), "—", "—",
                 "—", "—"])
    return "#### Indexing\n\n" + table(
        ["", "trawl-index --rebuild", "C++ reference", "Trawl / ref", "scriptindex", "scriptindex + conversion"], rows)


def latency_section(s):
    tr, ip, tc = (s[k]["by_clients"]["1"] if "1" in s[k]["by_clients"] else s[k]["by_clients"][1]
                  for k in ("load_trawld", "load_inproc", "load_tcpsrv"))
    rows = [[f"query latency {p} (ms), 1 client", fmt(tr[f"{p}_ms"], 3), fmt(ip[f"{p}_ms"], 3),
             fmt(ratio(tr[f"{p}_ms"], ip[f"{p}_ms"])), fmt(tc[f"{p}_ms"], 3), fmt(ratio(tr[f"{p}_ms"], tc[f"{p}_ms"]))]
            for p in ("p50", "p95", "p99", "mean")]
    # trawld's own took_ms: round trip minus it is the transport, it minus in-process the hop and
    # trawld's extra work. Ping: the round trip with no index work.
    took, ping = tr.get("took_p50_ms"), s["ping_trawld"]["p50_ms"]
    rows.append(["trawld took_ms p50 (its own time per search), 1 client", fmt(took, 3), "—", "—", "—", "—"])
    rows.append(["`ping` round trip p50 (ms), 1 client", fmt(ping, 3), "—", "—", "—", "—"])
    return "#### Query latency\n\n" + table(
        ["", "trawld (socket)", "in-process C++", "trawld / in-process", "xapian-tcpsrv", "trawld / tcpsrv"], rows)


def by_clients(s, key):
    return {int(k): v for k, v in s[key]["by_clients"].items()}


def throughput_section(s):
    tr, ip, tc = (by_clients(s, k) for k in ("load_trawld", "load_inproc", "load_tcpsrv"))
    rows = []
    for c in sorted(tr):
        rows.append([f"concurrency {c} clients: throughput (queries/s)", fmt(tr[c]["qps"], 0), fmt(ip[c]["qps"], 0),
                     fmt(ratio(tr[c]["qps"], ip[c]["qps"])), fmt(tc[c]["qps"], 0), fmt(ratio(tr[c]["qps"], tc[c]["qps"])),
                     fmt(tr[c]["p99_ms"], 2), str(tr[c]["failed"] + tr[c]["exceptions"])])
    return "#### Throughput by concurrency\n\n" + table(
        ["", "trawld", "in-process C++", "trawld / in-process", "xapian-tcpsrv", "trawld / tcpsrv",
         "trawld p99 (ms)", "trawld failed"], rows)


def process_section(s):
    t, q, sw = s["one_shot_trawl"], s["one_shot_quest"], s["switch"]
    idle, hwm = s["trawld_idle"]["rss_kb"], s["trawld_after_load"]["hwm_kb"]
    peak, tcp = s["load_trawld"]["server_peak_rss_kb"], s["load_tcpsrv"]["server_peak_rss_kb"]
    rows = [
        ["`trawl` one-shot whole process, p50 (ms)", fmt(t["p50_ms"], 1), "`quest` one-shot", fmt(q["p50_ms"], 1),
         fmt(ratio(t["p50_ms"], q["p50_ms"]))],
        ["`trawl` one-shot whole process, p95 (ms)", fmt(t["p95_ms"], 1), "`quest` one-shot", fmt(q["p95_ms"], 1),
         fmt(ratio(t["p95_ms"], q["p95_ms"]))],
        ["generation switch: rename of `current` to first new answer (ms)", fmt(sw["switch"]["switch_ms"], 0),
         "—", "—", "—"],
        ["generation switch: failed queries / queries during rebuild", f"{sw['failed'] + sw['exceptions']} / {sw['queries']}",
         "—", "—", "—"],
        ["generation switch: trawld p99 during rebuild (ms)", fmt(sw["p99_ms"], 2), "—", "—", "—"],
        ["rebuild under query load (articles/s)", fmt(sw["rebuild_under_load"]["articles_per_s"], 0), "—", "—", "—"],
        ["daemon RSS idle (MB)", fmt(mb(idle), 1), "xapian-tcpsrv", "—", "—"],
        ["daemon RSS under load, peak sampled (MB)", fmt(mb(peak), 1), "xapian-tcpsrv (+children)", fmt(mb(tcp), 1),
         fmt(ratio(peak, tcp))],
        ["daemon RSS high-water mark VmHWM (MB)", fmt(mb(hwm), 1), "—", "—", "—"],
    ]
    return "#### Processes, switch and RSS\n\n" + table(["", "Trawl", "reference", "reference value", "ratio"], rows)


def kinds_section(s):
    tr, ip = by_clients(s, "load_trawld")[1]["by_kind"], by_clients(s, "load_inproc")[1]["by_kind"]
    rows = [[kind, str(tr[kind]["n"]), fmt(tr[kind]["p50_ms"], 3), fmt(ip.get(kind, {}).get("p50_ms"), 3),
             fmt(ratio(tr[kind]["p50_ms"], ip.get(kind, {}).get("p50_ms"))), fmt(tr[kind]["p99_ms"], 3)]
            for kind in sorted(tr)]
    return "<details><summary>Latency by query kind, 1 client</summary>\n\n" + table(
        ["kind", "n", "trawld p50 (ms)", "in-process p50 (ms)", "ratio", "trawld p99 (ms)"], rows) + "\n</details>\n"


def shards_section(s):
    """One row per shard mode, each compared with the one-database mode of the same run."""
    modes = s["shards"]["modes"]
    one = modes.get("1")
    rows = []
    for name, m in modes.items():
        c = {int(k): v for k, v in m["by_clients"].items()}
        base = {int(k): v for k, v in one["by_clients"].items()} if one else {}
        qps = " / ".join(fmt(c[n]["qps"], 0) for n in sorted(c))
        p50_ratio = ratio(c[1]["p50_ms"], base[1]["p50_ms"]) if base else None
        qps_ratio = " / ".join(fmt(ratio(c[n]["qps"], base[n]["qps"])) for n in sorted(c)) if base else "—"
        failed = sum(v["failed"] + v["exceptions"] for v in c.values())
        build = fmt(m["rebuild"]["seconds"], 1) + (" (reused)" if m.get("reused") else "")
        cpu = fmt(m["rebuild"]["user_s"] + m["rebuild"]["sys_s"], 0)
        incremental = fmt(m["incremental"]["seconds"], 2) if "incremental" in m else "—"
        rows.append([f"`{name}`", str(m["shards"]), "remote (xapian-tcpsrv)" if m["remote"] else "local",
                     build, cpu, incremental, fmt(c[1]["p50_ms"], 3), fmt(c[1]["p99_ms"], 3),
                     fmt(p50_ratio), qps, qps_ratio, fmt(mb(m["server_peak_rss_kb"]), 1), str(failed)])
    clients = " / ".join(str(n) for n in s["shards"]["clients"])
    return "#### Sharded serving (trawld)\n\n" + table(
        ["mode", "shards", "where", "rebuild (s)", "rebuild CPU (s)", "unchanged incremental (s)", "p50 1 client (ms)", "p99 1 client (ms)", "p50 / one db",
         f"q/s at {clients} clients", "q/s / one db", "trawld peak RSS (MB)", "failed"], rows)


def render(results):
    out = [f"# Trawl vs plain Xapian — {results['started']}\n",
           f"{results['cpus']} CPUs; Trawl binaries: `{results['trawl_bin']}`. "
           "Reference indexer: single writer, add_document, XAPIAN_FLUSH_THRESHOLD=10000, one commit at the end. "
           "In-process and xapian-tcpsrv searches run the same queries, parser flags, prefixes, top 10 and "
           "snippets as trawld, from the same load generator.\n"]
    for s in results["sizes"]:
        c = s["corpus"]
        out.append(f"## {s['size']}: {c['articles']:,} articles, {c['bytes'] / 1e6:,.0f} MB\n")
        out.append(f"Load average before/after: {s['load_before'][0]:.2f} / {s['load_after'][0]:.2f} "
                   f"(other work on the machine skews every figure). This size took {s.get('bench_seconds', 0):.0f} s.\n")
        if "trawl_rebuild" in s:
            for section in (indexing_section, latency_section, throughput_section, process_section, kinds_section):
                out.append(section(s))
        if "shards" in s:
            out.append(shards_section(s))
    out.append("## Targets\n")
    out.append(table(["target", "measured", "result"], targets.evaluate(results)))
    return "\n".join(out)
