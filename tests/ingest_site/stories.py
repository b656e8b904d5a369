"""The stories of the test news site: our own writing, invented events (not reports of real ones)."""

from __future__ import annotations

# path -> (title, ISO date with zone, language, paragraphs)
STORIES: dict[str, tuple[str, str, str, list[str]]] = {
    "/news/kharkiv-missile-strike.html": (
        "Missile strike on Kharkiv apartment block kills three",
        "2026-03-10T08:15:00+00:00", "en", [
            "A Russian missile struck a residential district of Kharkiv on Tuesday night, killing three people "
            "and wounding 12 others, the regional governor said on Wednesday.",
            "Rescuers worked through the night to clear the rubble of a five-storey building in the Saltivskyi "
            "district, where a fire broke out after the impact.",
            "The governor said two children were among the wounded and that the blast also shattered the windows "
            "of a school and several shops nearby.",
        ]),
    "/news/odesa-port-drones.html": (
        "Drones hit Odesa port overnight, two dock workers wounded",
        "2026-03-11T06:40:00+00:00", "en", [
            "Russian drones attacked port infrastructure in Odesa overnight, wounding two dock workers and "
            "setting a grain warehouse on fire, the regional administration said on Wednesday morning.",
            "Air defence units shot down most of the drones over the sea, officials said, but at least two "
            "reached the port, where firefighters needed four hours to put out the blaze.",
        ]),
    "/news/poltava-barley-harvest.html": (
        "Poltava farmers start the barley harvest early after a warm spring",
        "2026-03-09T12:00:00+00:00", "en", [
            "Farmers around Poltava began cutting barley almost two weeks earlier than usual this year, helped "
            "by a mild winter and a dry, warm spring.",
            "Cooperative managers said yields looked better than last season and that storage prices had "
            "stayed flat, which should leave growers with a modest profit.",
        ]),
    "/regions/dnipro-shelling.html": (
        "Shelling of Nikopol wounds four, homes and a gas line damaged",
        "2026-03-12T15:05:00+00:00", "en", [
            "Russian artillery shelled Nikopol in the Dnipropetrovsk region on Thursday afternoon, wounding "
            "four people, the regional governor said.",
            "Several private houses, a gas pipeline and a power line were damaged in the attack, and repair "
            "crews were waiting for the shelling to stop before starting work.",
        ]),
    "/regions/lviv-museum-reopens.html": (
        "Lviv history museum reopens its medieval hall after restoration",
        "2026-03-08T10:30:00+00:00", "en", [
            "The history museum in Lviv reopened its medieval hall on Sunday after two years of restoration "
            "work on the vaulted ceiling and the stone floor.",
            "Curators said the hall would host a new exhibition of guild seals and merchant letters from the "
            "sixteenth century until the end of the summer.",
        ]),
    "/regions/charkiw-bericht.html": (
        "Raketenangriff auf Charkiw: drei Tote",
        "2026-03-10T09:00:00+00:00", "de", [
            "Eine russische Rakete hat in der Nacht zum Mittwoch ein Wohnviertel von Charkiw getroffen. Nach "
            "Angaben der Gebietsverwaltung wurden drei Menschen getötet und zwölf verletzt.",
            "Rettungskräfte suchten bis zum Morgen in den Trümmern eines fünfstöckigen Hauses nach "
            "Verschütteten, in dem nach dem Einschlag ein Feuer ausgebrochen war.",
        ]),
    "/news/sumy-drone-attack.html": (
        "Drone attack on Sumy damages a school, one man wounded",
        "2026-03-13T07:20:00+00:00", "en", [
            "A Russian drone struck the centre of Sumy early on Friday, wounding one man and damaging a school "
            "building and a row of parked cars, the city council said.",
            "Classes moved online for the rest of the week while engineers checked the school's walls and roof.",
        ]),
    "/news/kherson-shelling.html": (
        "Kherson shelled again, a woman killed on her way to the market",
        "2026-03-14T11:10:00+00:00", "en", [
            "Russian shelling killed a woman in Kherson on Saturday morning as she walked to the central market, "
            "the regional military administration said.",
            "The city has been shelled almost every day from the opposite bank of the Dnipro river.",
        ]),
}

#: Which stories each feed lists at first; the others are added by tests.
RSS_STORIES = ["/news/kharkiv-missile-strike.html", "/news/odesa-port-drones.html", "/news/poltava-barley-harvest.html"]
ATOM_STORIES = ["/regions/dnipro-shelling.html", "/regions/lviv-museum-reopens.html", "/regions/charkiw-bericht.html"]

#: Words of the page template's clutter that the article text must not contain.
CLUTTER = ["cookies", "Share on", "Read more", "Ferry timetables", "flour prices", "Subscribe from",
           "morning briefing", "All rights reserved", "Contact the newsroom", "Newsletters"]

NO_TEXT_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Photo gallery | The Eastern Ledger</title></head>
<body><nav><a href="/">Home</a> <a href="/world/">World</a></nav>
<main><div class="gallery"><img src="/img/1.jpg" alt=""><img src="/img/2.jpg" alt=""></div></main>
<footer><a href="/privacy/">Privacy policy</a></footer></body></html>"""
