"""The two bundled seed articles (no dates, scraped boilerplate) report one event: one story."""

from __future__ import annotations

from compare.embed import article_vectors, default_embedder
from compare.group import group_articles
from compare.ingest import load_corpus
from tests.conftest import BUNDLED, SEED_ASKTRUTH, SEED_DURAN


def test_group_seed_articles_form_one_story() -> None:
    articles = load_corpus(BUNDLED).articles
    seeds = {a.id for a in articles if a.file in {SEED_DURAN.name, SEED_ASKTRUTH.name}}
    assert len(seeds) == 2
    stories = group_articles(articles, article_vectors(articles, default_embedder()))
    story = next(s for s in stories if seeds & set(s.article_ids))
    assert seeds <= set(story.article_ids)
    assert len(story.outlets) == 2
    assert story.first_published is None and story.last_published is None
    assert story.key_terms
