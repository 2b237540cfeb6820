"""Writes pages.jsonl: small hand-written scraped pages with their headline and the lines a cleaner
must drop and keep. The pages imitate many kinds of sites (blogs, wires, tabloids, newsletters,
local TV, aggregators) and were written before the cleaner was tuned on them, batch by batch.

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
        "title": "Harbour strike enters third day as talks stall",
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
        "title": "Drought forces water limits across three counties",
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
        "title": "Parliament rejects pension reform in late vote",
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
        "title": "Scientists find new species of frog in cloud forest",
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
        "title": "Senate passes infrastructure bill after weeks of talks",
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
        "title": "Local school wins national robotics prize",
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
        "title": "The city needs a real plan for housing, not more promises",
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
        "title": "Storm cuts power to 50,000 homes",
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
    {
        "page": """Skip to content

Westbrook Daily

Mill closure leaves 300 without work

Posted on February 11, 2020 by Karen Liu

The Harlow paper mill will close at the end of March, its owner said on Monday, ending more than a century of papermaking in the valley.

About 300 people work at the mill. The company blamed falling demand for newsprint and the rising cost of energy.

"This is a sad day for everyone who has worked here," plant manager Dev Patel told staff in a letter seen by the Daily.

Union officials said they would ask the state for retraining money.

It is not over yet.

Share this:

Twitter
Facebook
Email

Like this:

Like Loading...

Related

Council to vote on mill site plan
February 3, 2020
In "Local"

River clean-up gets state grant
January 28, 2020
In "Environment"

4 thoughts on “Mill closure leaves 300 without work”

Tom Becker
February 11, 2020 at 10:02 am

My father worked there for 40 years. End of an era.

Reply

Ann
February 11, 2020 at 1:15 pm

They have been running it into the ground for years, everyone knew this was coming.

Reply

Leave a Reply Cancel reply

Your email address will not be published. Required fields are marked *

Comment

Name *

Email *

Save my name, email, and website in this browser for the next time I comment.""",
        "title": "Mill closure leaves 300 without work",
        "must_drop": [
            "Skip to content",
            "Posted on February 11, 2020 by Karen Liu",
            "Share this:",
            "Like Loading...",
            "Council to vote on mill site plan",
            "River clean-up gets state grant",
            'In "Environment"',
            "4 thoughts on",
            "Tom Becker",
            "My father worked there for 40 years. End of an era.",
            "They have been running it into the ground for years",
            "Leave a Reply Cancel reply",
            "Your email address will not be published.",
            "Save my name, email, and website",
        ],
        "must_keep": [
            "The Harlow paper mill will close at the end of March",
            "About 300 people work at the mill.",
            '"This is a sad day for everyone who has worked here,"',
            "Union officials said they would ask the state for retraining money.",
            "It is not over yet.",
        ],
    },
    {
        "page": """We use cookies and similar technologies to personalise content and ads. By clicking Accept you agree to our use of cookies. Privacy Policy

Accept

World | Business | Markets | Politics | Tech

Oil prices jump after strike on Saudi facilities

By Sam Holt, Reuters

5 Min Read

LONDON (Reuters) - Oil prices jumped more than 10% on Monday after attacks on Saudi Arabian oil facilities knocked out about 5% of world supply.

Brent crude futures rose as high as $71.95 a barrel, the biggest intraday jump since 1991.

Saudi Arabia's energy minister said part of the lost output would be restored within days.

"The market was caught completely off guard," said one trader in Singapore.

Analysts warned that prices could climb further if supplies stayed offline for weeks.

Reporting by Sam Holt; Additional reporting by Rania El Gamal in Dubai; Editing by Mark Potter

Our Standards: The Thomson Reuters Trust Principles.

More From Reuters

Stocks slip as investors weigh oil shock

