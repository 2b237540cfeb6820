"""Writes pages.jsonl: small hand-written scraped pages with the lines a cleaner must drop and keep.

Run `python tests/data/boilerplate/make_pages.py` after editing the pages below.
"""

import json
from pathlib import Path

PAGES = [
    {
        "page": """Skip to main content
Menu
Search
Harbour strike enters third day as talks stall
By Jane Porter
Published 14 March 2023, 08:12
Share on Facebook
Share on Twitter
Dock workers at the city's main harbour stayed off the job for a third day on Wednesday as talks between the union and the port authority broke down again.
The union says pay has fallen behind inflation for four years running and wants a 9 percent rise.
"We are not going back until there is a fair offer on the table," said union secretary Tom Briggs.
The port authority said it had offered 4 percent and called the strike "reckless".
Container ships are now queuing outside the harbour mouth.
Advertisement
Officials said fresh talks could begin on Friday.
Sign up for our morning briefing
Enter your email
Subscribe
Related stories
Port authority names new chief executive
Ferry fares to rise in April
© 2023 Coastal Herald. All rights reserved.""",
        "must_drop": [
            "Skip to main content",
            "Share on Facebook",
            "Advertisement",
            "Sign up for our morning briefing",
            "Enter your email",
            "Port authority names new chief executive",
            "Ferry fares to rise in April",
            "© 2023 Coastal Herald. All rights reserved.",
        ],
        "must_keep": [
            "Dock workers at the city's main harbour stayed off the job",
            "The union says pay has fallen behind inflation",
            '"We are not going back until there is a fair offer',
            "Container ships are now queuing outside the harbour mouth.",
            "Officials said fresh talks could begin on Friday.",
        ],
    },
    {
        "page": """date 2021-06-02
Drought forces water limits across three counties
Residents in three counties will face limits on garden watering from Monday after the driest spring in fifty years, the regional water board announced.
The board said reservoirs were at 41 percent of capacity, well below the seasonal average.
Hosepipes and sprinklers will be banned, and car washing will only be allowed with a bucket.
Farmers will be exempt for now, but the board warned that could change if there is no rain in June.
A reservoir near Millbrook. (AP Photo/Sam Reed)
The last limits of this kind were imposed in 2012.
12 Comments
Leave a Reply
Cancel reply
Rob K
June 2, 2021 at 9:14 am
Typical. They never fix the leaks and then blame us for watering tomatoes.
Reply
Sandra
June 2, 2021 at 11:40 am
Good decision, we all need to save water this summer and stop wasting it on lawns.
Reply""",
        "must_drop": [
            "date 2021-06-02",
            "A reservoir near Millbrook. (AP Photo/Sam Reed)",
            "12 Comments",
            "Leave a Reply",
            "Rob K",
            "Typical. They never fix the leaks",
            "Good decision, we all need to save water",
            "Reply",
        ],
        "must_keep": [
            "Residents in three counties will face limits",
            "The board said reservoirs were at 41 percent",
            "Farmers will be exempt for now",
            "The last limits of this kind were imposed in 2012.",
        ],
    },
    {
        "page": """Home » World » Europe
Parliament rejects pension reform in late vote
PARIS (Reuters) - France's lower house rejected the government's pension reform late on Thursday, dealing a blow to the prime minister, who had staked her reputation on the bill.
The vote was 287 against and 262 in favour, with several members of the ruling party abstaining.
Opposition leaders called for the bill to be withdrawn entirely.
The government can still try to pass the measure by decree, a move that would likely trigger a motion of no confidence.
Reporting by Marie Dubois; Editing by Alex Richardson
Our Standards: The Thomson Reuters Trust Principles.
Read next
Markets slip as investors weigh rate outlook""",
        "must_drop": [
            "Home » World » Europe",
            "Reporting by Marie Dubois; Editing by Alex Richardson",
            "Our Standards: The Thomson Reuters Trust Principles.",
            "Read next",
            "Markets slip as investors weigh rate outlook",
        ],
        "must_keep": [
            "PARIS (Reuters) - France's lower house rejected",
            "The vote was 287 against and 262 in favour",
            "Opposition leaders called for the bill to be withdrawn entirely.",
            "The government can still try to pass the measure by decree",
        ],
    },
    {
        "page": """We use cookies to improve your experience. Accept all cookies
Manage preferences
Scientists find new species of frog in cloud forest
A tiny frog no bigger than a thumbnail has been discovered in the cloud forests of northern Peru, researchers reported on Tuesday.
The species, named after the village where it was first seen, lives in moss on the forest floor.
Its call is so high-pitched that the team first mistook it for an insect.
"It was a complete surprise," said lead author Dr Ana Flores of the national university.
The researchers say the area is threatened by logging.
Listen to this article
Follow us on Instagram
Most read
1. Ten best beaches for families
2. How to keep basil alive""",
        "must_drop": [
            "We use cookies to improve your experience. Accept all cookies",
            "Manage preferences",
            "Listen to this article",
            "Follow us on Instagram",
            "Most read",
            "1. Ten best beaches for families",
            "2. How to keep basil alive",
        ],
        "must_keep": [
            "A tiny frog no bigger than a thumbnail",
            "The species, named after the village",
            "Its call is so high-pitched",
            '"It was a complete surprise," said lead author',
            "The researchers say the area is threatened by logging.",
        ],
    },
    {
        "page": """Breaking News
Senate passes infrastructure bill after weeks of talks
WASHINGTON (AP) — The Senate on Tuesday passed a $1 trillion infrastructure bill with rare support from both parties.
The bill includes money for roads, bridges, broadband and water pipes.
Nineteen Republicans joined all Democrats in voting for the package.
It now goes to the House, where its fate is less certain.
Copyright 2021 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
Tags
Politics
Congress
Trending Now
Celebrity chef opens new restaurant downtown""",
        "must_drop": [
            "Breaking News",
            "Copyright 2021 The Associated Press. All rights reserved.",
            "Tags",
            "Politics",
            "Congress",
            "Trending Now",
            "Celebrity chef opens new restaurant downtown",
        ],
        "must_keep": [
            "WASHINGTON (AP) — The Senate on Tuesday passed",
            "The bill includes money for roads",
            "Nineteen Republicans joined all Democrats",
            "It now goes to the House, where its fate is less certain.",
        ],
    },
    {
        "page": """Local school wins national robotics prize
Posted on 3 May 2022 by admin
Students from Hillside Academy have won first place at the national robotics championship with a robot that sorts recycling.
The team of six, aged 14 to 16, built the machine over two terms in an after-school club.
Their teacher, Mr Patel, said the students had "worked every lunch break since September".
The prize includes a trip to the international final in Tokyo.
The school hopes local businesses will help cover the cost of the trip.
Share this:
Twitter
Facebook
WhatsApp
Like this:
Like Loading...
Related
Hillside Academy opens new science block
Leave a comment
Your email address will not be published.
Name
Email
Website
Post Comment""",
        "must_drop": [
            "Posted on 3 May 2022 by admin",
            "Share this:",
            "WhatsApp",
            "Like Loading...",
            "Hillside Academy opens new science block",
            "Leave a comment",
            "Your email address will not be published.",
            "Post Comment",
        ],
        "must_keep": [
            "Students from Hillside Academy have won first place",
            "The team of six, aged 14 to 16",
            "Their teacher, Mr Patel, said",
            "The prize includes a trip",
            "The school hopes local businesses will help cover the cost of the trip.",
        ],
    },
    {
        "page": """Opinion
The city needs a real plan for housing, not more promises
Every mayor of the last twenty years has promised affordable homes, and every one has left office with the waiting list longer than before.
The new plan announced this week repeats the same mistakes: vague targets, no money, and no deadline.
Meanwhile rents have doubled in a decade.
What we need is simple: build on the land the city already owns, and start this year.
Anything less is another promise waiting to be broken.
The views expressed in this article are the author's own and do not necessarily reflect those of this publication.
About the author
Maria Lopez is a housing campaigner.
More from Opinion
Why the library cuts are a false economy""",
        "must_drop": [
            "The views expressed in this article are the author's own",
            "About the author",
            "More from Opinion",
            "Why the library cuts are a false economy",
        ],
        "must_keep": [
            "Every mayor of the last twenty years has promised",
            "The new plan announced this week",
            "Meanwhile rents have doubled in a decade.",
            "What we need is simple",
            "Anything less is another promise waiting to be broken.",
        ],
    },
    {
        "page": """in ,
Storm cuts power to 50,000 homes
High winds brought down trees and power lines across the region overnight, leaving about 50,000 homes without electricity.
The energy company said crews had restored power to half of them by morning.
Two people were taken to hospital with minor injuries after a tree fell on their car.
Schools in the worst-hit areas will stay closed on Friday.
Forecasters expect calmer weather by the weekend.
Image caption,
Fallen trees blocked several roads
Download our app
Get the latest news on your phone
Podcast: The Morning Brief
Listen now""",
        "must_drop": [
            "in ,",
            "Image caption,",
            "Fallen trees blocked several roads",
            "Download our app",
            "Get the latest news on your phone",
            "Podcast: The Morning Brief",
            "Listen now",
        ],
        "must_keep": [
            "High winds brought down trees and power lines",
            "The energy company said crews",
            "Two people were taken to hospital",
            "Schools in the worst-hit areas will stay closed on Friday.",
            "Forecasters expect calmer weather by the weekend.",
        ],
    },
]


def main() -> None:
    out = Path(__file__).with_name("pages.jsonl")
    with out.open("w", encoding="utf-8") as handle:
        for page in PAGES:
            record = {"text": page["page"], "must_drop": page["must_drop"], "must_keep": page["must_keep"]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
