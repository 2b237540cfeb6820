"""Every tunable default in one place.

Modules read these names instead of hard-coding numbers, so a user (or the docs test)
finds each knob here. Environment variables override the few that users set per
machine.
"""

from __future__ import annotations

import os
from pathlib import Path

# --- ingestion -----------------------------------------------------------------
#: Files larger than this are rejected (P105) instead of loaded.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: A file is binary (P101) when control bytes (NUL included) are more than this share of its first 8 KB.
TEXT_MAX_CONTROL_SHARE = 0.05
#: A non-UTF-8 file is read as cp1252 without a warning when at most this share of its accented words
#: look like another code page's letters (see ``encoding.plausible_western``).
ENCODING_MAX_ODD_WORD_SHARE = 0.1
#: Deepest nesting of lists/objects read in one JSON record; deeper ones are rejected (P114) before Python's
#: recursive parser would overflow its stack and stop the whole corpus.
JSON_MAX_DEPTH = 200
#: Largest single-article file by type (bytes): a .txt or .html file holds one article, and news articles are
#: kilobytes, so a bigger one is a dump that would hold a session for a minute in the cleaner (P117).
#: JSON/JSONL/CSV files hold many articles and have only MAX_FILE_BYTES.
ARTICLE_MAX_BYTES = {
    ".txt": 2 * 1024 * 1024,
    ".text": 2 * 1024 * 1024,
    ".html": 5 * 1024 * 1024,
    ".htm": 5 * 1024 * 1024,
}
#: Seconds one fetched page may take in all, from connecting to the last byte (URLs are fetched only on request).
URL_FETCH_TIMEOUT_S = 15.0
#: Largest page downloaded when fetching a URL.
URL_FETCH_MAX_BYTES = 5 * 1024 * 1024

