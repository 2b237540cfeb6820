"""The words that tell a person's name from a title, a place, a body or a thing, as data.

Read by ``compare.speakers`` (names and titles), ``compare.named_people`` (who an article names and
where) and ``compare.speaker_resolver`` (what "he" and "the general" stand for). Lower-case, without
an abbreviation's full stop; look words up with ``compare.speakers.bare_word``. Changing a list here
changes the quotes stage's results; the build key sees it (``compare.stage_code`` hashes the modules a
stage imports).
"""

from __future__ import annotations

from compare.nlp import lexicon

# Words that make up a title, not a name ("Defense Secretary Mark Esper" -> name "Mark Esper").
# Lower-case, without the abbreviation's full stop.
TITLE_WORDS = lexicon(
    """
    president vice secretary undersecretary gen general sen senator rep representative gov governor mayor
    minister prime chairman chairwoman chair director spokesman spokeswoman spokesperson ambassador adm
    admiral col colonel lt lieutenant maj major capt captain sgt sergeant cmdr commander dr prof professor
    mr mrs ms miss judge justice attorney chief executive officer speaker leader candidate nominee former
    deputy press acting assistant senior top commissioner councilman councilwoman congressman congresswoman
    lawmaker sheriff superintendent pastor rev reverend bishop pope king queen prince princess sir lord dame
    coach head correspondent reporter editor columnist anchor host analyst economist professor founder ceo
    cfo coo chancellor premier treasurer trustee advisor adviser aide strategist pollster manager
    chairperson delegate ayatollah sheikh emir sultan first lady ret retired republican republicans democrat
    democrats democratic gop conservative liberal independent libertarian progressive
    """
)

# Departments a title names before the person: "Secretary of State John Kerry".
DEPARTMENTS = lexicon("state defense defence energy labor labour commerce treasury agriculture education homeland")

# Honorifics carry no role: "Mr. Trump" has no title worth showing.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "sir", "dame"})

# Abbreviated titles, spelled out so that "Gen." and "General" compare equal.
ABBREVIATIONS = {
    "gen": "General",
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "lt": "Lieutenant",
    "col": "Colonel",
    "adm": "Admiral",
    "sgt": "Sergeant",
    "capt": "Captain",
    "cmdr": "Commander",
    "maj": "Major",
    "pres": "President",
    "prof": "Professor",
    "rev": "Reverend",
    "atty": "Attorney",
    "supt": "Superintendent",
    "ret": "retired",
}

# Words that mark an organisation rather than a person, when the parser gives no entity label.
ORGANISATION_WORDS = lexicon(
    """
    department ministry agency office committee commission council campaign party pentagon administration
    government house senate congress parliament court army navy command police company corporation inc corp
    ltd group union association institute foundation university college bank fund board bureau service
    services organization organisation center centre network times post news journal press tribune herald
    gazette dispatch magazine daily reuters agence afp ap cnn msnbc nbc cbs abc fox bbc guardian telegraph
    politico breitbart huffpost huffington bloomberg axios economist xinhua tass kremlin coalition alliance
    forces embassy council secretariat nato un statement report letter memo release
    museum library hospital clinic society federation league academy institution caucus chamber charity
    church diocese trust pac superpac motors electric dynamics airlines airways industries holdings partners
    assembly
    """
)

# First and last words of place names and laws ("Affordable Care Act"), which otherwise read like "First Last"
# person names.
PLACE_STARTS = lexicon(
    """
    new south north east west central los las san santa st saint united great hong sri saudi el fort port
    lake mount upper lower greater palm puerto costa cape middle
    """
)

PLACE_ENDS = lexicon(
    """
    city county state states island islands river valley beach street avenue square park bay coast kingdom
    republic province region district hills heights airport station america europe asia africa
    act amendment treaty accord accords doctrine
    """
)