Gold climbs to two-week high on safe-haven demand""",
        "title": "Oil prices jump after strike on Saudi facilities",
        "must_drop": [
            "We use cookies and similar technologies",
            "World | Business | Markets | Politics | Tech",
            "By Sam Holt, Reuters",
            "5 Min Read",
            "Our Standards: The Thomson Reuters Trust Principles.",
            "More From Reuters",
            "Stocks slip as investors weigh oil shock",
            "Gold climbs to two-week high on safe-haven demand",
        ],
        "must_keep": [
            "LONDON (Reuters) - Oil prices jumped more than 10% on Monday",
            "Brent crude futures rose as high as $71.95 a barrel",
            "Saudi Arabia's energy minister said part of the lost output",
            '"The market was caught completely off guard," said one trader in Singapore.',
            "Analysts warned that prices could climb further",
        ],
    },
    {
        "page": """Wildfire forces evacuation of mountain town

Firefighters work to contain the blaze near Paradise on Thursday. (AP Photo/Noah Berger)

PARADISE, Calif. (AP) — A fast-moving wildfire forced the evacuation of an entire town in Northern California on Thursday, and officials said dozens of homes had burned.

The fire started shortly after dawn and grew to more than 20,000 acres within hours, pushed by strong winds.

"It's a very dangerous situation," said Cal Fire spokesman Rick Carhart.

Residents fled along the only road out of town, some abandoning their cars as the flames closed in.

No deaths have been confirmed.

___

Associated Press writer Jonathan Cooper contributed to this report from Phoenix.

Copyright 2018 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.""",
        "title": "Wildfire forces evacuation of mountain town",
        "must_drop": [
            "Firefighters work to contain the blaze near Paradise on Thursday. (AP Photo/Noah Berger)",
            "Copyright 2018 The Associated Press. All rights reserved.",
        ],
        "must_keep": [
            "PARADISE, Calif. (AP) — A fast-moving wildfire forced the evacuation",
            "The fire started shortly after dawn and grew to more than 20,000 acres",
            '"It\'s a very dangerous situation," said Cal Fire spokesman Rick Carhart.',
            "Residents fled along the only road out of town",
            "No deaths have been confirmed.",
        ],
    },
    {
        "page": """Home
News
Sport
TV&Showbiz

Minister quits over expenses row after week of pressure

By JAMES FIELD, POLITICAL EDITOR FOR MAILONLINE

PUBLISHED: 10:32 EST, 5 January 2020 | UPDATED: 12:01 EST, 5 January 2020

The transport minister resigned last night after a week of pressure over his expenses claims.

In a letter to the Prime Minister he said he had become "a distraction" and wanted to clear his name.

He had claimed more than £20,000 for a second home that critics said he rarely used.

Downing Street thanked him for his service.

Advertisement

Read more:
Expenses watchdog to review claims by all ministers

Share or comment on this article:

Comments 134

Share what you think

The comments below have not been moderated.

Newest
Oldest
Best rated
Worst rated

Good riddance, should have gone days ago.

PeteR, London, 2 hours ago

Nothing will change, they are all the same.

Bill, Leeds, 3 hours ago""",
        "title": "Minister quits over expenses row after week of pressure",
        "must_drop": [
            "By JAMES FIELD, POLITICAL EDITOR FOR MAILONLINE",
            "PUBLISHED: 10:32 EST, 5 January 2020",
            "Advertisement",
            "Expenses watchdog to review claims by all ministers",
            "Share or comment on this article:",
            "Comments 134",
            "The comments below have not been moderated.",
            "Good riddance, should have gone days ago.",
            "PeteR, London, 2 hours ago",
            "Nothing will change, they are all the same.",
        ],
        "must_keep": [
            "The transport minister resigned last night",
            'In a letter to the Prime Minister he said he had become "a distraction"',
            "He had claimed more than £20,000 for a second home",
            "Downing Street thanked him for his service.",
        ],
    },
    {
        "page": """The quiet collapse of local news

And why it matters more than you think