# --- cleaning (boilerplate removal, compare/clean.py) ----------------------------
#: A line is prose when it has at least this many words (title-case lines need a sentence ending too).
CLEAN_PROSE_WORDS = 12
#: A shorter line is still prose when it ends like a sentence and has at least this many words.
CLEAN_MIN_SENTENCE_WORDS = 3
#: A run of this many short lines separates two blocks of prose (fewer stay inside one block).
CLEAN_SEPARATOR_RUN = 3
#: A later block joins the body when this share of its content words occurs in the body.
CLEAN_CONTINUATION_OVERLAP = 0.25
#: A block sharing this smaller share (only labels before it, no comment section or teaser list yet) joins the
#: body when the block after it joins too: a section inside the article's span, whose words differ from the
#: first section's (on the train pages and the labelled pages, furniture blocks before the page's tail share
#: at most 0.08 of their topic words with the body).
CLEAN_BRIDGE_CONTINUATION_OVERLAP = 0.12
#: The main block is the first one with at least this share of the longest block's words.
CLEAN_MAIN_BLOCK_SHARE = 0.5
#: A later block also joins the body when it shares this many topic words with it (long blocks dilute shares).
CLEAN_CONTINUATION_MIN_SHARED = 10
#: A later block with only labels or ad slots before it joins the body when it has at least this many words of prose.
CLEAN_LONG_BLOCK_WORDS = 40
#: A block of fewer words than this after the body goes with it when the block after it joins the body (so few
#: words cannot show a topic: "Again, the same with a loop:" between two code samples).
CLEAN_BRIDGE_BLOCK_MAX_WORDS = 15
#: A comment widget or section header opens the page's tail only after a block of at least this many words of
#: prose (a stray sentence in a share bar or menu is no article yet: the article may still follow the header).
CLEAN_TAIL_AFTER_WORDS = 30
#: A line is script code (an inline snippet a scraper kept as text) with at least this many code tokens
#: (braces, calls, assignments, operators) ...
CLEAN_CODE_MIN_TOKENS = 3
#: ... and at least one code token for every this many words (prose quoting a formula or a URL has far fewer).
CLEAN_CODE_WORDS_PER_TOKEN = 4
#: A block after a comment widget or section header can still be the article's main block when it has at least
#: this many times the words of the largest block before them (reader comments come in many small blocks).
CLEAN_TAIL_MAIN_RATIO = 3
#: Short lines between two kept paragraphs are subheadings or list items when the run is no longer than this
#: (a longer run of short lines is a menu or a block of teasers).
CLEAN_INNER_RUN_MAX_LINES = 4
#: Under a section header ("Related stories"), a paragraph longer than this (in words) is no teaser's blurb
#: (one or two sentences, or an author's bio) but the article going on.
CLEAN_TEASER_BLURB_MAX_WORDS = 55
#: A page with at least this many "Read more" links on lines of their own shows teasers of other articles ...
CLEAN_READ_MORE_TEASERS_MIN = 2
#: ... each of them this many lines (a title and a blurb) above its link.
CLEAN_TEASER_MAX_LINES = 2
#: A "Read more" with this many lines under it that end no sentence (headlines) heads a list of other
#: articles below it: the paragraph above it is no teaser's blurb.
CLEAN_READ_MORE_LIST_MIN_LINES = 3
#: A longer run between two kept paragraphs, up to this many lines, is a list (ingredients, features, a table)
#: when its lines read as items ...
CLEAN_LIST_RUN_MAX_LINES = 40
#: ... of at least this many words ...
CLEAN_LIST_ITEM_MIN_WORDS = 3
#: ... and at most this many, unless they hold a figure ("120g noodles"); longer lines are other articles' headlines.
CLEAN_LIST_ITEM_MAX_WORDS = 4
#: A list is kept when a sentence of at least this many words introduces it with a colon.
CLEAN_LIST_INTRO_MIN_WORDS = 3
#: Lines repeated across an outlet's articles are its boilerplate when shorter than this.
CLEAN_REPEATED_LINE_MAX_WORDS = 60
#: Two pages sharing more than this share of their lines are versions of one article, not two articles.
CLEAN_SAME_PAGE_OVERLAP = 0.5
#: Sentences (prose lines) are site boilerplate only when this many different pages repeat them.
CLEAN_REPEAT_MIN_PAGES_PROSE = 3
#: Pages checked per repeated line for that test (enough to find two different articles, and cheap).
CLEAN_REPEAT_SAMPLE_PAGES = 6
#: The headline is the first headline-like line sharing a topic word with this many lines from the first paragraph
#: on (a menu item or the site's name above it shares none); failing that, the first headline-like line.
CLEAN_HEADLINE_TOPIC_LINES = 3
#: A short line right between the headline and a kept paragraph is the article's subtitle when at least this share
#: of its topic words are the headline's (a menu item or a byline shares few).
CLEAN_DECK_TOPIC_SHARE = 0.5
#: Longest line (in words) that can be a section header ("Related stories").
CLEAN_SECTION_HEADER_MAX_WORDS = 6
#: Longest line (in words) that a comment cue turns into a comment-widget line.
CLEAN_COMMENT_WIDGET_MAX_WORDS = 8
#: A line about comments longer than this (in words) is a widget only with a count, a widget's verb or a label's
#: ending ("Load more comments", "24 comments:"); otherwise it may be a subheading ("Replies from the ministry").
CLEAN_COMMENT_LABEL_MAX_WORDS = 3
#: Longest line (in words) that can still be a caption or a call to action rather than article prose
#: (checking only lines this short also keeps the vocabulary patterns off long paragraphs, which is faster).
CLEAN_FURNITURE_MAX_WORDS = 40
#: Longest line that can still be a filing label or a note about the article ("Appeared in the print edition").
CLEAN_META_MAX_WORDS = 20
#: Longest line that can still be a legal notice or disclaimer.
CLEAN_LEGAL_MAX_WORDS = 80
#: Longest line that is still a legal notice when it opens with its label ("Disclaimer: ...", "Copyright ...").
CLEAN_LEGAL_LABELLED_MAX_WORDS = 160
#: A run of at least this many lines that do not end as sentences (three or four are an article's own bullet
#: points, such as "Story highlights") ...
CLEAN_RAIL_MIN_LINES = 5
#: ... and have at most this many words each is a rail of other articles' headlines, however long its lines.
CLEAN_RAIL_MAX_WORDS = 25
#: Longest line that can be an author's bio in an author box ("Jane Porter is a reporter covering ...") ...
CLEAN_BIO_MAX_WORDS = 80
#: ... when it stands within this many lines of a line giving that author's name alone.
CLEAN_BIO_WINDOW = 5
#: Longest line that can be a byline.
CLEAN_BYLINE_MAX_WORDS = 12
#: Topic words are compared by their first letters only: a crude stemmer ("vaccinated" ~ "vaccination").
CLEAN_STEM_LETTERS = 6

