"""Score direct-quote extraction and speaker attribution on PolNeAR-style gold, beside textacy.

Gold: every attribution whose content carries quotation marks is a direct quote; its
span runs from the first to the last character of its content (a quote split by "he
said" is one quote). A predicted direct quote matches a gold one when their spans
overlap by at least 30% of the longer one (one-to-one, best overlaps first); exact-span
F1 asks for identical boundaries. Speaker accuracy is over matched quotes: the
predicted speaker is right when it shares the surname (or, for an organisation, the
last word) of the person the gold source names. A gold source that is a pronoun or a
description ("he", "the Florida senator") stands for the nearest named gold source
before it in the article (same or previous paragraphs), so this resolution uses the
gold annotations only, never Parallax's own resolver. Unnamed gold sources ("a source")
are matched by their head word, and a predicted speaker that is the gold source's own
phrase ("the ruling", "one source", "His chief aide") is right. Curly and straight apostrophes are one. A gold source
that holds only the cue word ("said", an annotation slip) cannot be judged.

textacy's ``direct_quotations`` runs on the same articles in the same run, scored by the
same rules. It does not resolve pronouns, so its "he" is never a named speaker; that is
the gap between a quote finder and a speaker finder, and exactly what the rule measures.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.evaluate import SHARED_DATA, read_jsonl
from compare.model import Article
from compare.text_format import counted

DEFAULT_DATASET = SHARED_DATA / "polnear" / "dev.jsonl"
MIN_OVERLAP = 0.30  # of the longer span, by the shared scoring rules (../shared/data/README.md)

_QUOTE_MARKS = re.compile(r"[\"“”„‟«»]")
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "i", "we", "you", "who", "his", "her", "its", "their", "him", "them", "one"]
)
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "some", "another", "other"])
_NAME_WORD = re.compile(r"[A-Z][\w’'.-]*")
_PARAGRAPH_LOOKBACK = 3
_RELATIVES = frozenset({"who", "which", "that"})
_CUE_WORDS = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "asked", "asks"})
_RELATIVE_ANTECEDENT = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*),?\s+$")


@dataclass(frozen=True)
class GoldQuote:
    """A gold direct quote: its span, and the words naming the person it belongs to (lower case)."""

    start: int
    end: int
    chars: frozenset[int]  # the content's characters (spans may be discontinuous)
    source: str | None
    source_span: tuple[int, int] | None
    referent: frozenset[str]  # surnames / name words the source stands for; empty when unknown


@dataclass(frozen=True)
class Predicted:
    """One predicted direct quote: its span and the words naming its speaker."""

    start: int
    end: int
    speaker: str | None


def _words(text: str) -> list[str]:
    """Lower-case words without possessives; curly and straight apostrophes are one ("O’Neill" is "O'Neill")."""
    text = text.replace("’", "'")
    return [w.lower().strip(".'").removesuffix("'s") for w in re.findall(r"[\w'.-]+", text)]


def _name_segments(source: str) -> list[str]:
    """The comma-separated parts of a gold source whose head (last word) is a proper name:
    "Graham, a former candidate," -> ["Graham"]; "the Vermont senator" -> []."""
    found = []
    for segment in re.sub(r"\([^)]*\)", " ", source).split(","):
        words = segment.split()
        if not words or not _NAME_WORD.fullmatch(words[-1].rstrip("’'s")) or words[-1].lower() in _PRONOUNS:
            continue
        if len(words) == 1 and words[0].lower() in _DETERMINERS:
            continue
        found.append(segment)
    return found


def _named(source: str) -> bool:
    """True when a gold source names someone ("Trump", "The New York Post"), not "he" or "the Florida senator"."""
    return bool(_name_segments(source))


def _name_words(source: str) -> frozenset[str]:
    names = " ".join(_name_segments(source))
    return frozenset(
        _words(" ".join(w for w in names.split() if _NAME_WORD.match(w) and w.lower() not in _DETERMINERS))
    )


def gold_quotes(record: dict[str, Any]) -> list[GoldQuote]:
    """The gold direct quotes of one PolNeAR record, with their sources resolved through the gold itself."""
    text = record["text"]
    paragraphs = [m.start() for m in re.finditer(r"[^\n]+", text)]

    def paragraph_of(offset: int) -> int:
        return sum(1 for start in paragraphs if start <= offset) - 1

    attributions = [a for a in record["labels"]["attributions"] if a.get("content")]
    named = sorted(
        (a["source"]["spans"][0][0], _name_words(a["source"]["text"]))
        for a in attributions
        if a.get("source") and _named(a["source"]["text"])
    )
    found = []
    for attribution in attributions:
        content = attribution["content"]
        if not _QUOTE_MARKS.search(content["text"]):
            continue
        spans = [tuple(s) for s in content["spans"]]
        chars = frozenset(i for s, e in spans for i in range(s, e))
        source = attribution.get("source")
        referent: frozenset[str] = frozenset()
        source_span = None
        if source:
            source_span = (source["spans"][0][0], source["spans"][-1][1])
            if _named(source["text"]):
                referent = _name_words(source["text"])
            elif source["text"].lower() in _RELATIVES:
                # "Attorney General Loretta E. Lynch, who told Congress": the name right before "who"
                antecedent = _RELATIVE_ANTECEDENT.search(text, 0, source_span[0])
                if antecedent:
                    referent = _name_words(antecedent.group(1))
            elif source["text"].split()[0].lower() in _PRONOUNS or source["text"].lower().startswith("the "):
                at = source_span[0]
                earlier = [words for offset, words in named if offset < at]
                offsets = [offset for offset, _ in named if offset < at]
                if earlier and paragraph_of(at) - paragraph_of(offsets[-1]) <= _PARAGRAPH_LOOKBACK:
                    referent = earlier[-1]
            elif source["text"].strip().lower() in _CUE_WORDS:
                pass  # an annotation slip: the source span holds the cue ("said"), so no one to judge against
            elif source["text"].split()[0].lower() not in _PRONOUNS:
                referent = frozenset(_words(source["text"])[-1:])  # an unnamed source: its head word
        found.append(
            GoldQuote(
                min(s for s, _ in spans),
                max(e for _, e in spans),
                chars,
                source and source["text"],
                source_span,
                referent,
            )
        )
    return found


def _overlap(predicted: Predicted, gold: GoldQuote) -> float:
    shared = sum(1 for i in range(predicted.start, predicted.end) if i in gold.chars)
    return shared / max(predicted.end - predicted.start, len(gold.chars), 1)


def _match(predicted: Sequence[Predicted], gold: Sequence[GoldQuote]) -> list[tuple[Predicted, GoldQuote]]:
    """One-to-one pairs overlapping by at least MIN_OVERLAP, best overlaps first."""
    candidates = []
    for p in predicted:
        for g in gold:
            if p.start < g.end and g.start < p.end:
                score = _overlap(p, g)
                if score >= MIN_OVERLAP:
                    candidates.append((score, id(p), id(g), p, g))
    candidates.sort(key=lambda c: -c[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, pid, gid, p, g in candidates:
        if pid in used_p or gid in used_g:
            continue
        used_p.add(pid)
        used_g.add(gid)
        pairs.append((p, g))
    return pairs


def _same_phrase(speaker: str, source: str) -> bool:
    """The predicted speaker is the gold source's own words, or their head before a lower-case
    post-modifier: "the ruling" for "the ruling", "a 52-count civil complaint" for "a 52-count civil
    complaint filed by the SEC". The same words in the same place refer to the same thing, also when they
    open with a word that alone would be a pronoun ("one source", "His chief aide"); a bare "he" never is."""
    said, gold = _words(speaker), _words(source)
    if not said or (said[0] in _PRONOUNS and len(said) == 1):
        return False
    if said == gold:
        return True
    follows = source.replace("’", "'").split()[len(speaker.split()) :]
    return len(said) >= 2 and gold[: len(said)] == said and bool(follows) and follows[0][:1].islower()


def speaker_correct(predicted: Predicted, gold: GoldQuote) -> bool:
    """Same person: the predicted speaker's last word (its surname, or a description's head word) is among
    the words the gold source stands for, or the speaker is the gold source phrase itself. A bare pronoun
    ("he") names no one, so it is never right."""
    if not predicted.speaker or not gold.referent:
        return False
    if gold.source and _same_phrase(predicted.speaker, gold.source):
        return True
    words = _words(predicted.speaker)
    return bool(words) and (words[-1] in gold.referent or bool(gold.referent & set(words[-2:])))


@dataclass
class _Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    exact: int = 0
    with_source: int = 0
    speaker_right: int = 0
    named_source: int = 0
    named_right: int = 0
    seconds: float = 0.0

    def add(self, predicted: Sequence[Predicted], gold: Sequence[GoldQuote]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        pairs = _match(predicted, gold)
        self.matched += len(pairs)
        exact_spans = {(g.start, g.end) for g in gold}
        self.exact += len({(p.start, p.end) for p in predicted} & exact_spans)
        for p, g in pairs:
            if not g.referent:
                continue  # no gold source, or a pronoun the gold itself does not resolve: cannot be judged
            self.with_source += 1
            right = speaker_correct(p, g)
            self.speaker_right += right
            if g.source and _named(g.source):
                self.named_source += 1
                self.named_right += right

    def figures(self, articles: int) -> dict[str, float]:
        def f1(hits: int) -> tuple[float, float, float]:
            precision = hits / self.predicted if self.predicted else 0.0
            recall = hits / self.gold if self.gold else 0.0
            return precision, recall, (2 * precision * recall / (precision + recall) if hits else 0.0)

        precision, recall, overlap_f1 = f1(self.matched)
        exact_p, exact_r, exact_f1 = f1(self.exact)
        return {
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(overlap_f1, 4),
            "exact_precision": round(exact_p, 4),
            "exact_recall": round(exact_r, 4),
            "exact_f1": round(exact_f1, 4),
            "speaker_accuracy": round(self.speaker_right / self.with_source, 4) if self.with_source else 0.0,
            "speaker_accuracy_named_gold": round(self.named_right / self.named_source, 4) if self.named_source else 0.0,
            "articles_per_s": round(articles / self.seconds, 2) if self.seconds else 0.0,
        }


def parallax_predictions(articles: Sequence[Article]) -> list[list[Predicted]]:
    """Parallax's direct quotes (partial quotes included) per article."""
    from compare.quotes import extract_quotes_many

    by_article: dict[str, list[Predicted]] = {a.id: [] for a in articles}
    for quote in extract_quotes_many(articles):
        if quote.kind == "direct":
            by_article[quote.article_id].append(Predicted(quote.start, quote.end, quote.speaker))
    return [by_article[a.id] for a in articles]