Maria Gomez
Mar 3, 2023

12

4

Share

When the Gazette printed its last edition in 2019, nobody in town noticed for about a month.

Then the council meetings started running long. Nobody was there to watch.

A study by researchers at two universities found that borrowing costs rise for towns that lose their paper, because fewer people are checking how public money is spent.

That is the part that worries me most.

Thanks for reading The Ledger! Subscribe for free to receive new posts and support my work.

Type your email...

Subscribe

Leave a comment

Share

Ready for more?""",
        "title": "The quiet collapse of local news",
        "must_drop": [
            "Mar 3, 2023",
            "Thanks for reading The Ledger! Subscribe for free",
            "Type your email...",
            "Leave a comment",
            "Ready for more?",
        ],
        "must_keep": [
            "When the Gazette printed its last edition in 2019",
            "Then the council meetings started running long. Nobody was there to watch.",
            "A study by researchers at two universities found",
            "That is the part that worries me most.",
        ],
    },
    {
        "page": """India, China agree to ease border tensions after talks

Also Read: Army chief visits forward posts in Ladakh

New Delhi: India and China on Friday agreed to pull back troops from the disputed border area in eastern Ladakh, the foreign ministry said after talks between the two sides.

The agreement follows months of standoff that began with a clash in the Galwan valley in June.

"Both sides agreed to continue dialogue to resolve remaining issues," the ministry said in a statement.

Watch: Foreign minister speaks on border talks

Officials said the disengagement would be carried out in phases and verified on the ground.

(With inputs from PTI)

Disclaimer: This story is auto-generated from a syndicated feed. Only the headline and picture may have been reworked by our staff.

Follow us on Facebook, Twitter and Instagram for the latest news.

Trending Stories

1. Petrol prices hiked again, check rates in your city

2. Monsoon to arrive early this year, says weather office""",
        "title": "India, China agree to ease border tensions after talks",
        "must_drop": [
            "Also Read: Army chief visits forward posts in Ladakh",
            "Watch: Foreign minister speaks on border talks",
            "Disclaimer: This story is auto-generated from a syndicated feed.",
            "Follow us on Facebook, Twitter and Instagram",
            "Trending Stories",
            "Petrol prices hiked again, check rates in your city",
            "Monsoon to arrive early this year, says weather office",
        ],
        "must_keep": [
            "New Delhi: India and China on Friday agreed to pull back troops",
            "The agreement follows months of standoff",
            '"Both sides agreed to continue dialogue to resolve remaining issues,"',
            "Officials said the disengagement would be carried out in phases",
        ],
    },
    {
        "page": """Why the bond market is flashing a warning

Image: Getty Images

For the first time since 2007, yields on two-year government bonds have risen above those on ten-year bonds, a pattern that has come before every recession in the past fifty years.

Economists are divided on what it means this time. Some argue that central bank buying has distorted the signal.

Others say the message is clear: investors expect interest rates to fall because growth will slow.

Either way, the warning deserves attention.

John Mercer is a senior fellow at the Fiscal Policy Institute. The views expressed here are his own.

This article was originally published on The Conversation. Read the original article.

Please enable JavaScript to view the comments powered by Disqus.""",
        "title": "Why the bond market is flashing a warning",
        "must_drop": [
            "Image: Getty Images",
            "John Mercer is a senior fellow at the Fiscal Policy Institute.",
            "Please enable JavaScript to view the comments powered by Disqus.",
        ],
        "must_keep": [
            "For the first time since 2007, yields on two-year government bonds",
            "Economists are divided on what it means this time.",
            "Others say the message is clear",
            "Either way, the warning deserves attention.",
        ],
    },
    {
        "page": """ date 2020-01-08\x20

Iran fires missiles at bases housing US troops in Iraq

Iran launched more than a dozen ballistic missiles at two military bases in Iraq that house US troops early on Wednesday, the Pentagon said.

