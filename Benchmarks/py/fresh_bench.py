"""Every issue-14 figure in one run, one table with ratios (Benchmarks/run --fresh): ingest-to-
searchable p50/p95 for `--watch` and for `put` with `wait` at 1 and 20 articles/s, `put`
throughput with 1 and 16 writers, and search p50/p99 in alternating quiet slices and slices with 20
articles/s arriving, without and with 1,000 subscriptions. Writes results.md and fresh.json to --out; the load average before and
after is in both (everything shares the machine's cores)."""

import argparse
import json
import os
import time

import alerts_bench
import put_bench


def load_average():
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def rows(put, alerts):
    """(figure, value, ratio) rows of the table."""
    table = []
    for w in alerts["watch_latency"]:
        searching = " while a client searches back to back" if w.get("searching") else ""
        table.append((f"`--watch` ingest-to-searchable at {w['rate_per_s']:g}/s{searching}, p50 / p95 ms",
                      f"{w['p50_ms']:.0f} / {w['p95_ms']:.0f} ({w['found']}/{w['articles']} found)", ""))
    for name, v in put["latency_with_wait"].items():
        rate = name.split("_")[0]
        table.append((f"`put` with `wait` ingest-to-searchable at {rate}/s, p50 / p95 ms",
                      f"{v['p50_ms']:.0f} / {v['p95_ms']:.0f} ({v['count']} puts)", ""))
    puts = put["throughput_puts_per_s"]
    for suffix, label in (("", ""), ("_wait", " with `wait`")):
        one, sixteen = puts[f"1_writers{suffix}"], puts[f"16_writers{suffix}"]
        table.append((f"`put`{label} throughput, 1 writer, puts/s", f"{one:.0f}", ""))
        table.append((f"`put`{label} throughput, 16 writers, puts/s", f"{sixteen:.0f}", f"{sixteen / one:.2f}x 1 writer"))
    idle, ingest = alerts["search_idle"], alerts["search_ingest_only"]
    quiet, busy = alerts["search_idle_subscribed"], alerts["search_with_subscriptions"]
    rate, subs = alerts["rate_per_s"], alerts["subscriptions"]
    table.append(("search, no subscription, quiet slices, p50 / p99 ms", f"{idle['p50_ms']:.2f} / {idle['p99_ms']:.2f}", ""))
    table.append((f"search, no subscription, {rate:g} articles/s arriving via `--watch`, p50 / p99 ms",
                  f"{ingest['p50_ms']:.2f} / {ingest['p99_ms']:.2f}",
                  f"p99 {alerts['ratio_p99_ingest_only']:.2f}x quiet"))
    table.append((f"search, {subs:,} subscriptions, quiet slices, p50 / p99 ms", f"{quiet['p50_ms']:.2f} / {quiet['p99_ms']:.2f}", ""))
    table.append((f"search, {subs:,} subscriptions, {rate:g} articles/s arriving, p50 / p99 ms",
                  f"{busy['p50_ms']:.2f} / {busy['p99_ms']:.2f}",
                  f"p50 {alerts['ratio_p50']:.2f}x, p99 {alerts['ratio_p99']:.2f}x quiet (target 1.5x)"))
    table.append((f"events delivered to the {subs:,} subscriptions", f"{alerts['events_received']}", ""))
    for phase, label in ((idle, "quiet, no subscription"), (ingest, "arriving, no subscription"),
                         (quiet, "quiet, subscriptions"), (busy, "arriving, subscriptions")):
        cpu = phase["cpu_s"]
        shown = ", ".join(f"{name} {cpu[name]:.1f}" for name in cpu)
        table.append((f"CPU seconds in the {alerts['duration_s']:g} s of {label} slices", shown, ""))
    return table


def markdown(table, put, alerts, loads):
    lines = ["# Fresh news (issue 14): one run", "",
             f"Load average (1/5/15 min) before: {loads[0]}; after: {loads[1]}. "
             f"Search: one closed-loop client on an index of {alerts['articles']:,} articles "
             f"(`trawl-index --watch`: {alerts['watcher_priority']}), "
             f"{alerts['duration_s']:g} s of quiet and of arriving slices each, alternating; "
             f"`put`: {put['seconds']:g} s per throughput run.", "",
             "| figure | value | ratio |", "|---|---|---|"]
    lines += [f"| {figure} | {value} | {ratio} |" for figure, value, ratio in table]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trawl-bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--duration", type=float, default=20, help="seconds per search phase")
    parser.add_argument("--put-seconds", type=float, default=5, help="seconds per put throughput run")
    parser.add_argument("--subscriptions", type=int, default=1000)
    args = parser.parse_args()

    before = load_average()
    started = time.monotonic()
    put = put_bench.measure(args.trawl_bin, args.work, args.put_seconds)
    alerts = alerts_bench.measure(args.trawl_bin, args.articles, args.duration, args.subscriptions)
    loads = (before, load_average())
    text = markdown(rows(put, alerts), put, alerts, loads)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "fresh.json"), "w") as f:
        json.dump({"put": put, "alerts": alerts, "load_average": loads, "seconds": time.monotonic() - started}, f, indent=2)
    print(text, end="")


if __name__ == "__main__":
    main()
