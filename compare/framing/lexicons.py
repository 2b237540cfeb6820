"""Word lists for framing, written as data (our own lists, after published categories).

Categories follow the bias-lexicon literature: spin and loaded attribution verbs
(Recasens et al. 2013's "epistemological" verbs), intensifiers and subjective qualifiers
(after Wilson et al.'s MPQA subjectivity clues); hedges (Hyland 1998) are speculation and
factive adverbs (Hooper 1975) certainty among the opinion markers, and assertive verbs
("insisted") loaded attribution verbs: BASIL's annotators marked 2% of them as loaded words.
Entries are lower-case base words; ``compare.nlp.inflections`` (the one verb-form table,
which the quote extractor's speech cues use too) expands their forms so each list stays
short and readable.
"""

from __future__ import annotations

# fmt: off
# --- loaded language --------------------------------------------------------------

#: Verbs that colour what someone did or said ("conceded", "slammed").
SPIN_VERBS = (
    "admit", "attack", "backtrack", "bash", "blast", "blame", "boast", "brag", "cave", "chide", "complain",
    "concede", "confess", "decry", "deride", "dismiss", "dodge", "downplay", "duck", "evade", "exploit", "fume",
    "gloat", "grumble", "hammer", "lament", "lash out", "mock", "pander", "pounce", "rage", "rail", "rant",
    "rebuke", "refuse", "ridicule", "rip", "scoff", "scold", "scramble", "seize on", "slam", "smear", "snap",
    "sneer", "spin", "tout", "trumpet", "whine", "play down", "brush off", "brush aside", "lambast", "skewer",
    "torch", "balk", "bristle", "flip-flop", "stonewall", "plead ignorance", "excuse away", "assail", "castigate",
    "trash", "rebuff", "hail", "coerce", "dangle", "take a swipe", "took a swipe", "bat down", "champ at the bit",
    "waste no time",
)
#: Intensifiers that raise the temperature of a claim.
INTENSIFIERS = (
    "absolutely", "astoundingly", "completely", "deeply", "dramatically", "enormously", "entirely", "extremely",
    "fiercely", "hugely", "incredibly", "massively", "outright", "remarkably", "sharply", "staggeringly", "totally",
    "truly", "utterly", "wildly", "blatantly", "brazenly", "shockingly", "stunningly", "desperately", "furiously",
    "bitterly", "vehemently", "wholly", "grossly", "flatly", "squarely", "really", "so much", "strikingly",
    "harshly", "staunchly", "aggressively", "vigorously", "ham-handedly", "overly",
)
#: Subjective qualifiers: evaluative adjectives and nouns a neutral report would avoid.
SUBJECTIVE = (
    "absurd", "alarming", "appalling", "bizarre", "bogus", "brutal", "catastrophe", "chaos", "chaotic",
    "controversial", "crisis", "cronies", "dangerous", "debacle", "devastating", "disastrous", "disaster",
    "disgraceful", "draconian", "embarrassing", "embarrassment", "extreme", "extremist", "fake", "fiasco", "fierce",
    "gaffe", "heroic", "historic", "hoax", "horrific", "huge", "infamous", "insane", "laughable", "mad", "mess",
    "mysterious", "notorious", "outrage", "outrageous", "phony", "phoney", "propaganda", "radical", "reckless",
    "regime", "ridiculous", "sham", "scandal", "shady", "shameful", "shenanigans", "shocking", "slashed",
    "stunning", "thug", "tirade", "tyranny", "unprecedented", "uproar", "vicious", "witch hunt", "bombshell",
    "explosive", "firestorm", "meltdown", "onslaught", "hysteria", "scheme", "ploy", "stunt", "coup", "debunked",
    "ungrateful", "hardline", "hard-line", "far cry", "staggering", "grave", "dire", "bloated", "crackdown",
    "assault", "slam", "rampant", "lavish", "cozy", "cosy", "elite", "elites", "agenda", "lurch", "blunder",
    "damning", "devious", "cynical", "misguided", "baseless", "groundless", "disinformation", "infuriating",
    "furious", "fury", "rage", "backlash", "embattled", "beleaguered", "troubled", "botched", "failed", "feeble",
    "weak", "doomed", "toxic", "ugly", "nasty", "vile", "bombastic", "adamant", "maelstrom", "evasive", "dazzling",
    "spectacular", "hawkish", "stupid", "crazy", "terrible", "staunch", "gory", "crooked", "wimp", "hysterical",
    "hypocrite", "elitist", "lapdog", "lapdogs", "false prophet", "conspiracy theory", "conspiracy theories",
    "in name only",
)

#: Category name -> entries; the order is the order of the highlight legend.
LOADED_CATEGORIES: dict[str, tuple[str, ...]] = {
    "spin": SPIN_VERBS,
    "intensifier": INTENSIFIERS,
    "subjective": SUBJECTIVE,
}

