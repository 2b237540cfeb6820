"""Make ``articles.jsonl.gz``: 300 Article-Bias-Prediction articles (Baly et al., EMNLP 2020; Apache-2.0).

Chosen so a build finds real multi-outlet stories (three topic-months plus undated articles), with
twelve planted shared passages (a paragraph of one outlet's article appended to another outlet's),
so the cluster test compares stories, quotes and passages. Run from the repository root:
``python tests/data/abp300/make.py ../shared/data/abp/sample10k.jsonl.gz``.
"""

import gzip
import json
import random
import sys
from pathlib import Path

PICK = {
    ("coronavirus", "2020-04"): 79,
    ("elections", "2012-10"): 76,
    ("elections", "2016-09"): 59,
    ("politics", ""): 76,
    ("coronavirus", "2020-03"): 10,
}
FIELDS = ("id", "outlet", "title", "published", "url", "text")


def main(source: str) -> None:
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    chosen = []
    for (topic, month), count in PICK.items():
        matching = [r for r in rows if r["labels"].get("topic") == topic and (r.get("published") or "")[:7] == month]
        chosen.extend(matching[:count])
    rng = random.Random(300)
    for _ in range(12):
        giver, taker = rng.sample(chosen, 2)
        if giver["outlet"] == taker["outlet"]:
            continue
        paragraph = max(giver["text"].split("\n"), key=len)
        taker["text"] = taker["text"].rstrip() + "\n\n" + paragraph
    out = Path(__file__).with_name("articles.jsonl.gz")
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        for row in chosen:
            handle.write(json.dumps({k: row.get(k) for k in FIELDS}, ensure_ascii=False) + "\n")
    print(f"wrote {len(chosen)} articles to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
