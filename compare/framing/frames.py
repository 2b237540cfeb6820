"""Generic news frames scored per sentence against written frame descriptions with the embeddings.

Two published typologies: Semetko & Valkenburg's (2000) five news frames, and the policy
frames of the Media Frames Corpus (Boydstun et al. 2014; Card et al. 2015). Each frame
is described in a few plain sentences of our own; a story sentence's score for a frame
is its highest cosine to those sentences. Per outlet a frame's value is the share of
sentences for which it is the best frame (above a floor), with the top sentences as proof.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from compare import settings
from compare.framing.text import StoryText, embed_cached

if TYPE_CHECKING:
    from compare.embed import Embedder

Columns = ["outlet", "typology", "frame", "share", "mean_top", "evidence"]

#: (typology, frame) -> descriptions, each a sentence a news story in that frame might contain.
FRAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("news", "conflict"): (
        "Two sides disagree, clash, attack each other or trade accusations.",
        "Rivals, parties or countries are in a dispute, a fight or a confrontation.",
        "One group reproaches another; there are winners and losers.",
    ),
    ("news", "human interest"): (
        "The story puts a human face on the issue through one person's experience.",
        "Ordinary people's feelings, fears and suffering are described.",
        "A family, a victim or a witness tells how the events affected their life.",
    ),
    ("news", "economic consequences"): (
        "The costs, losses or gains in money are described.",
        "The decision will cost billions of dollars and affect jobs, prices and the economy.",
        "Financial consequences for taxpayers, companies or the country.",
    ),
    ("news", "morality"): (
        "The story makes a moral judgement about right and wrong.",
        "It refers to values, ethics, religion, gratitude or betrayal.",
        "Someone's behaviour is described as shameful, dishonest or ungrateful.",
    ),
    ("news", "responsibility"): (
        "The story says who is to blame or who is responsible for the problem.",
        "Officials or the government are held responsible and must act to solve it.",
        "Someone is accused of causing the situation or failing to fix it.",
    ),
    ("policy", "economic"): (
        "The costs, benefits or monetary consequences of a policy.",
        "Spending, budgets, taxes and the effect on the economy.",
    ),
    ("policy", "capacity and resources"): (
        "Whether there are enough people, equipment, money or time to do the job.",
        "Limited resources, shortages and capacity to carry out a plan.",
    ),
    ("policy", "morality"): (
        "Religious or ethical duty, what is right, honourable or sinful.",
        "A moral obligation or a question of conscience.",
    ),
    ("policy", "fairness and equality"): (
        "Equal or unequal treatment of groups, discrimination and fairness.",
        "Whether rules are applied equally to everyone.",
    ),
    ("policy", "legality and constitutionality"): (
        "Laws, courts, rulings, legal authority, rights and the constitution.",
        "Whether an action is legal, authorised or within someone's jurisdiction.",
    ),
    ("policy", "policy prescription"): (
        "Which policy should be adopted and whether it will work.",
        "Proposals, plans and evaluation of government measures.",
    ),
    ("policy", "crime and punishment"): (
        "Crime, law enforcement, arrests, sentences and punishment.",
        "Breaking the law and its penalties.",
    ),
    ("policy", "security and defense"): (
        "Threats to the nation's security, terrorism, extremists, war and military forces.",
        "Troops, the army, defence officials and the fight against terrorism.",
        "Protecting the country from attacks by enemies.",
    ),
    ("policy", "health and safety"): (
        "Health care, disease, injuries, safety and public health.",
        "The danger to people's health and lives.",
    ),
    ("policy", "quality of life"): (
        "The effect on people's wealth, mobility, happiness and daily life.",
        "How families and communities live.",
    ),
    ("policy", "cultural identity"): (
        "Traditions, customs, national identity and culture.",
        "What the issue means for a people's values and way of life.",
    ),
    ("policy", "public opinion"): (
        "Polls, protests and what the public thinks.",
        "Voters, demonstrators and popular attitudes towards the issue.",
    ),
    ("policy", "political"): (
        "Political parties, elections, lawmakers, partisanship and political strategy.",
        "Politicians, parliament votes and who gains politically.",
    ),
    ("policy", "external regulation and reputation"): (
        "Relations with other countries, diplomacy and international reputation.",
        "Foreign governments, treaties, sovereignty and how the nation is seen abroad.",
    ),
}


def frame_descriptions() -> list[str]:
    """Every frame's descriptions, in frame order: embedded with the corpus at build time."""
    return [text for descriptions in FRAMES.values() for text in descriptions]


@lru_cache(maxsize=4)
def _frame_matrix(embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Description vectors and, for each, the index of its frame."""
    owners = np.array([i for i, descriptions in enumerate(FRAMES.values()) for _ in descriptions])
    return embed_cached(embedder, frame_descriptions()), owners


def sentence_frame_scores(vectors: np.ndarray, embedder: Embedder) -> np.ndarray:
    """(sentences x frames) cosine of each sentence to its closest description of each frame."""
    descriptions, owners = _frame_matrix(embedder)
    cosines = vectors @ descriptions.T
    scores = np.full((len(vectors), len(FRAMES)), -1.0, dtype=np.float32)
    for frame in range(len(FRAMES)):
        scores[:, frame] = cosines[:, owners == frame].max(axis=1) if len(vectors) else 0.0
    return scores


def frames(story: StoryText, embedder: Embedder) -> pd.DataFrame:
    """Per outlet and frame: share of sentences the frame wins (within its typology), mean top cosine, top sentences."""
    if not story.sentences:
        return pd.DataFrame(columns=Columns)
    scores = sentence_frame_scores(story.vectors(embedder), embedder)
    keys = list(FRAMES)
    typologies = np.array([typology for typology, _ in keys])
    limit = settings.FRAMING_EVIDENCE_PER_ROW
    rows = []
    for outlet in story.outlets:
        idx = np.array([i for i, s in enumerate(story.sentences) if s.outlet == outlet])
        own = scores[idx]
        for typology in dict.fromkeys(typologies):
            columns = np.flatnonzero(typologies == typology)
            block = own[:, columns]
            winners = np.where(block.max(axis=1) >= settings.FRAME_MIN_COSINE, block.argmax(axis=1), -1)
            for position, frame in enumerate(columns):
                column = own[:, frame]
                top = np.argsort(-column)[:limit]
                rows.append(
                    {
                        "outlet": outlet,
                        "typology": typology,
                        "frame": keys[frame][1],
                        "share": round(float((winners == position).mean()), 4),
                        "mean_top": round(float(column[top].mean()), 4),
                        "evidence": tuple(
                            story.sentences[idx[i]].evidence() for i in top if column[i] >= settings.FRAME_MIN_COSINE
                        ),
                    }
                )
    return pd.DataFrame(rows, columns=Columns)
