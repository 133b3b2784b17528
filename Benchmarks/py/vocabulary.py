"""The language the synthetic news corpus is written in.

Deterministic from a seed: English function words at the head of a Zipf curve, then
tens of thousands of made-up (but pronounceable, inflected) content words, and a table
of collocations (word pairs and triples that recur across articles) so that phrase
queries have realistic selectivity: some phrases are common, most are rare.
"""

import itertools
import random

# The most frequent English words with rough relative frequencies (per 1000 tokens).
FUNCTION_WORDS = [
    ("the", 60), ("of", 30), ("and", 28), ("to", 27), ("a", 23), ("in", 21), ("that", 11),
    ("is", 10), ("was", 9), ("he", 9), ("for", 9), ("it", 8), ("with", 7), ("as", 7),
    ("his", 6), ("on", 6), ("be", 6), ("at", 5), ("by", 5), ("i", 5), ("this", 5),
    ("had", 4), ("not", 4), ("are", 4), ("but", 4), ("from", 4), ("or", 3), ("have", 3),
    ("an", 3), ("they", 3), ("which", 3), ("one", 3), ("you", 3), ("were", 3), ("her", 3),
    ("all", 3), ("she", 2), ("there", 2), ("would", 2), ("their", 2), ("we", 2), ("him", 2),
    ("been", 2), ("has", 2), ("when", 2), ("who", 2), ("will", 2), ("more", 2), ("no", 2),
    ("if", 2), ("out", 2), ("so", 2), ("said", 2), ("what", 2), ("up", 2), ("its", 2),
    ("about", 2), ("into", 2), ("than", 2), ("them", 2), ("can", 2), ("only", 2),
    ("other", 2), ("new", 2), ("some", 2), ("could", 2), ("time", 2), ("these", 2),
    ("two", 2), ("may", 1), ("then", 1), ("do", 1), ("first", 1), ("any", 1), ("my", 1),
    ("now", 1), ("such", 1), ("like", 1), ("our", 1), ("over", 1), ("also", 1),
    ("after", 1), ("year", 1), ("government", 1), ("people", 1), ("minister", 1),
]

ONSETS = ["b", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h", "j",
          "k", "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sc", "sh", "sl", "sp", "st", "str",
          "t", "th", "tr", "v", "w", "wh", "z", ""]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "oa", "ou", "io", "y"]
CODAS = ["", "", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "rk", "st", "ck", "ll", "sh", "ng"]

FIRST_NAMES = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
               "Elizabeth", "William", "Susan", "Richard", "Jessica", "Joseph", "Sarah", "Thomas",
               "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Sophie", "Mark", "Emma",
               "Paul", "Olivia", "Steven", "Amelia", "Andrew", "Isla", "Joshua", "Grace", "Kevin",
               "Chloe", "Brian", "Hannah", "George", "Laura", "Keir", "Rachel", "Yvette", "Priya",
               "Ahmed", "Fatima", "Chen", "Wei", "Aisha", "Luca", "Ingrid", "Pedro", "Maria"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
            "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
            "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell",
            "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Morgan", "Moore", "Martin", "Price",
            "Bell", "Cooper", "Ward", "Hughes", "Edwards", "Turner", "Collins", "Stewart", "Morris",
            "Murphy", "Cook", "Rogers", "Kelly", "Baker", "Harris", "Shaw", "Hunt", "Holmes"]

# (source name, URL host); earlier sources publish more.
SOURCES = [("bbc", "www.bbc.com"), ("reuters", "www.reuters.com"), ("guardian", "www.theguardian.com"),
           ("sky", "news.sky.com"), ("independent", "www.independent.co.uk"), ("lbc", "www.lbc.co.uk"),
           ("ap", "apnews.com"), ("ft", "www.ft.com")]
SOURCE_WEIGHTS = [1.0 / (rank + 1) for rank in range(len(SOURCES))]


class Vocabulary:
    """Word forms, collocations and their Zipf weights, all derived from one seed."""

    def __init__(self, seed, lemma_count=30000, collocation_count=20000):
        rng = random.Random(seed)
        self.lemmas = self._make_lemmas(rng, lemma_count)
        self.forms, form_weights = self._inflect(self.lemmas)
        self.collocations = self._make_collocations(rng, collocation_count)
        self.function_words = [w for w, _ in FUNCTION_WORDS]
        self.bylines = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
        rng.shuffle(self.bylines)
        self.bylines = self.bylines[:400]

        # One table of "chunks" to draw from: function words (~45% of tokens), content word
        # forms (~40%), collocations (~15%). Each group is Zipf-distributed inside.
        chunks, weights = [], []
        fw_total = sum(f for _, f in FUNCTION_WORDS)
        for word, freq in FUNCTION_WORDS:
            chunks.append(word)
            weights.append(0.45 * freq / fw_total)
        form_total = sum(form_weights)
        for form, weight in zip(self.forms, form_weights):
            chunks.append(form)
            weights.append(0.40 * weight / form_total)
        col_weights = [1.0 / (rank + 3) ** 1.1 for rank in range(len(self.collocations))]
        col_total = sum(col_weights)
        for phrase, weight in zip(self.collocations, col_weights):
            chunks.append(phrase)
            weights.append(0.15 * weight / col_total)
        self.chunks = chunks
        self.chunk_cum_weights = list(itertools.accumulate(weights))

    @staticmethod
    def _make_lemmas(rng, count):
        seen, lemmas = set(FUNCTION_WORDS_SET), []
        while len(lemmas) < count:
            syllables = rng.choices([1, 2, 3], weights=[4, 5, 1])[0]
            word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
            if 3 <= len(word) <= 14 and word not in seen:
                seen.add(word)
                lemmas.append(word)
        return lemmas

    @staticmethod
    def _inflect(lemmas):
        """Each lemma appears as itself and, less often, with -s, -ed and -ing (so stemming matters)."""
        forms, weights = [], []
        for rank, lemma in enumerate(lemmas):
            zipf = 1.0 / (rank + 10) ** 1.05
            for suffix, share in (("", 0.62), ("s", 0.2), ("ed", 0.09), ("ing", 0.09)):
                forms.append(lemma + suffix)
                weights.append(zipf * share)
        return forms, weights

    def _make_collocations(self, rng, count):
        """Recurring word pairs and triples, built from the more common content words."""
        head = self.lemmas[: len(self.lemmas) // 4]
        patterns = [("w", "w"), ("w", "w"), ("w", "w", "w"), ("w", "of", "the", "w"), ("the", "w", "w"),
                    ("w", "and", "w"), ("w", "w", "w", "w")]
        out, seen = [], set()
        while len(out) < count:
            pattern = rng.choice(patterns)
            # Squaring a uniform draw favours the common words, as real collocations do.
            words = [head[int(len(head) * rng.random() ** 2)] if p == "w" else p for p in pattern]
            phrase = " ".join(words)
            if phrase not in seen:
                seen.add(phrase)
                out.append(phrase)
        return out


FUNCTION_WORDS_SET = {w for w, _ in FUNCTION_WORDS}