The strikes came days after a US drone strike in Baghdad killed Qassem Soleimani, the commander of Iran's Quds Force.

"We are working on initial battle damage assessments," Pentagon spokesman Jonathan Hoffman said.

President Trump wrote on Twitter: "All is well!"

No casualties were reported.

Tags: Iran, Iraq, Pentagon, Soleimani

Subscribe to our newsletter

Get the day's top stories delivered to your inbox every morning.

You might also like:

Oil prices surge as tensions rise in the Gulf

What we know about the downing of the Ukrainian airliner""",
        "title": "Iran fires missiles at bases housing US troops in Iraq",
        "must_drop": [
            "date 2020-01-08",
            "Tags: Iran, Iraq, Pentagon, Soleimani",
            "Subscribe to our newsletter",
            "Get the day's top stories delivered to your inbox every morning.",
            "You might also like:",
            "Oil prices surge as tensions rise in the Gulf",
            "What we know about the downing of the Ukrainian airliner",
        ],
        "must_keep": [
            "Iran launched more than a dozen ballistic missiles",
            "The strikes came days after a US drone strike in Baghdad",
            '"We are working on initial battle damage assessments,"',
            'President Trump wrote on Twitter: "All is well!"',
            "No casualties were reported.",
        ],
    },
    {
        "page": """Posted in Politics

Senate deal on border funding collapses

Negotiators in the Senate abandoned talks on a border security package late on Thursday, leaving the government days away from a partial shutdown.

Republicans and Democrats blamed each other for the breakdown.

RELATED: What a shutdown would mean for federal workers

The House is expected to vote on a stopgap bill next week, but its chances in the Senate are unclear.

ADVERTISEMENT

Story continues below advertisement

"We were close, and then we weren't," said one aide familiar with the talks.

He was not authorised to speak publicly.

Posted in Politics | Tagged border, Congress, shutdown | Leave a comment

« Previous Post
Next Post »""",
        "title": "Senate deal on border funding collapses",
        "must_drop": [
            "Posted in Politics",
            "RELATED: What a shutdown would mean for federal workers",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Tagged border, Congress, shutdown",
            "« Previous Post",
            "Next Post »",
        ],
        "must_keep": [
            "Negotiators in the Senate abandoned talks",
            "Republicans and Democrats blamed each other for the breakdown.",
            "The House is expected to vote on a stopgap bill next week",
            '"We were close, and then we weren\'t,"',
            "He was not authorised to speak publicly.",
        ],
    },
    {
        "page": """Former president of Chile dies at 82

He led the country through a decade of rapid growth.

Sebastián Ortega, who served two terms as president of Chile, died on Sunday at his home in Santiago, his family said. He was 82.

Ortega, an economist by training, was first elected in 1994 and oversaw a period of rapid growth and falling poverty.

His opponents accused him of doing too little to reform the pension system.

President Gabriel Boric declared three days of national mourning.

He is survived by his wife and four children.""",
        "title": "Former president of Chile dies at 82",
        "must_drop": [],
        "must_keep": [
            "He led the country through a decade of rapid growth.",
            "Sebastián Ortega, who served two terms",
            "He was 82.",
            "Ortega, an economist by training",
            "His opponents accused him",
            "President Gabriel Boric declared three days",
            "He is survived by his wife and four children.",
        ],
    },
    {
        "page": """Flood defences fail as river bursts its banks

Key points:

The river rose two metres overnight

About 400 homes were evacuated

The army has been called in to help

Emergency crews spent the night moving residents out of low-lying streets after the River Dane burst its banks in three places.

The Environment Agency said the new flood wall, finished only last year, had been overtopped rather than breached.

Sponsored

Promoted Stories

This one trick cuts your energy bill in half

Doctors stunned by simple morning habit

Residents said they had warned the council about the wall's height.

"Nobody listened to us," said Margaret Hale, 71, who has lived on Dane Street for forty years.

