"""The words that say what kind of speaker someone is, as data: read by ``compare.speaker_types``.

Each kind is told by the words an article uses for the speaker (a title, an affiliation, an
appositive: "a spokesman for the PMF", "a law professor at Columbia", "(D-N.Y.)"), never by who the
person is known to be nor by an address. The rules are ordered: the first kind whose words appear
wins, so "IMF chief economist" is an expert before an official, "a Republican tax consultant" an
expert before a politician and "a professor and the editor of a blog" an expert before a journalist.
What each kind means is set out with the hand labels that measure it
(tests/data/speaker_types/README.md). Changing a list here changes the quotes stage's results; the
build key sees it (``compare.stage_code`` hashes the modules a stage imports).
"""

from __future__ import annotations

import re

from compare.nlp import lexicon

#: Every kind of speaker, in the order a reader would rank them for a "who was quoted" list.
SPEAKER_TYPES = (
    "official",
    "politician",
    "spokesperson",
    "expert",
    "organisation",
    "journalist",
    "citizen",
    "document",
    "anonymous",
    "other",
)

# News outlets and newsroom words: the speaker is a journalist, or the outlet itself.
NEWS_OUTLETS = (
    r"times|post|news|journal|tribune|herald|gazette|dispatch|magazine|reuters|associated press|afp|cnn|msnbc|"
    r"nbc|cbs|abc|fox|bbc|guardian|telegraph|politico|politifact|breitbart|huffpost|huffington|bloomberg|axios|"
    r"economist|xinhua|tass|al jazeera|newspaper|the hill|new yorker|atlantic|zero hedge|yahoo|usa today|upi|"
    r"morning consult|npr|pbs"
)
_NEWSROOM = (
    r"reporter|journalist|correspondent|editor|columnist|anchor|host|bureau chief|writer|commentator|blogger|"
    r"broadcaster|pundit|fact.checker|outlet|network|daily"
)
JOURNALIST = re.compile(rf"\b(?:{_NEWSROOM}|{NEWS_OUTLETS})\b", re.I)
OUTLET = re.compile(rf"\b(?:{NEWS_OUTLETS})\b", re.I)

# Heads of bodies outside government (unions, leagues, advocacy groups, companies) speak as officials
# of them, whatever their title: "president of the NAACP", "Virginia AFL-CIO President".
_CIVIL_BODIES = (
    r"union|federation|association|league|naacp|afl-cio|company|corporation|corp|inc|bank|chamber of commerce|"
    r"society|alliance|coalition|council of|veterans of|justice|fund"
)
_HEADS = r"president|chairman|chairwoman|chair|chief executive|ceo|executive director|director|head|founder"

#: (kind, words) in the order they are tried; the first kind whose words a description holds wins.
TYPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a party tag is a politician's, whatever else is said: "Marcia Price (D-Newport News)", "McConnell, R-Ky.,"
    ("politician", re.compile(r"\([DRI]\)|\([DRI][-–][^)]*\)|\b[DRI][-–][A-Z][a-z]{1,}\.?,")),
    (
        "spokesperson",
        re.compile(
            r"\b(?:spokes(?:man|woman|person|people|men|women)|press secretary|press officer|communications? director|"
            r"director of communications|press aide|press office)\b",
            re.I,
        ),
    ),
    (
        "expert",
        re.compile(
            r"\b(?:professor|analyst|researcher|economist|scholar|fellow|expert|scientist|historian|pollster|"
            r"strategist|consultant|lawyer|doctor|physician|surgeon|specialist|author|think tank|institute|"
            r"university|college|physicist|hydrologist|gastroenterologist|academic|lecturer|psychologist)\b",
            re.I,
        ),
    ),
    ("journalist", JOURNALIST),
    (
        "official",
        re.compile(rf"\b(?:{_HEADS})\b.*\b(?:{_CIVIL_BODIES})\b|\b(?:{_CIVIL_BODIES})\b.*\b(?:{_HEADS})\b", re.I),
    ),
    (
        "politician",
        re.compile(
            r"\b(?:(?:vice )?president(?![’']s)(?!\s+(?:of|for|at)\b)|senator|sen|rep|representative|"
            r"congress(?:man|woman)|lawmaker|"
            r"legislator|governor|gov|mayor|candidate|nominee|speaker|majority leader|minority leader|"
            r"prime minister|chancellor|premier|mp|member of parliament|council(?:man|woman|lor)|delegate|del|"
            r"democrat|democrats|democratic|republican|republicans|gop|politician|running mate|party|campaign|"
            r"hopeful|front-runner|frontrunner|surrogate|dnc|rnc|national committee|caucus|white house hopeful|"
            r"first lady)\b",
            re.I,
        ),
    ),
    (
        "official",
        re.compile(
            r"\b(?:secretary|general|admiral|colonel|lieutenant|major|captain|sergeant|commander|minister|"
            r"ambassador|official|officer|director|chief|diplomat|envoy|attorney|police|military|army|navy|"
            r"pentagon|department|ministry|agency|white house|state department|kremlin|command|commissioner|"
            r"sheriff|administration|government|joint chiefs|cabinet|prosecutor|judge|justice|aide|aides|adviser|"
            r"advisor|executive|ceo|inspector|regulator|trooper|guard|guards|marshal|superintendent)\b",
            re.I,
        ),
    ),
    (
        "citizen",
        re.compile(
            r"\b(?:resident|residents|voter|voters|citizen|citizens|witness|witnesses|bystander|neighbou?r|"
            r"fisherman|fishermen|farmer|nurse|teacher|student|parent|parents|mother|father|widow|widower|"
            r"husband|wife|son|daughter|family|relative|victim|survivor|protester|protesters|protestor|"
            r"demonstrator|demonstrators|activist|organi[sz]er|supporter|supporters|worker|driver|shopkeeper|"
            r"customer|passenger|reader|readers|viewer|commenter|tenant|renter|retiree|veteran|mom|dad)\b"
            r"|^\d{1,3}$",  # "Quina Jones, 25, said": an age is all a private person is given
            re.I,
        ),
    ),
)

# Descriptions that are a text, not a person: "the statement", "a Homeland Security memo", "the ruling".
DOCUMENT_HEADS = lexicon(
    """
    statement statements letter letters report reports memo memos release ad ads advertisement advertisements
    email emails e-mail tweet tweets post message video clip book piece story article editorial website
    document documents filing study survey poll transcript complaint petition order ruling decision bill
    bylaws indictment brief lawsuit motion resolution notice announcement cable dossier manual guidance
    """
)

# Descriptions of ordinary people as a group: "protesters", "Scott's family".
CITIZEN_HEADS = lexicon(
    """
    protesters protestors demonstrators residents voters witnesses parents families family neighbors
    neighbours supporters fans readers viewers marchers students workers villagers locals crowd
    """
)

# Countries and places that speak for their governments ("Japan branded ...", "Russia insisted").
COUNTRIES = lexicon(
    """
    afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus
    belgium bolivia brazil britain bulgaria cambodia canada chile china colombia croatia cuba cyprus denmark
    egypt estonia ethiopia finland france georgia germany ghana greece hungary india indonesia iran iraq
    ireland israel italy japan jordan kazakhstan kenya kuwait latvia lebanon libya lithuania mexico moldova
    morocco myanmar burma nepal netherlands nigeria norway oman pakistan panama peru philippines poland
    portugal qatar romania russia serbia singapore slovakia somalia spain sudan sweden switzerland syria
    taiwan thailand tunisia turkey uganda ukraine venezuela vietnam yemen zimbabwe pyongyang beijing moscow
    tehran seoul tokyo kyiv kiev london paris berlin washington
    """
)