# Capitalised words that are never part of a person's name.
NOT_NAMES = lexicon(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december twitter facebook instagram youtube google americans american muslims
    muslim christians jews democrats republicans
    latinos latino latinas hispanics hispanic mexicans africans asians europeans canadians britons iranians
    iraqis israelis palestinians russians syrians ukrainians immigrants
    convention conference summit forum festival olympics debate debates rally expo award awards prize
    """
)


# Lower-case words inside a name ("Ursula von der Leyen", "Abu Bakr al-Baghdadi").
PARTICLES = frozenset({"de", "da", "del", "der", "van", "von", "bin", "al", "la", "le", "di", "du", "ibn"})

# Words that open a place's name before a first name ("San Pedro Sula", "South Carolina", "Fort Bragg"): never a
# description to drop from before a person's name.
PLACE_OPENERS = lexicon("san santa santo sao saint st ste fort port mount mt lake new los las el north south east west")

# What follows a surname without being it ("Martin Luther King Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Words that join clauses: a name after them can open a new one.
# Words that join clauses: a name right after one of them opens a clause of its own. After a coordinating
# one ("..., and Trump said") that clause is as much the sentence's as the first; after a subordinating one
# ("Trump took offense when Kelly confronted him") it only sets the scene for the main clause's subject.
COORDINATORS = lexicon("and but so yet or")
SUBORDINATORS = lexicon("while as because when although though after before since")
CONJUNCTIONS = COORDINATORS | SUBORDINATORS

# Verbs whose object or reported clause a following name belongs to ("told Kelly", "believes McConnell is").
CLAUSE_VERBS = lexicon(
    """
    said says told tells asked asks added adds argued argues noted notes wrote writes claimed claims insisted
    warned explained suggested believe believes believed think thinks thought thanked praised criticized urged
    """
)

# A name after these is governed by them ("supporters of Trump"), not the subject of its sentence.
PREPOSITIONS = lexicon(
    """
    of to with by for from about against at on in into over under than like as toward towards between among
    after before since during despite through throughout without within upon across behind beyond near
    """
)

# Words that stand for people without naming them ("Another said", "Others argue", "Some chanted"): written
# in capitals at a sentence's start, the tagger may call them proper nouns; they are never a name.
QUANTIFIERS = lexicon("another other others some several both many most few those these all each either neither")

# Words that open sentences in capitals without being anyone's name ("In Washington,", "The Pentagon said"); every
# preposition among them ("Like Allen, their days begin": the subject is not "Like Allen").
NOT_PERSON_OPENERS = (
    lexicon(
        """
    the a an this that these those it its he she they we i you his her their our my your in on at of for from
    by with to as but and or so yet if when while after before since though although because then there here
    what who which where why how however meanwhile still instead also later earlier now today yesterday
    tomorrow last next one two many some most all both each every no not officials police critics experts
    """
    )
    | PREPOSITIONS
    | QUANTIFIERS
    | lexicon("unlike amid amidst besides including regarding concerning following via per")
)

# What ends the run of words describing a name from the left: "supporters of Trump", "said Trump".
RUN_BREAKS = PREPOSITIONS | CONJUNCTIONS | CLAUSE_VERBS | lexicon("is was are were has had have who that")

# Words that show a person's gender: honorifics, gendered titles and nouns, pronouns.
GENDER_WORDS = {
    **dict.fromkeys(
        lexicon(
            "mr he his him himself sir spokesman congressman chairman businessman king prince husband father son "
            "brother man"
        ),
        "m",
    ),
    **dict.fromkeys(
        lexicon(
            "mrs ms miss she her hers herself dame spokeswoman congresswoman chairwoman businesswoman queen princess "
            "actress lady wife mother daughter sister woman widow"
        ),
        "f",
    ),
}

# Pronouns that are a clause's subject: a name after one in its clause is its object ("He had protested Trump").
SUBJECT_PRONOUNS = lexicon("he she they we i you")

# Lower-case words after a name that show its clause's verb has begun ("Trump also attacked", "Cruz has said"),
# besides past forms in -ed.
VERB_SIGNS = lexicon("also then again later has had have was is were are will would did does")

# The pronouns "he said" is resolved by (not "they", "it").
GENDERED_PRONOUNS = lexicon("he his him himself she her hers herself")

# The articles: a name right after one modifies a noun ("an Obama supporter"), and a noun right after one
# can be a description of who spoke ("“...?” asked the boy").
ARTICLES = frozenset({"a", "an", "the"})

# Words no person's name holds, whatever their case: a run of capitals with one of them inside is a headline
# or a title ("Clinton Wades In", "Look How Trey Gowdy"), not someone's name. Particles ("de", "van")
# stay name words.
NEVER_IN_A_NAME = (PREPOSITIONS | CONJUNCTIONS | ARTICLES | lexicon("how why what where who which")) - PARTICLES

# Words that make a description point back to someone named before ("the general").
DEFINITE = frozenset({"the", "this", "that"})

# Heads of descriptions of unnamed sources ("the source", "a senior official").
ANONYMOUS_HEADS = lexicon("source sources insider insiders aide aides person people official officials")

# Heads of descriptions of bodies: "several environmental groups" are not unnamed people.
BODY_HEADS = lexicon("group groups organization organizations organisation organisations companies unions agencies")

# Heads of descriptions that are things or bodies, never a person to look back for.
THING_NOUNS = lexicon(
    """
    statement report ad advertisement email e-mail letter memo release tweet post message video book piece story
    article editorial website site paper newspaper magazine page document filing study survey poll data record
    transcript speech interview line sign campaign group team crowd audience rally council
    panel lawsuit complaint petition order ruling decision bill law plan proposal platform agreement deal
    """
)

# The words a title in Title Case leaves in lower case ("Gang of Eight", "Trust in the Force"): any other
# lower-case word ("But Pete Wilson won,") makes quoted words a statement, not the name of a work or a slogan.
TITLE_SMALL_WORDS = lexicon("a an the and or but nor of in on at to for by with from as vs per via") | PARTICLES