Click here to sign up to our free daily newsletter""",
        "title": "Flood defences fail as river bursts its banks",
        "must_drop": [
            "Sponsored",
            "Promoted Stories",
            "This one trick cuts your energy bill in half",
            "Doctors stunned by simple morning habit",
            "Click here to sign up to our free daily newsletter",
        ],
        "must_keep": [
            "Emergency crews spent the night moving residents out",
            "The Environment Agency said the new flood wall",
            "Residents said they had warned the council about the wall's height.",
            '"Nobody listened to us," said Margaret Hale',
        ],
    },
    {
        "page": """Moscow says talks with Washington were 'useful'

Sergei Ryabkov

Russian Deputy Foreign Minister Sergei Ryabkov said on Tuesday that his talks with US officials in Geneva had been useful, but that no breakthrough had been reached.

"We did not expect miracles," Ryabkov told reporters after more than seven hours of talks.

The two sides agreed to continue consultations on arms control.

Like this story? Share it with a friend!

You can share this story on social media:

Dear readers! Thank you for being with us! Please support our work by sharing our articles.

Read also:

Kremlin comments on new sanctions package

Lavrov to visit Turkey next month""",
        "title": "Moscow says talks with Washington were 'useful'",
        "must_drop": [
            "Like this story? Share it with a friend!",
            "You can share this story on social media:",
            "Dear readers! Thank you for being with us!",
            "Read also:",
            "Kremlin comments on new sanctions package",
            "Lavrov to visit Turkey next month",
        ],
        "must_keep": [
            "Russian Deputy Foreign Minister Sergei Ryabkov said on Tuesday",
            '"We did not expect miracles," Ryabkov told reporters',
            "The two sides agreed to continue consultations on arms control.",
        ],
    },
    {
        "page": """Germany to phase out coal power by 2038

Author: Klaus Weber

Source: DPA

Germany will stop burning coal to generate electricity by 2038 at the latest, a government commission recommended on Saturday after months of negotiations.

The plan includes 40 billion euros in aid for mining regions in the east and west of the country.

Environmental groups said the date was too late; industry groups warned of rising power prices.

The government must now turn the recommendations into law.

0 Comments

Sort by Oldest

Facebook Comments Plugin

Add a comment...""",
        "title": "Germany to phase out coal power by 2038",
        "must_drop": [
            "Author: Klaus Weber",
            "0 Comments",
            "Sort by Oldest",
            "Facebook Comments Plugin",
            "Add a comment...",
        ],
        "must_keep": [
            "Germany will stop burning coal to generate electricity by 2038",
            "The plan includes 40 billion euros in aid",
            "Environmental groups said the date was too late",
            "The government must now turn the recommendations into law.",
        ],
    },
    {
        "page": """in ,

Pentagon denies plan to leave Syria

Updated 3 hours ago

The Pentagon on Friday denied reports that US troops would leave Syria within weeks, saying no decision had been made.

"Our mission has not changed," a spokesman said.

Officials said about 900 troops remain in the country.

What do you think? Let us know in the comments below.

Jim Harper
3 days ago

Bring them home already.

Sue
2 days ago

They said the same thing about Iraq.

Load more comments""",
        "title": "Pentagon denies plan to leave Syria",
        "must_drop": [
            "in ,",
            "Updated 3 hours ago",
            "What do you think? Let us know in the comments below.",
            "Jim Harper",
            "Bring them home already.",
            "They said the same thing about Iraq.",
            "Load more comments",
        ],
        "must_keep": [
            "The Pentagon on Friday denied reports",
            '"Our mission has not changed," a spokesman said.',
            "Officials said about 900 troops remain in the country.",
        ],
    },
    {
        "page": """Iran Vows Revenge as Crowds Mourn General

Listen to this article

(5 min)

Gift this article

By Sune Engel Rasmussen and Isabel Coles

