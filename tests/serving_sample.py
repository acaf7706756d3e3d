"""A small hand-written store for the serving tests: three reports in one story, two events, and one
hostile report whose text carries markup that must show as text. All texts are written by us."""

from __future__ import annotations

from eventwire.model import Actor, Event, Mention, Passage, Place, Placement, Report, Reuse, Story, When

ORIGIN_TEXT = (
    "BAMAKO - The foreign ministers of Mali and Niger will travel to Moscow next week for talks on security. "
    "Officials said the visit was planned for two days. "
    "Russian troops attacked a convoy near Gao on Monday, a local official said."
)
COPY_TEXT = (
    "The foreign ministers of Mali and Niger will travel to Moscow next week for talks on security. "
    "Officials said the visit was planned for two days. An editor added one closing line here."
)
HOSTILE_TEXT = (
    "Protesters gathered <script>window.__pwned = 1</script> in Dakar. "
    'A sign read <img src=x onerror="window.__pwned = 2"> and nothing more.'
)


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def reports() -> list[Report]:
    return [
        Report(id="r-origin", text=ORIGIN_TEXT, outlet="Sahel Wire", title="Ministers to visit Moscow",
               published="2025-04-02T09:00", url="https://example.org/sahel/1"),
        Report(id="r-copy", text=COPY_TEXT, outlet="Daily Echo", title="Ministers to visit Moscow (copy)",
               published="2025-04-02T11:30", url="https://example.org/echo/7"),
        Report(id="r-hostile", text=HOSTILE_TEXT, outlet="Evil <b>Outlet</b>",
               title='<img src=x onerror="window.__pwned = 3">Protest', published="2025-04-05",
               url="https://example.org/x"),
    ]


def placements() -> list[Placement]:
    n = len("The foreign ministers of Mali and Niger will travel to Moscow next week for talks on security. "
            "Officials said the visit was planned for two days.")
    o = ORIGIN_TEXT.index("The foreign")
    return [
        Placement("r-origin", "s-moscow", "origin", "r-origin"),
        Placement("r-copy", "s-moscow", "republication", "r-origin",
                  (Reuse("r-origin", (Passage(0, n, o, o + n),), 0.8),), 0.8),
        Placement("r-hostile", "s-dakar", "origin", "r-hostile"),
    ]


def stories() -> list[Story]:
    return [
        Story("s-moscow", "r-origin", ("r-origin", "r-copy"), "2025-04-02T09:00", "2025-04-02T11:30",
              ("Sahel Wire", "Daily Echo"), "Ministers to visit Moscow"),
        Story("s-dakar", "r-hostile", ("r-hostile",), "2025-04-05", "2025-04-05", ("Evil <b>Outlet</b>",),
              '<img src=x onerror="window.__pwned = 4">Protest'),
    ]


def events() -> list[Event]:
    v1 = _span(ORIGIN_TEXT, "will travel to Moscow")
    v2 = _span(COPY_TEXT, "will travel to Moscow")
    a1 = _span(ORIGIN_TEXT, "attacked a convoy")
    p1 = _span(HOSTILE_TEXT, "Protesters gathered")
    return [
        Event(
            id="ev-visit", type="CONSULT", mode="visit", cameo="043", goldstein=2.8, modality="planned",
            source=(Actor("Mali", "MLI", "GOV", "state"), Actor("Niger", "NER", "GOV", "state")),
            target=(Actor("Russia", "RUS", "GOV", "state"),),
            date=When("2025-04-07", "2025-04-08"), location=Place("Moscow", "RU", 524901, 55.75, 37.62),
            mentions=(
                Mention("r-origin", *v1, "will travel to Moscow", 0, "Sahel Wire"),
                Mention("r-copy", *v2, "will travel to Moscow", 0, "Daily Echo"),
            ),
            confidence=0.8,
        ),
        Event(
            id="ev-attack", type="ASSAULT", mode="firearms", cameo="190", goldstein=-10.0, modality="asserted",
            source=(Actor("Russian troops", "RUS", "MIL", "group"),), target=(Actor("convoy", "MLI", None),),
            date=When("2025-03-31"), location=Place("Gao", "ML", 2457163, 16.27, -0.04),
            mentions=(Mention("r-origin", *a1, "attacked a convoy", 2, "Sahel Wire"),), confidence=0.7,
        ),
        Event(
            id="ev-protest", type="PROTEST", mode="demonstrate", cameo="141", goldstein=-6.5,
            source=(Actor('<script>alert("x")</script>', "SEN", "CVL"),), target=(Actor("Senegal", "SEN", "GOV"),),
            date=When("2025-04-05"), location=Place("Dakar", "SN", 2253354, 14.69, -17.44),
            mentions=(Mention("r-hostile", *p1, "Protesters gathered", 0, "Evil <b>Outlet</b>"),),
        ),
    ]


def fill(store) -> None:
    """Put the sample into ``store`` through its own methods."""
    store.add_reports(reports())
    for s in stories():
        store.save_story(s)
    store.save_placements(placements())
    store.save_events(events()[:2], story_id="s-moscow")
    store.save_events(events()[2:], story_id="s-dakar")