# --- embeddings ----------------------------------------------------------------
#: A sentence-transformers model name or path; None means the offline packaged MiniLM.
MODEL = os.environ.get("PARALLAX_MODEL") or None
#: Texts per model call when embedding.
EMBED_BATCH_SIZE = 64
#: Most characters (texts x the longest one) in one ONNX batch: long passages go in smaller batches, bounding memory.
EMBED_BATCH_CHARS = 16_000
#: Lowest cosine to PyTorch float32 vectors at which a faster engine or precision is accepted.
MIN_PRECISION_COSINE = 0.995
#: Try ONNX Runtime (a graph exported once from the model's own weights) before PyTorch; PARALLAX_ONNX=0 turns it off.
EMBED_ONNX = os.environ.get("PARALLAX_ONNX", "1") != "0"
#: Threads the ONNX engine uses per process (0 = one per CPU core).
EMBED_THREADS = 0
#: Words of the lede embedded with the headline as an article's first chunk.
EMBED_LEDE_WORDS = 60
#: Words of the text's opening embedded as one passage beside headline and lede for grouping (capped by the model).
EMBED_BODY_WORDS = 150
#: Weight of the headline-and-lede unit in the article vector; the opening passage has the rest.
EMBED_HEAD_WEIGHT = 0.5

# --- build ---------------------------------------------------------------------
#: Worker processes for the build's CPU stages (quotes, names); 0 = one per CPU core. PARALLAX_WORKERS sets it.
BUILD_WORKERS = int(os.environ.get("PARALLAX_WORKERS") or 0)
#: Threads each build worker's model uses. Workers run side by side, one per core: on 2 cores two
#: one-thread workers embed much faster than one process on both (docs/BENCHMARKS.md).
WORKER_THREADS = 1
#: Fewer items than this are worked in-process: starting workers (each loads spaCy) costs seconds.
PARALLEL_MIN_ITEMS = 400
#: A corpus whose input files hold at least this many bytes (about 400 news articles) starts the build's
#: workers at once, each loading the embedding model while the build reads the files; smaller ones start
#: workers only if a stage needs them.
PARALLEL_WARM_MIN_BYTES = 2_000_000
#: Where a build runs: None in this process; ``local:N`` (a LocalCluster of N worker processes) or a Dask
#: scheduler address (``tcp://host:8786``). PARALLAX_SCHEDULER sets it; ``build --scheduler`` overrides it.
SCHEDULER = os.environ.get("PARALLAX_SCHEDULER") or None
#: Seconds to wait for a Dask scheduler to answer before the build stops with P162.
SCHEDULER_TIMEOUT_SECONDS = 20
#: Texts per embedding call, in-process and on workers alike: the same batches give the same vectors.
EMBED_SLICE_TEXTS = 1024
#: Files read per task on a cluster (each task returns its files' drafts and report lines).
INGEST_SLICE_FILES = 64

# --- dates read from the text ----------------------------------------------------
#: A date within this many characters of a plain-text page's top is its byline or dateline's (a scrape's
#: menus come first; on the dates sample 3000 found 75% with 4% wrong, 600 found 66% with 2.5% wrong).
DATE_HEAD_CHARS = 3000
#: Characters of a page searched for a cued date ("published on …") when the top has none.
DATE_SCAN_CHARS = 20000
#: Dates before this year are no article's publication date (absurd years, birth dates, history).
DATE_MIN_YEAR = 1990

