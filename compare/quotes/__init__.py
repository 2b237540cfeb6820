"""Who said what: the quotations in an article, who they are attributed to, and the same quote across outlets.

How it works, and why:

1. Quotation marks are paired by ``compare.nlp.find_quotations``, the one reader of
   quotations that framing and passages use too: it reads each mark's context (a mark
   after a space opens, a mark before a space or punctuation closes), so straight,
   curly and mis-typed marks all work, a paragraph that opens a quote without closing
   it continues into the next one, and an unbalanced mark never raises.
2. Long quotations are replaced by a one-word placeholder before parsing. The parser
   then reads ``“Yes,” he said.`` instead of a 60-word quote: the attribution lives in
   the words around a quote, and the text spaCy has to read gets several times
   shorter, which is what makes extraction fast enough for large corpora.
3. Only sentences that can carry an attribution (a speech verb, "according to", a
   colon, a quotation beside other words) are parsed. The parse gives the speaker (the
   subject of the cue verb, the object of "according to", the name before a colon)
   and, for indirect speech, the reported clause.
4. Quotations with no cue of their own continue the quote before them ("...," he said.
   "...") or take the speaker of the paragraph; short quoted labels no one is said to
   have said are scare quotes. Pronouns and descriptions are resolved by
   ``compare.speaker_resolver``.

The package's modules, in the order an article meets them: ``plan`` (quotations, the collapsed
text, the sentences to parse), ``reader`` with ``parsed`` and ``speaker_words`` (one parsed sentence's
cues and speakers; word lists in ``cues``), ``assemble`` (attributions to Quote records), and
``matching`` (the same quote across outlets).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from compare import settings
from compare.model import Article, Quote
from compare.nlp import SPACY_LOCK, QuotedSpan, find_quotations, spacy_model
from compare.parallel import map_slices
from compare.people import resolve_speakers
from compare.progress import Advance, no_advance
from compare.quotes.assemble import Assembler, dash_bylines, named_people
from compare.quotes.matching import QuoteMatch, WordChange, match_quotes, quoted_words
from compare.quotes.plan import Attribution, plan_article
from compare.quotes.reader import AttributionReader
from compare.speaker_resolver import SpeakerIndexBuilder
from compare.speakers import single_outlet_speakers, speaker_outlet_table

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "QuoteMatch",
    "QuotedSpan",
    "WordChange",
    "extract_quotes",
    "extract_quotes_many",
    "find_quotations",
    "match_quotes",
    "quoted_words",
    "resolve_speakers",
    "single_outlet_speakers",
    "speaker_outlet_table",
]

log = logging.getLogger(__name__)

#: Pipeline parts extraction does without: word classes come from tags, cue lemmas from ``cues.LEMMAS``.
_UNUSED_PIPES = ("attribute_ruler", "lemmatizer", "ner")
# Articles parsed per spaCy stream (and per worker task: small enough that two workers finish together),
# large enough to keep batches full, small enough that the parsed
# sentences held until each article is assembled stay a few MB (all of 10,000 articles held 2.6 GB).
_ARTICLES_PER_SLICE = 64


def extract_quotes(article: Article) -> list[Quote]:
    """Every quotation in one article with its speaker, role, kind and character span."""
    return extract_quotes_many([article])


def extract_quotes_many(articles: Sequence[Article], advance: Advance | None = None) -> list[Quote]:
    """Quotes of many articles, parsing their attribution snippets in batched spaCy streams, a slice of
    articles at a time: parsed sentences are dropped once their article is done, so memory stays flat.
    Slices go to worker processes (one per core) for a large corpus; the quotes are the same."""
    return map_slices(_extract_slice, articles, slice_size=_ARTICLES_PER_SLICE, advance=advance or no_advance)


def _extract_slice(articles: Sequence[Article]) -> list[Quote]:
    plans = [plan_article(article) for article in articles]
    jobs = [(plan, snippet) for plan in plans for snippet in plan.snippets]
    nlp = spacy_model()
    docs = nlp.pipe(
        (plan.frame.text[snippet.start : snippet.end] for plan, snippet in jobs),
        batch_size=settings.QUOTE_BATCH_SIZE,
        disable=_UNUSED_PIPES,
    )
    found: dict[int, list[Attribution]] = {id(plan): [] for plan in plans}
    parsed: dict[int, list[tuple[Doc, int]]] = {id(plan): [] for plan in plans}
    with SPACY_LOCK:
        for (plan, snippet), doc in zip(jobs, docs, strict=True):
            try:
                found[id(plan)].extend(AttributionReader(doc, plan, snippet).attributions())
            except (IndexError, ValueError, KeyError) as exc:  # odd parses of untrusted text must not stop a build
                log.warning("quotes: skipped a sentence of %s (%s: %s)", plan.article.file, type(exc).__name__, exc)
            parsed[id(plan)].append((doc, snippet.start))
    quotes: list[Quote] = []
    for plan in plans:
        found[id(plan)].extend(dash_bylines(plan))
        quoted = [(plan.quotations[i].start, plan.quotations[i].end) for i in plan.statements]
        index = SpeakerIndexBuilder(plan.article.text, named_people(plan, parsed.pop(id(plan))), quoted)
        for attribution in found[id(plan)]:
            if attribution.speaker is not None:
                index.register(attribution.speaker)
        quotes.extend(Assembler(plan, found[id(plan)], index.build()).quotes())
    return quotes
