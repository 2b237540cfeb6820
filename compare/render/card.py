"""The printable comparison card: one landscape page for class with each outlet's headline, how it opens,
whom it quoted and three framing highlights (the evidence stays in the HTML report)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from compare import charts, export
from compare.highlight import escape
from compare.labels import tone_words
from compare.pipeline import Corpus
from compare.speaker_types import SPEAKER_TYPES
from compare.story.common import day, main_articles, words
from compare.story.content import StoryContent
from compare.story.framing_tables import FramingTables
from compare.text_format import counted

#: Outlets on the card: more columns would not fit one printed page (the report has them all).
_CARD_OUTLETS = 4
_CARD_SPEAKERS = 4
_CARD_HIGHLIGHTS = 3
_CARD_SIZE = (1600, 1130)  # CSS pixels, landscape A4 proportions; printed at settings.IMAGE_SCALE

_CARD_STYLE = """
*{box-sizing:border-box} body{margin:0;font-family:Inter,'Segoe UI',Helvetica,Arial,sans-serif;color:#0f172a}
.card{width:1600px;height:1130px;padding:44px 52px;display:flex;flex-direction:column;background:#fff}
.brand{display:flex;justify-content:space-between;color:#64748b;font-size:15px;letter-spacing:0.06em;
  text-transform:uppercase}
h1{font-size:34px;line-height:1.2;margin:10px 0 6px;display:-webkit-box;-webkit-line-clamp:2;
  -webkit-box-orient:vertical;overflow:hidden}
.meta{color:#475569;font-size:17px;margin-bottom:22px}
.cols{display:grid;gap:22px;flex:1;min-height:0}
.col{border:2px solid #e2e8f0;border-radius:14px;padding:18px 20px;overflow:hidden;display:flex;flex-direction:column}
.outlet{font-weight:800;font-size:15px;letter-spacing:0.07em;text-transform:uppercase;padding-bottom:8px;
  border-bottom:5px solid var(--c)}
.headline{font-weight:700;font-size:21px;line-height:1.28;margin:12px 0 4px;display:-webkit-box;-webkit-line-clamp:4;
  -webkit-box-orient:vertical;overflow:hidden}
.sub{color:#64748b;font-size:14px}
h3{font-size:13px;letter-spacing:0.08em;text-transform:uppercase;color:#64748b;margin:18px 0 6px}
ul,ol{margin:0;padding-left:20px;font-size:16px;line-height:1.35}
li{margin-bottom:6px;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.lede{font-size:16px;line-height:1.4;font-style:italic;color:#334155;margin:0;display:-webkit-box;
  -webkit-line-clamp:5;-webkit-box-orient:vertical;overflow:hidden}
.none{color:#94a3b8;font-style:italic;font-size:15px}
footer{color:#64748b;font-size:13px;margin-top:16px}
"""


# The card has room for a few speakers: officials first, then other named voices, unnamed ones last.
_TYPE_ORDER = SPEAKER_TYPES


def framing_highlights(tables: FramingTables) -> dict[str, list[str]]:
    """Three plain-language highlights per outlet for the card: distinctive words, tone, and an omission or frame."""
    out: dict[str, list[str]] = {}
    tone = tables["tone"].set_index("outlet")["mean"] if not tables["tone"].empty else pd.Series(dtype=float)
    distinctive, aspects, frames = tables["distinctive"], tables["aspects"], tables["frames"]
    for outlet in sorted(set(tables["lede"]["outlet"])):
        notes = []
        # Phrases of two words or more: a single word ("think", "did") says nothing read out alone.
        own_terms = distinctive[distinctive["outlet"] == outlet]["term"]
        terms = [t for t in own_terms if len(str(t).split()) >= 2][:3]
        if len(terms):
            notes.append("Stands out for: " + ", ".join(f"“{w}”" for w in terms))
        if outlet in tone.index:  # a band, never a rank: the "most positive" of three near-zero tones misleads
            notes.append(f"Tone: {tone_words(float(tone[outlet]))}, on a scale from −1 negative to +1 positive")
        left_out = aspects[(aspects["outlet"] == outlet) & ~aspects["covered"]]
        own_frames = frames[frames["outlet"] == outlet].sort_values("share", ascending=False)
        if len(left_out):
            notes.append(f"Left out what others covered: “{left_out['label'].iloc[0]}”")
        elif len(own_frames) and own_frames["share"].iloc[0] > 0:
            top = own_frames.iloc[0]
            notes.append(f"Main frame: {top['frame']} ({top['share']:.0%} of sentences)")
        out[outlet] = notes
    return out


def _card_speakers(table: pd.DataFrame, outlet: str) -> list[str]:
    own = table[table["outlet"] == outlet]
    rank = own["speaker_type"].map(lambda t: _TYPE_ORDER.index(t) if t in _TYPE_ORDER else len(_TYPE_ORDER))
    own = own.assign(rank=rank).sort_values(["rank", "quotes"], ascending=[True, False]).head(_CARD_SPEAKERS)
    return [f"{row.speaker}{f' ({row.role})' if row.role else ''} ×{row.quotes}" for row in own.itertuples(index=False)]


def _card_list(items: Sequence[str], tag: str, empty: str) -> str:
    if not items:
        return f'<p class="none">{escape(empty)}</p>'
    return f"<{tag}>{''.join(f'<li>{escape(i)}</li>' for i in items)}</{tag}>"


def card_html(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> str:
    """The comparison card as one self-contained page: headline, quoted officials, framing highlights."""
    from compare.speakers import speaker_outlet_table

    content = content or StoryContent(corpus, story_id)
    story = corpus.story(story_id)
    main = main_articles(corpus.story_articles(story_id))
    shown = sorted(main, key=lambda o: -words(main[o].text))[:_CARD_OUTLETS]
    colors = charts.outlet_colors(list(main))
    speakers = speaker_outlet_table(corpus.story_quotes(story_id))
    highlights = framing_highlights(content.framing)
    lede = content.framing["lede"]
    ledes = dict(zip(lede["article_id"], lede["lede"], strict=True))
    columns = []
    for outlet in sorted(shown):
        article = main[outlet]
        columns.append(
            f'<div class="col" style="--c:{colors[outlet]}"><div class="outlet">{escape(outlet)}</div>'
            f'<div class="headline">{escape(article.title)}</div>'
            f'<div class="sub">{escape(day(article.published))} · {words(article.text):,} words</div>'
            f'<h3>How it opens</h3><p class="lede">{escape(ledes.get(article.id, ""))}</p>'
            "<h3>Quoted</h3>"
            + _card_list(_card_speakers(speakers, outlet), "ul", "nobody quoted by name")
            + "<h3>Framing highlights</h3>"
            + _card_list(highlights.get(outlet, [])[:_CARD_HIGHLIGHTS], "ol", "no framing signal stood out")
            + "</div>"
        )
    more = len(main) - len(shown)
    footer = (
        f"{counted(more, 'more outlet')} in the HTML report. " if more > 0 else ""
    ) + "The evidence behind every highlight is in the story's HTML report. Made with Parallax, offline."
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{_CARD_STYLE}</style></head><body>'
        f'<div class="card"><div class="brand"><span>Parallax · comparison card</span>'
        f"<span>{escape(corpus.info.name)}</span></div>"
        f'<h1>{escape(story.title)}</h1><div class="meta">{escape(content.meta)}</div>'
        f'<div class="cols" style="grid-template-columns:repeat({max(1, len(columns))},1fr)">{"".join(columns)}</div>'
        f"<footer>{escape(footer)}</footer></div></body></html>"
    )


def comparison_card_png(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> bytes:
    """A one-page printable card for class (PNG): headlines, quoted officials, three framing highlights per outlet."""
    return page_png(card_html(corpus, story_id, content))


def page_png(page: str) -> bytes:
    """The card's page (``card_html``) photographed at the card's size."""
    return export.page_png(page, *_CARD_SIZE)