# --- grouping ------------------------------------------------------------------
#: Sensitivity of story grouping in [0, 1]; higher splits stories more finely.
GROUPING_SENSITIVITY = 0.5
#: Story threshold on the pair score (cosine + entity bonus - time penalty) at sensitivity 0 and 1.
GROUPING_SCORE_RANGE = (0.3, 0.8)
#: Extra score for two articles naming the same people and places in headline and lede.
GROUPING_ENTITY_WEIGHT = 0.05
#: Publication gaps up to this many days cost nothing (time zones, next-day follow-ups).
GROUPING_SAME_DAYS = 1.0
#: Beyond that, the penalty grows linearly to GROUPING_TIME_WEIGHT over this many days.
GROUPING_TIME_SCALE_DAYS = 10.0
#: Largest score penalty for a publication gap: articles weeks apart report different events.
GROUPING_TIME_WEIGHT = 0.5
#: Score penalty for a pair whose time gap is unknown (either date missing).
GROUPING_UNDATED_PENALTY = 0.05
#: In a corpus too large to compare every pair (over 10,000 articles), a dated article is compared only
#: with those dated within about this many days of it (at least this far apart, the time penalty is full).
GROUPING_WINDOW_DAYS = 11.0
#: A story's dated articles stay within this many days of each other, however undated pages link them
#: (the largest spread inside one gold story is 3 days in BASIL, 0 in AllSides; a month leaves follow-ups room).
GROUP_MAX_SPAN_DAYS = 30.0

# --- shared passages -----------------------------------------------------------
#: Fewest identical words a shared passage must contain.
MIN_PASSAGE_WORDS = 12
#: Words per hashed shingle; two texts must share this many words in a row to be compared.
PASSAGE_SHINGLE_WORDS = 5
#: Most words an edit may span inside one passage (a changed phrase, a dropped clause).
PASSAGE_MAX_GAP_WORDS = 8
#: Shingles found in more than max(COMMON_SHINGLE_MIN_DOCS, COMMON_SHINGLE_SHARE x corpus) articles are boilerplate.
COMMON_SHINGLE_MIN_DOCS = 100
#: The share of the corpus in that rule (see COMMON_SHINGLE_MIN_DOCS).
COMMON_SHINGLE_SHARE = 0.01
#: Articles are copies of each other when the narration they share is this share of the shorter one.
COPY_MIN_SHARE = 0.3
#: Lowest sentence-embedding cosine at which two sentences are "the same claim, reworded".
REWORDED_MIN_COSINE = 0.75

# --- uploads and the workspace -------------------------------------------------
#: Most bytes one zip upload may unpack to in all; members past it are refused (P155), so a zip bomb stops here.
UPLOAD_ZIP_MAX_BYTES = 64 * 1024 * 1024
#: Most members read from one zip upload (P156 names the rest).
UPLOAD_ZIP_MAX_MEMBERS = 5000
#: Seconds a save into the workspace waits for another session's save to finish before giving up (P158).
WORKSPACE_LOCK_TIMEOUT_S = 30.0

# --- cache ---------------------------------------------------------------------
#: Name of the cache folder created inside each corpus folder.
CACHE_DIRNAME = ".parallax"
#: Where bundled corpora live.
CORPORA_DIR = Path(__file__).resolve().parent.parent / "corpora"
#: Where per-user caches go when a corpus folder is read-only.
USER_CACHE_DIR = Path(os.environ.get("PARALLAX_CACHE", Path.home() / ".cache" / "parallax"))
#: Seconds a build waits for another build publishing into the same cache folder before giving up (P160).
CACHE_LOCK_TIMEOUT_S = 60.0
#: Seconds after which a cache's temporary files and unlocked staging folders are a killed build's and removed.
CACHE_SWEEP_AGE_S = 3600.0

# --- quotes --------------------------------------------------------------------
#: Quoted spans of this many words or fewer, used as labels, are scare quotes.
SCARE_QUOTE_MAX_WORDS = 3
#: Title Case quoted words up to this many, opening with an article, are a title even with a full stop inside the
#: marks ("“The Revenant.”").
TITLE_WITH_FULL_STOP_MAX_WORDS = 5
#: Sentences per spaCy batch when parsing attributions.
QUOTE_BATCH_SIZE = 256
#: Long sentences without quotation marks are parsed only this many words around their speech cue.
QUOTE_WINDOW_WORDS_BEFORE = 12
#: Words parsed after the speech cue in that window.
QUOTE_WINDOW_WORDS_AFTER = 6
#: "he" / "the general" resolve to a person named at most this many paragraphs earlier.
SPEAKER_LOOKBACK_PARAGRAPHS = 3
#: A first name tells "she" from "he" only when at least this share of its bearers are one gender...
SPEAKER_GENDER_SHARE = 0.9
#: ... and it has at least this many bearers in nomquamgender's sources: rarer "first names" are often
#: surnames or places ("Wells", "York").
SPEAKER_GENDER_MIN_BEARERS = 5000
#: Two outlets' quotes are the same quote when their words align at least this well (0-100).
QUOTE_MATCH_MIN_SIMILARITY = 80.0
#: Quotes shorter than this many words are not matched across outlets (too common to mean anything).
QUOTE_MATCH_MIN_WORDS = 4

