"""Index builds: trawl-index --rebuild, its incremental run on the unchanged corpus, the C++
reference indexer and Xapian Omega's scriptindex (with its input conversion timed apart)."""

import json
import os
import shutil
import subprocess
import sys

from processes import run_measured

# The reference's commit policy: Xapian's autoflush every this many documents, one final commit.
FLUSH_THRESHOLD = "10000"
HERE = os.path.dirname(os.path.abspath(__file__))


def dir_bytes(path):
    total = 0
    for directory, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(directory, name))
            except OSError:
                pass
    return total


def generation_dir(index):
    """The live generation's folder: `current`'s first line names it (`auto gen-N`) or, with
    shards, one of its shards (`auto gen-N/shard-0`), whose siblings and lexicon count too."""
    with open(os.path.join(index, "current")) as f:
        return os.path.join(index, f.read().split()[1].split("/")[0])


def throughput(row, corpus):
    row["articles"] = corpus["articles"]
    row["articles_per_s"] = corpus["articles"] / row["seconds"]
    row["mb_per_s"] = corpus["bytes"] / 1e6 / row["seconds"]
    row["ms_per_article"] = 1000 * row["seconds"] / corpus["articles"]
    return row


def slim(result):
    return {k: result[k] for k in ("seconds", "max_rss_kb", "user_s", "sys_s")}


def trawl_rebuild(bins, index, articles, corpus, workdir, env):
    result = run_measured([os.path.join(bins, "trawl-index"), "--index", index, "--rebuild", "--json", articles],
                          cwd=workdir, env=env)
    summary = json.loads(result["stdout"])
    if summary.get("failed"):
        raise RuntimeError(f"trawl-index failed on {summary['failed']} files: {summary.get('failures')[:3]}")
    row = throughput(slim(result), corpus)
    row["generation"] = summary.get("generation")
    row["disk_bytes"] = dir_bytes(generation_dir(index))
    return row


def trawl_incremental(bins, index, articles, corpus, workdir, env):
    result = run_measured([os.path.join(bins, "trawl-index"), "--index", index, "--json", articles],
                          cwd=workdir, env=env)
    summary = json.loads(result["stdout"])
    row = throughput(slim(result), corpus)
    row["unchanged"] = summary.get("unchanged")
    row["changed"] = summary.get("added", 0) + summary.get("updated", 0) + summary.get("deleted", 0)
    return row


def reference_index(refindex, db, articles, corpus, env):
    shutil.rmtree(db, ignore_errors=True)
    result = run_measured([refindex, articles, db], env=dict(env, XAPIAN_FLUSH_THRESHOLD=FLUSH_THRESHOLD))
    row = throughput(slim(result), corpus)
    row["disk_bytes"] = dir_bytes(db)
    row["flush_threshold"] = int(FLUSH_THRESHOLD)
    return row


def omega_index(db, articles, corpus, workdir, env):
    """Conversion (Python) and scriptindex, measured separately; None when scriptindex is missing."""
    if not shutil.which("scriptindex"):
        return None
    dump = os.path.join(workdir, "omega.dump")
    converter = os.path.join(HERE, "..", "omega", "txt_to_scriptindex.py")
    conversion = run_measured([sys.executable, converter, articles, dump], env=env)
    shutil.rmtree(db, ignore_errors=True)
    script = os.path.join(HERE, "..", "omega", "articles.script")
    result = run_measured(["scriptindex", "--overwrite", "--stemmer=english", db, script, dump],
                          env=dict(env, XAPIAN_FLUSH_THRESHOLD=FLUSH_THRESHOLD), stdin=subprocess.DEVNULL)
    os.remove(dump)
    row = throughput(slim(result), corpus)
    row["disk_bytes"] = dir_bytes(db)
    row["conversion"] = throughput(slim(conversion), corpus)
    row["with_conversion"] = throughput({"seconds": result["seconds"] + conversion["seconds"]}, corpus)
    return row
