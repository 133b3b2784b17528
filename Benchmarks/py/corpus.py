"""Deterministic generator of news-like `.txt` article files (the scraped-page sample format).

Each file: a source line and an original-URL line (as the scraper writes them), the headline,
usually a date line (`15 May 2025, 11:13`, sometimes `| Updated: …`) and a `By …` byline,
then paragraphs, one per line, separated by blank lines. Bodies are 3-13 KB.
Files go 1000 to a folder (`f0000/`, `f0001/`, …). Folder k's content depends only on the
seed and k, so any number of processes produce the same bytes.

    python3 corpus.py --articles 10000 --seed 42 --out DIR
"""

import argparse
import datetime
import json
import multiprocessing
import os
import random
import signal
import sys

from vocabulary import SOURCE_WEIGHTS, SOURCES, Vocabulary

PER_FOLDER = 1000
FIRST_DAY = datetime.datetime(2019, 1, 1)
DAYS = (datetime.datetime(2025, 12, 31) - FIRST_DAY).days
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
GENERATOR_VERSION = 2  # bump when the output changes, so cached corpora are regenerated

_vocabulary = None


def _init_worker(seed):
    global _vocabulary
    _vocabulary = Vocabulary(seed)


def _date_text(moment):
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment.hour:02d}:{moment.minute:02d}"


class ArticleWriter:
    """Writes the articles of one folder with its own random stream."""

    def __init__(self, vocabulary, rng):
        self.v = vocabulary
        self.rng = rng

    def body(self, topic):
        """Paragraphs of sentences; all words of the body are drawn in one call (the slow part)."""
        rng, v = self.rng, self.v
        target = int(rng.triangular(3000, 13000, 7000))
        chunks = rng.choices(v.chunks, cum_weights=v.chunk_cum_weights, k=target // 7)
        # An article keeps returning to its topic words, as real stories do.
        for _ in range(len(chunks) // 12):
            chunks[rng.randrange(len(chunks))] = rng.choice(topic)
        paragraphs, sentences, size, start = [], [], 0, 0
        while size < target:
            if start + 22 > len(chunks):
                chunks += rng.choices(v.chunks, cum_weights=v.chunk_cum_weights, k=500)
            end = start + rng.randint(6, 22)
            words = chunks[start:end]
            if rng.random() < 0.3:
                words[rng.randrange(len(words) - 1)] += ","
            text = " ".join(words)
            sentences.append(text[0].upper() + text[1:] + ".")
            size += len(text) + 2
            start = end
            if rng.random() < 0.35:
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)

    def article(self, number):
        rng, v = self.rng, self.v
        topic = [v.forms[rng.randrange(40000)] for _ in range(12)] + rng.sample(v.collocations[:5000], 3)
        source, host = rng.choices(SOURCES, weights=SOURCE_WEIGHTS)[0]
        moment = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(24 * 60))
        title_words = [rng.choice(topic) for _ in range(rng.randint(2, 4))]
        title_words += rng.choices(v.chunks, cum_weights=v.chunk_cum_weights, k=rng.randint(3, 7))
        rng.shuffle(title_words)
        title = " ".join(title_words)
        lines = [
            f"This article is from the source '{source}' and was first published or seen on {moment:%Y-%m-%d}.",
            f"You can find the current article at its original source at https://{host}/news/{number:08d}-{title_words[0]}",
            title[0].upper() + title[1:],
            "",
        ]
        if rng.random() < 0.9:
            date = _date_text(moment)
            if rng.random() < 0.3:
                date += " | Updated: " + _date_text(moment + datetime.timedelta(minutes=rng.randint(10, 600)))
            lines += [date, ""]
        if rng.random() < 0.75:
            lines += ["By " + rng.choice(v.bylines), ""]
        lines.append(self.body(topic))
        return "\n".join(lines) + "\n"


def write_folder(args):
    seed, folder, count, out = args
    rng = random.Random(seed * 1_000_003 + folder)
    writer = ArticleWriter(_vocabulary, rng)
    directory = os.path.join(out, f"f{folder:04d}")
    os.makedirs(directory, exist_ok=True)
    total = 0
    for i in range(count):
        number = folder * PER_FOLDER + i
        text = writer.article(number).encode()
        with open(os.path.join(directory, f"a{number:07d}.txt"), "wb") as f:
            f.write(text)
        total += len(text)
    return total


def generate(articles, seed, out, processes=None):
    """Writes `articles` files under `out/articles` and `out/corpus.json` (the manifest, kept
    outside the articles folder so the indexers never see it); returns the manifest."""
    articles_dir = os.path.join(out, "articles")
    os.makedirs(articles_dir, exist_ok=True)
    folders = [(seed, k, min(PER_FOLDER, articles - k * PER_FOLDER), articles_dir)
               for k in range((articles + PER_FOLDER - 1) // PER_FOLDER)]
    # Workers exit by themselves when all went well; Pool.terminate (SIGTERM) only on failure.
    pool = multiprocessing.Pool(processes or os.cpu_count(), initializer=_init_worker, initargs=(seed,))
    try:
        total = sum(pool.imap_unordered(write_folder, folders))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    manifest = {"articles": articles, "bytes": total, "seed": seed, "version": GENERATOR_VERSION,
                "folders": len(folders)}
    with open(os.path.join(out, "corpus.json"), "w") as f:
        json.dump(manifest, f)
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    # SIGTERM stops the pool's workers on failure; whatever started us may have left it blocked
    # (a test runner's thread did, and the pool hung). bench.py does the same for its runs.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    manifest = generate(options.articles, options.seed, options.out)
    json.dump(manifest, sys.stdout)
    print()


if __name__ == "__main__":
    main()