# --- framing -------------------------------------------------------------------
#: Distinctive words need at least this |z| (weighted log-odds, informative prior).
DISTINCTIVE_MIN_Z = 1.96
#: Total pseudo-counts of the corpus prior in the log-odds (Monroe et al. 2008's alpha_0).
DISTINCTIVE_PRIOR_STRENGTH = 500.0
#: Pseudo-count added to every term before scaling, so words new to the corpus keep a finite prior.
DISTINCTIVE_PRIOR_FLOOR = 0.5
#: Distinctive terms listed per outlet.
DISTINCTIVE_TOP = 15
#: Evidence sentences kept per framing row (the UI shows more on demand from the text).
FRAMING_EVIDENCE_PER_ROW = 3
#: Sentence vectors kept in memory across stories (384 floats each; 50k is about 77 MB).
FRAMING_VECTOR_CACHE_SIZE = 50_000
#: Sentences shorter than this many words carry no aspect or frame of their own.
FRAMING_MIN_SENTENCE_WORDS = 5
#: Cosine distance under which story sentences join one aspect (average linkage).
ASPECT_DISTANCE = 0.55
#: Longest aspect label shown (characters); longer typical sentences are cut with an ellipsis.
ASPECT_LABEL_CHARS = 140
#: Cosine at or above which an outlet's sentence covers an aspect it was not clustered into.
ASPECT_COVER_COSINE = 0.6
#: Frame scores: a sentence counts towards a frame when its cosine to the frame exceeds this.
FRAME_MIN_COSINE = 0.25
#: Sentences whose VADER compound score reaches +/- this are counted as positive/negative (VADER's own cut-off).
TONE_MIN_COMPOUND = 0.05
#: Sentences of an article's opening shown as its lede.
LEDE_SENTENCES = 2
#: Main actors shown in the naming panel (named by the most outlets first).
NAMING_ACTORS = 12
#: Multi-outlet stories of at least this many words get their names recognised by the build, not when opened:
#: spaCy reads ~7,500 words/s here, so longer stories would keep the Framing tab waiting (on the 10k sample,
#: 155 stories, 1.3M words, ~3 build minutes of 60+).
NAMING_STORE_MIN_WORDS = 5000
#: A listed loaded word the corpus uses more often than this per million words is its everyday vocabulary
#: ("controversial", "attack" in a corpus of politics), not one outlet's choice: not flagged (tuned on half of BASIL).
LOADED_MAX_PER_MILLION = 300
#: Corpora of fewer words than this (stop words aside) are too small to say which words are everyday ones.
LOADED_PRIOR_MIN_WORDS = 20000

# --- dashboard and exports -----------------------------------------------------
#: The system Chromium that renders chart images on the server (kaleido); PARALLAX_CHROMIUM overrides.
CHROMIUM_PATH = Path(os.environ.get("PARALLAX_CHROMIUM", "/usr/bin/chromium"))
#: Compute an open story's other tabs in the background while its reader looks at one
#: (PARALLAX_COMPUTE_AHEAD=0 turns it off, e.g. on a laptop running on battery).
COMPUTE_AHEAD = os.environ.get("PARALLAX_COMPUTE_AHEAD", "1") != "0"
#: Pixel density of PNG chart exports (2 = sharp on slides and in print).
IMAGE_SCALE = 2
#: The user's own corpus: uploaded, pasted and fetched articles are saved here (PARALLAX_WORKSPACE overrides).
WORKSPACE_DIR = Path(os.environ.get("PARALLAX_WORKSPACE", Path.home() / "parallax" / "my-articles"))