Updated Jan. 6, 2020 6:12 pm ET

Mourners fill the streets of Tehran for the funeral procession. Photo: Abedin Taherkenareh/EPA/Shutterstock

Hundreds of thousands of mourners filled the streets of Tehran on Monday for the funeral of Gen. Qassem Soleimani, as Iran's supreme leader wept over the coffin.

Iranian officials repeated threats of retaliation against the U.S., while parliament in Baghdad pressed for the removal of American troops.

The crowds chanted "Death to America" as the procession moved through the capital.

Write to Isabel Coles at isabel.coles@wsj.com

Appeared in the January 7, 2020, print edition as 'Iran Vows Revenge as Crowds Mourn.'

Copyright ©2020 Dow Jones & Company, Inc. All Rights Reserved.""",
        "title": "Iran Vows Revenge as Crowds Mourn General",
        "must_drop": [
            "Listen to this article",
            "Gift this article",
            "By Sune Engel Rasmussen and Isabel Coles",
            "Updated Jan. 6, 2020 6:12 pm ET",
            "Mourners fill the streets of Tehran for the funeral procession.",
            "Write to Isabel Coles at isabel.coles@wsj.com",
            "Appeared in the January 7, 2020, print edition",
            "Copyright ©2020 Dow Jones & Company",
        ],
        "must_keep": [
            "Hundreds of thousands of mourners filled the streets of Tehran on Monday",
            "Iranian officials repeated threats of retaliation",
            'The crowds chanted "Death to America"',
        ],
    },
    {
        "page": """This article is more than 4 years old

Iraqi parliament votes to expel US troops

Non-binding resolution calls on government to end foreign military presence

Martin Chulov in Beirut

Sun 5 Jan 2020 14.13 GMT

Iraq's parliament has voted to expel US troops from the country, two days after a US drone strike killed Iran's most senior military commander at Baghdad airport.

The resolution, backed by most Shia lawmakers, is not binding on the government.

The caretaker prime minister, Adel Abdul Mahdi, had urged MPs to act.

Kurdish and Sunni members stayed away from the vote.

Support the Guardian

Available for everyone, funded by readers

Contribute

Subscribe

Explore more on these topics

Iraq

Middle East and north Africa

news

Share

Reuse this content

Most viewed""",
        "title": "Iraqi parliament votes to expel US troops",
        "must_drop": [
            "This article is more than 4 years old",
            "Martin Chulov in Beirut",
            "Sun 5 Jan 2020 14.13 GMT",
            "Support the Guardian",
            "Available for everyone, funded by readers",
            "Contribute",
            "Explore more on these topics",
            "Middle East and north Africa",
            "Reuse this content",
            "Most viewed",
        ],
        "must_keep": [
            "Iraq's parliament has voted to expel US troops",
            "The resolution, backed by most Shia lawmakers",
            "The caretaker prime minister, Adel Abdul Mahdi, had urged MPs to act.",
            "Kurdish and Sunni members stayed away from the vote.",
        ],
    },
    {
        "page": """Police: Driver charged after crash that killed cyclist

Posted: Jan 14, 2020 / 05:43 PM EST

A 34-year-old man has been charged with vehicular homicide after a crash that killed a cyclist on Route 9 on Saturday, police said.

Investigators said the driver was travelling at nearly twice the speed limit.

The cyclist, a 58-year-old teacher from Ridgefield, died at the scene.

The driver is due in court on Friday.

Copyright 2020 Nexstar Broadcasting, Inc. All rights reserved. This material may not be published, broadcast, rewritten, or redistributed.

Sign up for the Headlines Newsletter and receive up to date information.

Now signed up to receive the Headlines Newsletter.

