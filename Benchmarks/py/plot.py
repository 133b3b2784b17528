"""PNG plots of a run: latency percentiles and throughput vs concurrency (per size), and index
throughput vs corpus size. Skipped with a message when matplotlib cannot be imported."""

import os


def write(results, out):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot skipped: matplotlib is not installed (pip install matplotlib)")
        return []
    written = []
    contenders = [("load_trawld", "trawld (socket)"), ("load_inproc", "in-process C++"), ("load_tcpsrv", "xapian-tcpsrv")]
    for s in (s for s in results["sizes"] if "load_trawld" in s):  # not in a --shards-only run
        fig, (lat, qps) = plt.subplots(1, 2, figsize=(12, 4.5))
        for key, label in contenders:
            rows = {int(k): v for k, v in s[key]["by_clients"].items()}
            clients = sorted(rows)
            for p, style in (("p50", "-"), ("p95", "--"), ("p99", ":")):
                lat.plot(clients, [rows[c][f"{p}_ms"] for c in clients], style, marker="o", label=f"{label} {p}")
            qps.plot(clients, [rows[c]["qps"] for c in clients], marker="o", label=label)
        for axis, title, unit in ((lat, "latency percentiles", "ms"), (qps, "throughput", "queries/s")):
            axis.set_xscale("log", base=2)
            axis.set_xlabel("concurrent clients")
            axis.set_ylabel(unit)
            axis.set_title(f"{s['size']}: {title}")
            axis.legend(fontsize=7)
        lat.set_yscale("log")
        path = os.path.join(out, f"latency-{s['size']}.png")
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)

    fig, axis = plt.subplots(figsize=(6, 4.5))
    sizes = sorted(results["sizes"], key=lambda s: s["corpus"]["articles"])
    articles = [s["corpus"]["articles"] for s in sizes]
    for key, label in (("trawl_rebuild", "trawl-index --rebuild"), ("ref_index", "C++ reference"),
                       ("omega_index", "scriptindex")):
        points = [(a, s[key]["articles_per_s"]) for a, s in zip(articles, sizes) if s.get(key)]
        if points:
            axis.plot(*zip(*points), marker="o", label=label)
    axis.set_xscale("log")
    axis.set_xlabel("articles in corpus")
    axis.set_ylabel("articles/s")
    axis.set_title("index throughput vs corpus size")
    axis.legend()
    path = os.path.join(out, "index-throughput.png")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    written.append(path)
    print("plots: " + ", ".join(written))
    return written
