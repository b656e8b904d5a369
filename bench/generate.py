"""A realistic mixed news stream for the benchmark: templated articles of our own writing.

About 30% report strikes (a lead with place, figures, weapon and day, then context);
the rest are other news of similar length (economy, diplomacy, sport, culture, aid),
some of which mention weapons or attacks in passing, as real news does.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

PLACES = [
    ("Kharkiv", "the Kharkiv region"), ("Odesa", "the Odesa region"), ("Dnipro", "the Dnipropetrovsk region"),
    ("Zaporizhzhia", "the Zaporizhzhia region"), ("Sumy", "the Sumy region"), ("Kherson", "the Kherson region"),
    ("Mykolaiv", "the Mykolaiv region"), ("Chernihiv", "the Chernihiv region"), ("Poltava", "the Poltava region"),
    ("Kramatorsk", "the Donetsk region"), ("Belgorod", "Russia's Belgorod region"), ("Kursk", "Russia's Kursk region"),
    ("Khan Younis", "the southern Gaza Strip"), ("El Fasher", "North Darfur"), ("Aleppo", "northern Syria"),
]
WEAPONS = [("a missile", "missile"), ("Shahed drones", "drone"), ("a guided aerial bomb", "bomb"),
           ("artillery fire", "shelling"), ("a ballistic missile", "missile"), ("attack drones", "drone")]
NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "11", "12", "14", "17", "23"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OFFICIALS = ["the regional governor", "the mayor", "the city's military administration", "the emergency service",
             "local officials", "the health ministry"]

CONTEXT = [
    "Residents spent the night in basements and metro stations as air raid sirens sounded across the city.",
    "Emergency crews cleared rubble from the street and inspected neighbouring buildings for structural damage.",
    "Volunteers handed out water, blankets and tarpaulins to families whose windows had been blown out.",
    "The city council said it would open a temporary centre where residents could apply for repair grants.",
    "Power was restored to most homes by the afternoon, the local grid operator said in a statement.",
    "Schools in the district moved lessons online for the rest of the week as a precaution.",
    "Photographs published by local media showed a crater in a courtyard and cars covered in broken glass.",
    "Officials urged residents to stay in shelters until the all-clear and to report damaged gas pipes.",
    "The regional administration declared a day of mourning and flags were lowered on public buildings.",
    "Investigators collected fragments at the site, which they said would help establish what was used.",
]
OTHER = [
    "The central bank kept its key interest rate unchanged on Thursday, citing slowing inflation and steady deposits.",
    "Farmers in the south expect a larger wheat harvest this year after spring rains, the agriculture ministry said.",
    "The national football team named a new coach on Wednesday, ending weeks of speculation among fans.",
    "A new exhibition of contemporary painting opened at the city museum, drawing long queues at the weekend.",
    "Parliament approved a bill on digital services that lets citizens renew documents through a mobile app.",
    "Foreign ministers met in Brussels to discuss reconstruction financing and the next round of talks.",
    "Railway operators added night trains between the capital and the west to meet rising summer demand.",
    "The European Commission announced a new package of macro-financial assistance worth 1.5 billion euros.",
    "Exporters said shipping insurance costs had fallen for a third month in a row as port traffic recovered.",
    "Universities reported record applications for engineering and medicine, the education ministry said.",
    "A charity concert in the capital raised funds for rehabilitation centres for veterans and their families.",
    "Analysts said the government would need to raise taxes next year to keep the budget deficit in check.",
    "The defence ministry said it had signed contracts for air-defence systems and artillery ammunition.",
    "Talks on a ceasefire stalled again this week, diplomats said, with both sides blaming the other.",
    "Local elections were postponed again because of martial law, the electoral commission said.",
    "The tech sector grew by 8% last year, driven by exports of software services to European clients.",
]


def strike_article(rng: random.Random, n: int, published: date) -> dict:
    city, region = rng.choice(PLACES)
    weapon, _ = rng.choice(WEAPONS)
    killed, wounded = rng.choice(NUMBERS), rng.choice(NUMBERS)
    weekday = WEEKDAYS[(published.weekday() - rng.randint(0, 1)) % 7]
    lead = (f"{weapon[0].upper()}{weapon[1:]} hit a residential area of {city} in {region} on {weekday}, killing {killed} "
            f"people and wounding {wounded}, {rng.choice(OFFICIALS)} said.")
    second = (f"Among the wounded were a 67-year-old woman and a teenager, who were taken to hospital, "
              f"and rescuers worked through the night at the site in {city}.")
    return {"id": f"bench-{n}", "published_at": f"{published.isoformat()}T09:00:00Z",
            "text": _fill(rng, [lead, second], CONTEXT + OTHER[:4]), "kind": "strike"}


def other_article(rng: random.Random, n: int, published: date) -> dict:
    return {"id": f"bench-{n}", "published_at": f"{published.isoformat()}T09:00:00Z",
            "text": _fill(rng, [rng.choice(OTHER)], OTHER), "kind": "other"}


def _fill(rng: random.Random, opening: list[str], pool: list[str]) -> str:
    """Paragraphs of two or three sentences until the article has 300 to 700 words."""
    target = rng.randint(300, 700)
    paragraphs = [" ".join(opening)]
    words = sum(len(p.split()) for p in paragraphs)
    while words < target:
        paragraph = " ".join(rng.sample(pool, rng.randint(2, 3)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(paragraphs)


def stream(count: int, *, seed: int = 7, strike_share: float = 0.3) -> list[dict]:
    rng = random.Random(seed)
    start = date(2025, 3, 1)
    return [
        (strike_article if rng.random() < strike_share else other_article)(rng, n, start + timedelta(days=n // 40))
        for n in range(count)
    ]


def words(articles: list[dict]) -> int:
    return sum(len(a["text"].split()) for a in articles)