Report a typo""",
        "title": "Police: Driver charged after crash that killed cyclist",
        "must_drop": [
            "Posted: Jan 14, 2020 / 05:43 PM EST",
            "Copyright 2020 Nexstar Broadcasting",
            "Sign up for the Headlines Newsletter",
            "Now signed up to receive the Headlines Newsletter.",
            "Report a typo",
        ],
        "must_keep": [
            "A 34-year-old man has been charged with vehicular homicide",
            "Investigators said the driver was travelling",
            "The cyclist, a 58-year-old teacher from Ridgefield, died at the scene.",
            "The driver is due in court on Friday.",
        ],
    },
    {
        "page": """The Real Reason Washington Fears Iraq's Vote

Authored by Pepe Escobar via The Saker blog,

Wed, 01/08/2020 - 20:05

The vote in Baghdad changed the game. For the first time since 2003, an Iraqi parliament openly demanded that American forces leave.

Washington's answer was to threaten sanctions and to demand payment for an air base.

That tells you everything about who holds the leverage now.

Tyler Durden

Wed, 01/08/2020 - 20:05

Content originally published at The Saker""",
        "title": "The Real Reason Washington Fears Iraq's Vote",
        "must_drop": ["Wed, 01/08/2020 - 20:05", "Tyler Durden", "Content originally published at The Saker"],
        "must_keep": [
            "The vote in Baghdad changed the game.",
            "Washington's answer was to threaten sanctions",
            "That tells you everything about who holds the leverage now.",
        ],
    },
    {
        "page": """The prime minister said on Wednesday that the government would not raise taxes on fuel this year, reversing a plan announced in the spring budget.

Opposition leaders called the decision a U-turn forced by falling poll numbers.

The treasury estimates that the freeze will cost about 2 billion in lost revenue.""",
        "title": "",
        "must_drop": [],
        "must_keep": [
            "The prime minister said on Wednesday that the government would not raise taxes",
            "Opposition leaders called the decision a U-turn",
            "The treasury estimates that the freeze will cost",
        ],
    },
    {
        "page": """Home > News > Health

Measles cases rise for third year

Health officials reported 1,274 cases of measles last year, the highest number since 1992.

Most cases were among children who had not been vaccinated, the agency said.

Print
Email
Facebook
Twitter
More

Doctors urged parents to check their children's vaccination records before the school year.

More in Health:

New guidance on screen time for toddlers

Flu season arrives early in the south""",
        "title": "Measles cases rise for third year",
        "must_drop": [
            "Home > News > Health",
            "More in Health:",
            "New guidance on screen time for toddlers",
            "Flu season arrives early in the south",
        ],
        "must_keep": [
            "Health officials reported 1,274 cases of measles last year",
            "Most cases were among children",
            "Doctors urged parents to check their children's vaccination records",
        ],
    },
    {
        "title": "Turkey shoots down Russian jet near Syrian border",
        "page": """Turkey shoots down Russian jet near Syrian border

Turkish F-16s shot down a Russian warplane near the Syrian border on Tuesday after it ignored repeated warnings, the Turkish military said.

Russia said the jet had never left Syrian airspace and called the attack "a stab in the back".

The two pilots ejected. One was killed by gunfire from the ground, according to a rebel group.

Share this article

About the author

Leyla Demir has covered Turkey and the Middle East for fifteen years, reporting from Ankara, Istanbul and Damascus. Before joining the paper she worked for a news agency in Beirut and taught journalism at a university in Istanbul. She lives in Istanbul with her family.""",
        "must_drop": ["Share this article", "About the author", "Leyla Demir has covered Turkey and the Middle East"],
        "must_keep": [
            "Turkish F-16s shot down a Russian warplane",
            "Russia said the jet had never left Syrian airspace",
            "The two pilots ejected.",
        ],
    },
    {
        "title": "School board delays vote on later start times",
        "page": """School board delays vote on later start times

The school board on Monday postponed a vote on pushing back high school start times to 8:30 a.m., saying it needed more information on the cost of extra buses.

Parents packed the meeting. Many said their teenagers were exhausted.

The board will take up the issue again in May.