def textacy_predictions(articles: Sequence[Article]) -> list[list[Predicted]]:
    """textacy's ``direct_quotations`` on the full spaCy parse; an article it refuses (odd marks) gets none."""
    from textacy.extract.triples import direct_quotations

    from compare.nlp import spacy_model

    found = []
    for doc in spacy_model().pipe(a.text for a in articles):
        predicted = []
        try:
            for triple in direct_quotations(doc):
                speaker = " ".join(t.text for t in triple.speaker)
                predicted.append(Predicted(triple.content.start_char, triple.content.end_char, speaker))
        except ValueError:
            pass  # textacy bails out on an odd number of quotation marks
        found.append(predicted)
    return found


def load(dataset: Path, every: int = 1) -> tuple[list[Article], list[list[GoldQuote]]]:
    """Articles and gold quotes of a PolNeAR-style JSONL file; ``every=2`` keeps every second record
    (the dev file is ordered by outlet, so this samples every outlet alike)."""
    articles, gold = [], []
    for index, record in enumerate(read_jsonl(dataset)):
        if index % every:
            continue
        articles.append(
            Article(
                id=str(record["id"]),
                outlet=str(record.get("outlet") or "unknown"),
                title=str(record.get("title") or ""),
                text=record["text"],
                file=str(dataset),
            )
        )
        gold.append(gold_quotes(record))
    return articles, gold


