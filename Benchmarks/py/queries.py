"""The query set, drawn from the corpus itself so that every kind of query has realistic hits.

Reads a seeded sample of articles and writes one query per line as
`kind<TAB>sort<TAB>query` (the load generator's input; queries never contain tabs):
phrases of 2, 3 and 4 words taken from article text, single terms of high, medium and low
frequency (document frequency in the sample), AND/OR/NOT combinations, wildcards, title,
byline, source and date filters, and sorting by date.

    python3 queries.py --corpus DIR --seed 42 --out queries.tsv
"""

import argparse
import collections
import os
import random
import re

WORD = re.compile(r"[a-z]+")
SAMPLE_SIZE = 400

# How many queries of each kind the set holds.
MIX = {
    "phrase2": 40, "phrase3": 30, "phrase4": 20,
    "term_high": 15, "term_medium": 20, "term_low": 20,
    "and": 20, "or": 15, "not": 10, "group": 10,
    "wildcard": 15, "title": 15, "byline": 10, "source": 15,
    "date_range": 15, "date_month": 10, "sort_newest": 15, "filter_only_newest": 5,
}


class SampledArticle:
    """The parts of a generated article the query builder needs."""

    def __init__(self, text):
        lines = text.split("\n")
        self.source = re.search(r"the source '([^']+)'", lines[0]).group(1)
        self.title = lines[2]
        self.byline = next((line[3:] for line in lines[3:9] if line.startswith("By ")), None)
        date = re.search(r"seen on (\d{4})-(\d{2})-(\d{2})", lines[0])
        self.year, self.month = int(date.group(1)), int(date.group(2))
        # Runs of words without punctuation between them: where phrases can be taken from.
        self.runs = []
        for line in lines[4:]:
            if line and not line.startswith("By ") and not line[0].isdigit():
                for part in re.split(r"[.,]", line.lower()):
                    words = WORD.findall(part)
                    if len(words) >= 4:
                        self.runs.append(words)
        self.words = {w for run in self.runs for w in run}


def sample_articles(corpus, rng):
    paths = []
    for folder in sorted(os.listdir(corpus)):
        directory = os.path.join(corpus, folder)
        paths += [os.path.join(directory, name) for name in sorted(os.listdir(directory))]
    chosen = rng.sample(paths, min(SAMPLE_SIZE, len(paths)))
    articles = []
    for path in chosen:
        with open(path, encoding="utf-8") as f:
            articles.append(SampledArticle(f.read()))
    return articles


class QueryBuilder:
    def __init__(self, articles, rng):
        self.articles = articles
        self.rng = rng
        df = collections.Counter(w for a in articles for w in a.words)
        ranked = [w for w, _ in df.most_common() if len(w) > 2]
        n = len(ranked)
        self.high = ranked[: max(20, n // 200)]
        self.medium = ranked[n // 50: n // 10] or ranked
        self.low = [w for w, c in df.items() if c == 1 and len(w) > 3] or ranked

    def phrase(self, length):
        article = self.rng.choice(self.articles)
        run = self.rng.choice(article.runs)
        start = self.rng.randrange(len(run) - length + 1)
        return '"' + " ".join(run[start:start + length]) + '"'

    def pick(self, words):
        return self.rng.choice(words)

    def date_range(self):
        year = self.rng.randint(2019, 2024)
        month = self.rng.randint(1, 12)
        end_year, end_month = (year + (month + 5) // 12, (month + 5) % 12 + 1)
        return f"date:{year}-{month:02d}..{end_year}-{end_month:02d}"

    def make(self, kind):
        r, p, m = self.rng, self.pick, self.medium
        article = r.choice(self.articles)
        if kind.startswith("phrase"):
            return self.phrase(int(kind[-1])), "relevance"
        if kind.startswith("term_"):
            return p(getattr(self, kind[5:])), "relevance"
        queries = {
            "and": lambda: f"{p(m)} {p(self.high)}",
            "or": lambda: f"{p(m)} OR {p(self.low)}",
            "not": lambda: f"{p(self.high)} NOT {p(m)}",
            "group": lambda: f"({p(m)} OR {p(m)}) {p(self.high)}",
            "wildcard": lambda: p([w for w in m if len(w) >= 6])[:4] + "*",
            "title": lambda: "title:" + r.choice([w for w in WORD.findall(article.title.lower()) if len(w) > 3]
                                                 or WORD.findall(article.title.lower())),
            "byline": lambda: "by:" + (article.byline or "Smith").split()[-1].lower(),
            "source": lambda: f"source:{article.source} {p(m)}",
            "date_range": lambda: f"{p(m)} {self.date_range()}",
            "date_month": lambda: f"{p(self.high)} date:{article.year}-{article.month:02d}",
        }
        if kind == "sort_newest":
            return p(m), "newest"
        if kind == "filter_only_newest":
            return f"source:{article.source}", "newest"
        return queries[kind](), "relevance"


def build(corpus, seed):
    rng = random.Random(seed)
    builder = QueryBuilder(sample_articles(corpus, rng), rng)
    rows = [(kind, *builder.make(kind)) for kind, count in MIX.items() for _ in range(count)]
    rng.shuffle(rows)  # mixed kinds, so every client sees the whole mix
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="the articles folder")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    rows = build(options.corpus, options.seed)
    with open(options.out, "w") as f:
        for kind, query, sort in rows:
            f.write(f"{kind}\t{sort}\t{query}\n")
    print(f"{len(rows)} queries -> {options.out}")


if __name__ == "__main__":
    main()
