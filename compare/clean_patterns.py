"""What the lines of a scraped page look like: the patterns the plain-text cleaner's rules test.

Kept apart from the rules (``compare.clean``) as data: a new site's furniture usually means a
word added to one of these patterns, not a new rule. Each pattern is judged on one line; the
cleaner decides from these answers and a line's neighbours what is article and what is page.
"""

from __future__ import annotations

import re

# Letters of any script: "[A-Za-z]" read "città" as "citt" and Cyrillic or Greek prose as no words at all.
# Chinese and Japanese write no spaces between words: a run of their characters counts as one word for
# every two characters (about a word's length there), or a sentence of lyrics reads as a one-word label.
_UNSPACED = "\u3040-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(rf"[{_UNSPACED}]{{1,2}}|(?:(?![{_UNSPACED}])[^\W\d_])(?:(?![{_UNSPACED}])[^\W\d_]|['’\-])*")
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_LINE = re.compile(
    rf"^\W*(?:(?:posted|published|updated|last updated)(?:\s+on)?\W*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)"
    rf"(?:[\s•·|,\-–—]+(?:at\s+)?\d{{1,2}}:\d{{2}}\s*(?:am|pm)?)?\W*$",
    re.IGNORECASE,
)
STAMP = re.compile(r"^\W*(?:date|in|by|source|url)?\W*[\d\-/:TZ ]*\W*$", re.IGNORECASE)
FORM_FIELD = re.compile(r"^\W*\w[\w ]{0,29}\*\s*$")  # "name *", "email *" (not a "* * *" divider)
# What a form asks of its reader: a label with an asterisk that names none of it is a footnoted list item
# ("Linked clones for VMs*", "32 vCPUs and 128 GB vRAM*"), not a field of a comment or sign-up form.
FORM_FIELD_WORD = re.compile(
    r"\b(?:name|e-?mail|website|url|comments?|message|phone|subject|password|user ?name|company|country|address"
    r"|zip|post ?code|nome|nombre|correo|sitio|commentaire|kommentar|webseite)\b",
    re.IGNORECASE,
)
# Page furniture about the article rather than in it: filing labels, tag lists, post navigation.
META_LABEL = re.compile(
    r"^\W*(?:posted in|filed (?:in|under)|tagged|tags?\s*:|topics?\s*:|categor(?:y|ies)\s*:|author\s*:"
    r"|about the (?:author|writer)|author bio"
    r"|(?:previous|next|older|newer) (?:post|article|story)\b)"
    r"|(?:previous|next|older|newer) (?:post|article|story)\W*$",
    re.IGNORECASE,
)
# Section headers over lists of other articles: what follows them is not this article.
SECTION_HEADER = re.compile(
    r"^\W*(?:related(?: \w+)?|recommended(?: for you| stories| reading)?|you (?:may|might) (?:also )?like"
    r"|more (?:from|on|in|stories|news|coverage)\b.*|most (?:popular|read|viewed|shared)(?: \w+)?"
    r"|trending(?: \w+)?|also read|further reading|read (?:next|also|more)|see also|top stories"
    r"|latest (?:news|stories|articles|videos)|editor'?s picks|don'?t miss|what to read next"
    r"|in case you missed it|popular (?:now|posts|stories)|explore more on these topics"
    r"|(?:promoted|sponsored|partner) (?:stories|content|links|posts)|around the web|from (?:our|the) partners?"
    # the same headers on pages in other languages
    r"|(?:noticias|notícias|articles?|artículos|notizie|artikel)"
    r" (?:relacionad[oa]s|liés|similaires|correlate|correlati)"
    r"|(?:lo más|las más|mais) (?:leíd[oa]s?|lid[oa]s|visto)|i più letti|meistgelesen\w*|mehr zum thema"
    r"|das könnte sie auch interessieren|te puede interesar|(?:ähnliche|verwandte) (?:artikel|beiträge))\W*$",
    re.IGNORECASE,
)
# A link to another article set inside the body: "RELATED: ...", "Watch: ...", "Read more: ...".
_TEASER_WORDS = (
    r"(?:related|watch|listen|video|read (?:more|also|next)|also read|see also|recommended|more"
    r"|(?:lee|lea|leia|lire|leggi) (?:más|mais|también|também|aussi|anche)|à lire aussi|mira|veja|vídeo)"
)
# A dash must stand apart to be the label's: "Video-sharing sites ...", "More-or-less ..." open sentences.
TEASER_LINK = re.compile(rf"^\W*{_TEASER_WORDS}(?:\s*[:|]|\s+[-–—]|\s*[–—]\s)\s*\w", re.IGNORECASE)
# The same label alone on its line ("WATCH:", "More:"), above the video or link it introduces: no lead-in.
TEASER_LABEL = re.compile(rf"^\W*{_TEASER_WORDS}\s*:\s*$", re.IGNORECASE)
# The label of an ad slot inside the body ("Advertisement", "Story continues below advertisement").
AD_SLOT = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|ad|paid content"
    r"|(?:the )?(?:story|article|text) continues (?:below|after)(?: this| the)? (?:advertisement|ad)"
    r"|continue reading (?:below|the main story)|scroll (?:down )?to continue(?: with content)?)\W*$",
    re.IGNORECASE,
)
# Notes about the article itself, sentences or not.
META_NOTE = re.compile(
    r"^\W*(?:this (?:article|story) is (?:more|over) than"
    r"|(?:a version of this (?:article|story) )?appeared in the .{0,40}print edition)",
    re.IGNORECASE,
)
# Comment widgets: a short line about comments, replies or votes opens (or belongs to) a comment section.
COMMENT_CUE = re.compile(
    r"\b(?:comments?|commenting|repl(?:y|ies)|voted|feedbacks?|disqus|moderated)\b"
    r"|^\W*notify\b",  # "Notify me of follow-up comments", not "We will notify you by email"
    re.IGNORECASE,
)
# What makes a line about comments a widget rather than a subheading ("Public comments on the plan"): a count,
# a widget's verb or word, or a label's ending. Lines of at most CLEAN_COMMENT_LABEL_MAX_WORDS need none of it.
COMMENT_WIDGET = re.compile(
    r"\d|^\W*(?:leave|add|post|show|load|loading|view|see|write|submit|read|hide|cancel|join|sort|notify)\b"
    r"|\b(?:disqus|voted|moderated|plugin|policy|cancel)\b|[:|*…»]\s*$|\.\.\s*$",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters|Getty)\s+Photo|\bPhoto(?:graph)?:|\bImage:|\bCredit:|\bGetty Images\b|/\s*Shutterstock\b"
    r"|\bPhoto by\b|\bPhotograph by\b|\b(?:Image|Media) (?:copyright|source|caption)|\btoggle caption\b"
    r"|\bmedia playback is (?:unsupported|not supported)\b",
    re.IGNORECASE,
)
# Menu separators and breadcrumbs ("Home » News", "Sport | Weather"); tested outside quotations (QUOTED).
NAVIGATION = re.compile(r"[»›|]|\s>\s")
# "Skip to content" and the same link on sites in other languages (German, French, Spanish, Italian, Portuguese,
# Dutch): the first line of many themes, never the headline.
SKIP_LINK = re.compile(
    r"\bskip to\b|\bzum (?:inhalt|hauptinhalt) (?:springen|wechseln)\b|\bspringe? zum inhalt\b"
    r"|\baller au contenu\b|\bpasser au contenu\b|\bsaltar al contenido\b|\bir al contenido\b"
    r"|\bvai al contenuto\b|\bpular para o conte[uú]do\b|\bnaar de inhoud\b",
    re.IGNORECASE,
)
# Legal notices and disclaimers: site furniture, however long and sentence-like they are.
LEGAL = re.compile(
    r"^\W*(?:©|\(c\)|copyright\b|disclaimer\b)|all rights reserved|do not necessarily (?:reflect|represent)"
    # "The views expressed here are his own"; not a report of what was said ("Views expressed at the hearing varied")
    r"|(?:views|opinions) expressed\b[^.;]{0,80}?\b(?:are|is|do|does|don't|don’t|belong|reflect|represent)\b"
    r"|solely (?:those|the views) of the author"
    r"|(?:does not|do not|not intended to) (?:give|provide|constitute|be) (?:\w+ )?"
    r"(?:financial|investment|legal|medical) advice"
    # licence notices ("licensed under a Creative Commons ...", "CC BY-SA 4.0"); not prose about the organisation
    r"|\b(?:licen[cs]ed|published|released|available|distributed|reproduced|republished) under (?:an? |the )?"
    r"(?:\w+ )?creative commons\b|\bcreative commons (?:attribution|licen[cs]e|by|zero|cc0)\b|\bcc[ -]by\b"
    # affiliate and advertising disclosures
    # ("This post contains affiliate links"; not "Critics say the site hides its affiliate links")
    r"|advertising (?:disclosure|disclaimer)|affiliate advertising program"
    r"|\b(?:contains?|contain|includes?|are|uses?|using|through|via|from) (?:\w+ ){0,2}affiliate links?\b"
    r"|\b(?:earn|earns|receive|receives|get) (?:an? )?(?:small )?affiliate commissions?\b"
    r"|(?:we|i) may (?:receive|earn) (?:a )?(?:small )?(?:compensation|commissions?)"
    r"|(?:participant|participates) in the amazon|\bamazon associates?\b"
    # consent notices under forms: "By registering, you agree to ...", "By submitting your information, you ..."
    r"|^\W*by (?:submitting|signing up|registering|subscribing|clicking|continuing|using)\b[^.]{0,80}"
    r"\byou(?:'re|’re| are)? (?:agree|agreeing|consent|consenting|accept|accepting)\b",
    re.IGNORECASE,
)
# A legal notice that says so at its start ("Disclaimer: ...", "Copyright ..."), however long.
LEGAL_LABEL = re.compile(r"^\W*(?:©|\(c\)|copyright\b|disclaimer\b)", re.IGNORECASE)
# Calls to action: the page talking to its reader about the site itself (subscribe, follow, share, comment).
ACTION_CUE = re.compile(
    r"\b(?:subscri(?:be|ption)|newsletters?|podcasts?|follow us|find us on|join us"
    r"|thanks? (?:you )?for reading|sharing is caring"
    r"|donat(?:e|ion)|download (?:our|the)(?: [\w-]+)? apps?|leave a (?:comment|reply)"
    r"|share (?:this|on|via|or|what|it|them)|sharing (?:this|our|it)|support(?:ing)? (?:our|my) (?:work|journalism)"
    r"|your support|help us (?:continue|keep)"
    r"|comments? (?:below|section)"
    r"|becom(?:e|ing) a (?:member|subscriber|supporter|patron)|join now"
    r"|^\W*(?:social )?share\W*$|improve this (?:answer|question)"
    # the same appeals on pages in other languages (German, French, Spanish, Italian, Portuguese)
    r"|abonnier\w*|abonnez|abonnement|suscr[ií]b\w*|iscriviti|assine|assinatura"
    r"|folgen sie uns|suivez-nous|s[ií]guenos|seguici|siga-nos|nos siga)\b",
    re.IGNORECASE,
)
# Account and device words: sign-in boxes and password resets stand on many pages' first screen, but
# reviews and reports use the same words ("you can sign up to be notified when it is in stock"), so in a
# full sentence they make a call to action only when the site speaks (SITE_VOICE) or commands.
ACCOUNT_CUE = re.compile(
    r"\b(?:sign(?:ing)? (?:in|up)|log(?:ging)? ?in|passwords?|usernames?|e-?mail address(?:es)?|inbox"
    r"|push notifications|cookies?)\b",
    re.IGNORECASE,
)
# A social-media widget's heading: a name (the site's, capitalised, or none) "on" a network, and nothing more
# ("Example News on Facebook", "Auf Instagram"); at most SOCIAL_WIDGET_MAX_WORDS words. A sentence ("She said so
# on Twitter.") or a lead-in ("The mayor wrote on Facebook:") has words in lower case before the network.
SOCIAL_WIDGET = re.compile(
    r"^\W*(?:(?-i:[A-Z0-9][\w&'’.-]*)\s+){0,4}(?:on|auf|bei|en|sur|su|no|na|op)\s+"
    r"(?:facebook|twitter|instagram|linkedin|youtube|pinterest|tiktok|telegram|whatsapp|mastodon|threads|bluesky)"
    r"\W*$",
    re.IGNORECASE,
)
SOCIAL_WIDGET_MAX_WORDS = 6
#: The site speaking of itself: "our newsletter", "help us", "we use cookies".
SITE_VOICE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
# A quotation inside a line: what a speaker said is reporting, whatever words it uses ("Join us," she said).
# Straight single quotes count only outside words, so apostrophes ("don't") open nothing; guillemets in
# pairs are quotation marks (French «...», German »...«), not the menu separators NAVIGATION looks for.
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|«[^»]*»|»[^«»]*«|›[^‹›]*‹|(?<!\w)'[^'\n]*'(?!\w)")
_COMMANDS = (
    r"subscribe|sign|log|follow|find|join|share|download|donate|support|click|tap|get|enter|type|listen|watch"
    r"|read|like|leave|tell|let|thanks?|accept|manage"
)
# What the site offers before it commands: "For the latest news ...", "To receive updates like this ...".
_OFFER = (
    r"(?:for (?:the )?(?:latest|more|all|breaking|daily|weekly|regular|further|up-to-date)"
    r"|to (?:receive|get|stay|keep|read|see|find|learn|hear|watch|continue|view|access))\b"
)
# A command opening the line, or one after such an offer: "For the latest news, download our app",
# "To receive updates like this in your inbox, subscribe to ..." (a cue word must also be on the line;
# "For years the council refused to subscribe ..." offers nothing).
IMPERATIVE = re.compile(
    rf"^\W*(?:{_OFFER}[^.!?;:]{{0,80}}?[,\s]\s*(?:download|subscribe|sign up|follow|click|tap|visit)\b"
    rf"|(?:{_COMMANDS})\b)",
    re.IGNORECASE,
)
# The reader or the site, in English and (for the appeals ACTION_CUE knows in other languages) German, French,
# Spanish, Italian and Portuguese; German "Sie"/"Ihr" address the reader only capitalised ("sie" is "she").
READER = re.compile(
    r"\b(?:you|your|our|us|vous|votre|vos|nous|notre|nos|nuestr[oa]s?|vostr[oaie]|nostr[oaie]|você|voc[eê]s|noss[oa]s?"
    r"|(?-i:Sie|Ihre?[mnrs]?|Ihnen|uns(?:er\w*)?))\b",
    re.IGNORECASE,
)
DATE_INSIDE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{MONTHS}\s+\d{{4}}|{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})", re.I
)
# A date with its clock time ("asked Feb 6, 2014 at 20:37", "May 30, 2019 at 6:26 PM"): the stamp of a post,
# an answer or a comment, which a subheading or a list item inside an article never carries.
TIMESTAMP = re.compile(rf"(?:{DATE_INSIDE.pattern})[^\n]{{0,12}}?\b\d{{1,2}}:\d{{2}}\b", re.IGNORECASE)
# Script code that a scraper let through as text: calls, braces, assignments, operators. Prose has few of these.
CODE_TOKEN = re.compile(
    r"[{}]|\w\(|\);|\)\)|\w\.\w+\(|==|=>|&&|\|\||\w=['\"\w]|['\"]:['\"\w]|[\[(]['\"]|['\"]\]|\w\.\w+\s*=[^=]"
    r"|\bvar\s|\bfunction\b|<!\[CDATA\[|\]\]>"
)
# A line a headline never is: a statement ending in a semicolon or an assignment (one leaked script line).
SCRIPT_LIKE = re.compile(r"[{}]|;\s*$|\w\s*=\s*['\"\w]|\w\(\s*['\"]")
# A teaser's blurb cut off mid-sentence: an ellipsis right after a word ("violencia contra…", "secuestra y ...").
TRUNCATED = re.compile(r"\w\s?(?:…|\.\.\.)\s*$")
READ_MORE = re.compile(
    r"(?:Read more|Continue reading|Read the rest|Keep reading|Read (?:the )?full (?:story|article|post))"
    r"\s*[»›>…]*\s*$",
    re.IGNORECASE,
)
# A "Read more" link standing on its own line, under the teaser it opens.
READ_MORE_LINK = re.compile(r"^\W*" + READ_MORE.pattern, re.IGNORECASE)
# Credit lines: a standalone "Via X" / "Source: X" line, or a wire dateline "(Reuters) -" opening the body.
VIA_LINE = re.compile(
    r"^\W*(?:via|source|h/t|hat tip|courtesy of|with inputs from|republished (?:with permission )?from"
    r"|(?:this (?:article|story|post) )?(?:was )?(?:originally|first) (?:published|appeared) (?:on|in|at|by))"
    r"\s*:?\s+(?P<src>[A-Z][\w.&' -]{1,40}?)\s*[.…:)]*(?:\s+read the original.*)?\s*$",
    re.I,
)
# A dateline naming its agency in brackets before a dash: "LONDON (Reuters) -", "PARADISE, Calif. (AP) —".
WIRE_DATELINE = re.compile(r"^[^()\n]{0,60}?\((?P<src>[A-Z][A-Za-z&.]*(?: [A-Z][A-Za-z&.]*){0,2})\)\s*[-—–]")
# A byline: "By" and a run of capitalised names (joined by "and"), ended by a comma, a bar or the line.
NAME = r"[A-Z][\w.'’-]*"
BYLINE = re.compile(
    rf"(?:^\W*|\s)(?:By|BY|by)\s+(?P<name>{NAME}(?:\s+(?:{NAME}|and|&|de|van|von|al-\w+))*?)\s*(?:[,|]|$)"
)
# An author's bio in an author box: "Jane Porter is a reporter covering ..." or "I'm Amy and ..." near a line
# naming her alone.
NAME_LINE = re.compile(r"^\W*(?:by\s+)?(?P<first>[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+){0,3}\W*$")
BIO = re.compile(
    r"^\W*(?:(?:hi|hello)\W+)?(?:i'm|i’m|i am|my name is)\s+(?P<me>[A-Z][\w'’-]+)\b"
    r"|^\W*(?P<first>[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+){0,3},?\s+(?:is|was|has been|works as)\s+(?:a|an|the)\b"
    r".*\b(?:writer|reporter|journalist|editor|correspondent|columnist|contributor|author|blogger|professor|lecturer"
    r"|researcher|scholar|expert|specialist|manager|analyst|fellow|freelancer?|founder|host|producer)s?\b",
    re.IGNORECASE,
)
REPORTING_BY = re.compile(r"^\s*\(?(?:Reporting|Additional reporting|Writing|Editing) by\b.*$", re.I)
# Frequent English words that say nothing about an article's topic (the cleaner's topic test ignores them).
# fmt: off
FUNCTION_WORDS = frozenset({
    "about", "after", "also", "been", "before", "being", "could", "does", "from", "have", "having", "here", "into",
    "just", "like", "more", "most", "much", "only", "other", "over", "said", "says", "same", "some", "such",
    "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "very", "were",
    "what", "when", "where", "which", "while", "will", "with", "would", "your"
})
# fmt: on
#: A plain short line of at most this many words between two items of a long list is an item too ("Some salt").
LIST_ITEM_SANDWICH_MAX_WORDS = 8
# A link on a person's name rendered as text inside a sentence: the name again in full, glued to the headlines
# of related stories, ending "MORE" ("Sen. Susan Collins Susan Margaret CollinsSenate tees off ... MORE (R-Maine)
# said"). The rail starts after the name as written (group "name": its last word) and ends with "MORE" where the
# sentence goes on: with a bracket, a comma, a possessive or a lower-case word, never a capital ("the MORE Act")
# or a colon ("READ MORE:").
_RAIL_END = r"\sMORE\b(?!\s*[A-Z:]))"
_FULL_NAME_WORDS = r"(?:[A-Z(][\w.'’\"()-]*\s+|(?:de|da|du|van|von|der|al|bin|la|le)\s+)"
NAME_LINK_RAIL = re.compile(
    rf"(?P<name>\b[A-Z][\w.'’-]+)(?P<rail>\s+{_FULL_NAME_WORDS}{{1,5}}(?P=name)(?=[A-Z0-9])[^\n]{{0,700}}?{_RAIL_END}"
)
# The same with a space after the full name ("Speaker Paul Ryan Paul Davis Ryan Retirees should ... MORE"): then
# the full name opens with the written name's first word and has a middle name ("New York New York City" is a
# place), and the rail crosses no sentence end.
NAME_LINK_RAIL_SPACED = re.compile(
    rf"(?P<first>\b[A-Z][\w.'’-]+)\s+(?:{_FULL_NAME_WORDS}){{0,2}}(?P<name>[A-Z][\w.'’-]+)"
    rf"(?P<rail>\s+(?P=first)\s+{_FULL_NAME_WORDS}{{1,3}}(?P=name)\s+(?=[A-Z])"
    rf"(?:[^\n.!?]|[.!?](?!\s+[A-Z])){{0,700}}?{_RAIL_END}"
)