def _score(
    predict: Callable[[Sequence[Article]], list[list[Predicted]]],
    articles: Sequence[Article],
    gold: Iterable[Sequence[GoldQuote]],
) -> dict[str, float]:
    tally = _Tally()
    began = time.perf_counter()
    predicted = predict(articles)
    tally.seconds = time.perf_counter() - began
    for p, g in zip(predicted, gold, strict=True):
        tally.add(p, g)
    return tally.figures(len(articles))


def evaluate(dataset: Path | None = None, *, every: int = 1) -> dict[str, Any]:
    """Parallax and textacy on the same articles: overlap and exact-span F1, speaker accuracy, speed.

    ``every`` samples every n-th article (the quality gate uses 2 to stay fast)."""
    path = Path(dataset) if dataset else DEFAULT_DATASET
    articles, gold = load(path, every)
    return {
        "task": "quotes",
        "dataset": str(path),
        "articles": len(articles),
        "gold_direct_quotes": sum(len(g) for g in gold),
        "parallax": _score(parallax_predictions, articles, gold),
        "textacy": _score(textacy_predictions, articles, gold),
    }


def render(result: dict[str, Any]) -> str:
    """The figures as a small table for people."""
    rows = [
        ("direct-quote F1 (overlap >= 30%)", "f1"),
        ("  precision", "precision"),
        ("  recall", "recall"),
        ("exact-span F1", "exact_f1"),
        ("speaker accuracy (matched quotes)", "speaker_accuracy"),
        ("  where the gold names the speaker", "speaker_accuracy_named_gold"),
        ("articles per second", "articles_per_s"),
    ]
    lines = [
        f"quotes: {counted(result['articles'], 'article')}, "
        f"{counted(result['gold_direct_quotes'], 'gold direct quote')}",
        f"dataset: {result['dataset']}",
        f"{'':36}{'Parallax':>10}{'textacy':>10}",
    ]
    for label, key in rows:
        lines.append(f"{label:36}{result['parallax'][key]:>10}{result['textacy'][key]:>10}")
    return "\n".join(lines)