#: Words before a listed verb that make it a noun, so no verb of spin: "the attacks", "his claims", "of blame".
NOUN_BEFORE = (
    "the", "a", "an", "his", "her", "their", "its", "our", "your", "my", "these", "those", "this", "such", "any",
    "no", "of", "another", "every", "each", "new", "latest", "recent", "repeated", "further",
)
#: Listed words in a plain, literal sense, known by a neighbour: base word -> (words just before, words just after)
#: that give it that sense ("failed to pass", "sexual assault", "assault weapons", "the debt crisis", "dismissed her").
LITERAL_SENSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fail": ((), ("to",)),
    "refuse": ((), ("to",)),
    "assault": (("sexual", "aggravated", "physical", "indecent"), ("weapon", "weapons", "rifle", "rifles", "charge")),
    "attack": (("terrorist", "terror", "heart", "military", "air", "missile", "drone", "suicide", "cyber"), ()),
    "crisis": (("debt", "financial", "fiscal", "housing", "refugee", "health", "humanitarian", "budget"), ()),
    "regime": (("sanctions", "tax", "visa", "regulatory"), ()),
    "dismiss": ((), ("her", "him", "them", "me", "us", "you")),
}

# --- attribution -----------------------------------------------------------------

#: Verbs that report speech without judging it.
# Nouns that double as verbs ("state", "note", "report") are listed in verb forms only.
NEUTRAL_ATTRIBUTION = (
    "say", "tell", "add", "explain", "write", "announce", "according to", "stated", "noted", "reported",
)
#: Verbs that tell the reader what to think of the speech.
LOADED_ATTRIBUTION = (
    "admit", "claim", "concede", "insist", "confess", "boast", "brag", "allege", "complain", "deny",
    "plead ignorance", "acknowledge", "argue", "assert", "contend", "declare", "vow", "warn", "slam", "blast",
    "scoff", "lament", "whine", "rant", "quip", "grumble", "fume", "tout", "excuse away", "swear", "proclaim",
    "profess",
)

# --- opinion markers --------------------------------------------------------------

FIRST_PERSON = (
    "i", "me", "my", "mine", "we", "us", "our", "ours",
)
SECOND_PERSON = (
    "you", "your", "yours",
)
#: Speculation and hedges: guesses about what is not known, claims the writer stops short of asserting.
SPECULATION = (
    "may", "might", "could", "perhaps", "possibly", "probably", "likely", "unlikely", "seems", "seem", "appears",
    "appear", "suspect", "suspected", "speculate", "speculation", "presumably", "supposedly", "would seem",
    "it is possible", "may or may not", "allegedly", "apparently", "arguably", "purportedly", "reportedly",
    "seemingly", "so-called", "rumored", "rumoured", "unconfirmed", "unverified",
)
#: Certainty: the writer presents a claim as beyond question (factive adverbs and phrases).
CERTAINTY = (
    "the fact that", "it is clear", "of course", "undeniably", "clearly", "obviously", "indeed", "in fact",
    "needless to say", "without question", "no doubt",
)
#: Value judgements: the writer says what ought to be or how good something is.
VALUE_JUDGEMENT = (
    "should", "ought", "must", "shameful", "disgrace", "disgraceful", "wrong", "right thing", "unacceptable",
    "deserve", "deserves", "outrageous", "absurd", "ridiculous", "pathetic", "ungrateful", "irresponsible",
    "admirable", "commendable", "inexcusable", "needless to say", "embarrassing", "bizarre", "good", "bad", "best",
    "worst",
)

# --- page furniture ----------------------------------------------------------------

#: Lines of a web page that are not the article: never an article's lede. Per class of line, the
#: phrases that make a whole line (punctuation aside) and, ending in "...", phrases that open one.
PAGE_FURNITURE: dict[str, tuple[str, ...]] = {
    "advertising": (
        "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content", "paid content",
        "paid post", "promoted", "promoted content", "partner content", "ad feedback", "report this ad",
        "story continues below advertisement", "article continues below advertisement", "continue reading below",
        "advertisement:...", "sponsored by...", "paid for by...", "story continues below...",
        "article continues below...", "scroll to continue...",
    ),
    "share and subscribe prompts": (
        "share", "share this", "share this article", "share this story", "share on facebook", "share on twitter",
        "tweet", "email", "print", "comments", "sign up", "subscribe", "subscribe now", "newsletter",
        "share this article...", "share this story...", "share on...", "sign up for...", "sign up to...",
        "subscribe to...", "subscribe for...", "get our...newsletter", "follow us on...", "join our...",
        "download our app...", "get the app...", "already a subscriber...", "create a free account...",
        "log in to continue...", "enjoyed this article...", "like us on...",
    ),
    "navigation": (
        "skip to content", "skip to main content", "skip to navigation", "menu", "main menu", "home", "search",
        "back to top", "close", "next article", "previous article", "read more", "more on this story",
        "related", "related articles", "related stories", "most read", "trending", "top stories",
        "click here...", "skip to...", "read more:...", "read more about...", "related:...", "see also:...",
        "also read:...", "watch:...", "listen to this article...", "you may also like...", "recommended for you...",
        "this article is more than...", "open in app...", "view comments...", "jump to...",
    ),
    "photo credits": (
        "photo:...", "photos:...", "photograph:...", "picture:...", "image:...", "credit:...", "photo credit...",
        "photo by...", "photograph by...", "file photo:...",
        "ap photo/...", "image source...", "photo illustration...",
        "getty images", "reuters", "ap", "afp", "epa", "shutterstock", "alamy", "ap photo", "file photo",
    ),
}

# fmt: on