Related Coverage

Later school start times linked to better grades, study finds
Researchers followed 2,000 students over three years and found that those whose schools started after 8:30 a.m. had higher grades and fewer absences than those who started earlier.

Bus driver shortage forces route cuts across district
The district has cut 14 routes this year because it cannot hire enough drivers, leaving some families to arrange their own transport to school each morning and afternoon.""",
        "must_drop": [
            "Related Coverage",
            "Later school start times linked to better grades",
            "Researchers followed 2,000 students",
            "Bus driver shortage forces route cuts",
            "The district has cut 14 routes this year",
        ],
        "must_keep": [
            "The school board on Monday postponed a vote",
            "Parents packed the meeting.",
            "The board will take up the issue again in May.",
        ],
    },
    {
        "title": "Central bank holds rates steady",
        "page": """Central bank holds rates steady

The central bank left its main interest rate unchanged at 4.5 percent on Thursday, saying inflation was falling but remained too high.

Governor Ana Silva said the bank would "not hesitate" to act if prices rose again.

Most economists had expected the decision.

Become a member

Independent journalism costs money. Our reporters spend weeks on stories that other outlets ignore, and we never put our work behind a paywall. If you value what we do, please consider becoming a member today: it takes less than a minute, and every contribution, big or small, keeps our newsroom going.

Join now""",
        "must_drop": ["Become a member", "Independent journalism costs money.", "Join now"],
        "must_keep": [
            "The central bank left its main interest rate unchanged",
            "Governor Ana Silva said the bank would",
            "Most economists had expected the decision.",
        ],
    },
    {
        "title": "Protesters fill capital for third weekend",
        "page": """Protesters fill capital for third weekend

Tens of thousands of people marched through the capital on Saturday for the third weekend in a row, demanding early elections.

Police estimated the crowd at 40,000; organisers said it was twice that.

The government has so far refused to negotiate.

Comments (3)

mark_t
This government has lost all legitimacy and the people on the streets know it. I was there on Saturday and the mood was peaceful, despite what the state broadcaster says about the protesters.

elena.v
Forty thousand is a joke of a number. The square alone holds more than that and it was full from one end to the other all afternoon.""",
        "must_drop": [
            "Comments (3)",
            "mark_t",
            "This government has lost all legitimacy",
            "Forty thousand is a joke of a number.",
        ],
        "must_keep": [
            "Tens of thousands of people marched through the capital",
            "Police estimated the crowd at 40,000",
            "The government has so far refused to negotiate.",
        ],
    },
    {
        "title": "Heatwave breaks national temperature record",
        "page": """Heatwave breaks national temperature record

Temperatures reached 40.3C at a weather station in the east on Tuesday, the highest ever recorded in the country, the national weather service said.

Railways cancelled hundreds of trains because of fears that tracks would buckle in the heat.

Hospitals said they had seen a rise in patients with heatstroke.

Image: PA Media

The previous record, 38.7C, was set in 2019.

Scientists said the heat would have been almost impossible without climate change.

Get our free news app; get our morning email briefing

Most popular

1

Man charged after car hits crowd

2

Singer cancels tour over health""",
        "must_drop": [
            "Image: PA Media",
            "Get our free news app",
            "Most popular",
            "Man charged after car hits crowd",
            "Singer cancels tour over health",
        ],
        "must_keep": [
            "Temperatures reached 40.3C",
            "Railways cancelled hundreds of trains",
            "Hospitals said they had seen a rise",
            "The previous record, 38.7C, was set in 2019.",
            "Scientists said the heat would have been almost impossible",
        ],
    },
]


def main() -> None:
    out = Path(__file__).with_name("pages.jsonl")
    with out.open("w", encoding="utf-8") as handle:
        for page in PAGES:
            record = {
                "text": page["page"],
                "title": page["title"],
                "must_drop": page["must_drop"],
                "must_keep": page["must_keep"],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
