"""Actor resolution on the NGEC actor cases: country and sector accuracy, errors by kind; the seed actors.

    .venv/bin/python benchmarks/actors.py [-v]

Scoring. A gold country that is empty ("" or null) is right only when we also give no country. Sector is
scored two ways: "sector" compares every case, an empty gold sector ("" or null) being right only when
we give none; "sector (labelled)" scores only the cases whose gold sector is not empty. The `date` field
is passed as is: resolve() reads a non-date value (e.g. "German") as context.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from common import eval_path, jsonl, row

from eventwire.events import actors, when, where


def _empty(v) -> bool:
    return v in (None, "")


def ngec(verbose: bool) -> None:
    cases = list(jsonl(eval_path("actors", "ngec_actor_cases.jsonl")))
    n = len(cases)
    country_ok = sector_ok = labelled = labelled_ok = 0
    errors: Counter[str] = Counter()
    for c in cases:
        a = actors.resolve(c["text"], c.get("date"))
        country, sector = (a.country, a.sector) if a else (None, None)
        kind = (a.kind if a else None) or "unresolved"
        c_ok = (_empty(c["country"]) and country is None) or country == c["country"]
        s_ok = (_empty(c["sector"]) and sector is None) or sector == c["sector"]
        country_ok += c_ok
        sector_ok += s_ok
        if not _empty(c["sector"]):
            labelled += 1
            labelled_ok += s_ok
        if not c_ok:
            errors[f"country/{kind}"] += 1
        if not s_ok:
            errors[f"sector/{kind}"] += 1
        if verbose and not (c_ok and s_ok):
            print(f"  {c['text']!r:60} date={c.get('date')!s:12} gold={c['country']}/{c['sector']}  got={country}/{sector} ({kind})")
    print(row("NGEC actor cases", n=n, country=country_ok / n, sector=sector_ok / n,
              sector_labelled=labelled_ok / max(labelled, 1), n_labelled=labelled))
    print(row("  claim", country=">= 0.95", sector=">= 0.85"))
    print("  errors by kind (what we resolved the mention as):")
    for k, v in sorted(errors.items()):
        print(f"    {k:<24} {v}")


def seeds() -> None:
    gold = json.loads(eval_path("seeds", "gold.json").read_text(encoding="utf-8"))["actors"]
    print("seed actors (gold.json):")
    for text, want in gold.items():
        name = text.split(" (")[0]
        if want.get("kind") == "place":
            p = where.resolve_place(name)
            got = f"place {p.country} {p.geonameid} {p.lat},{p.lon}" if p else "None"
        elif "news agency" in str(want.get("kind", "")):
            got = f"news agency={actors.is_news_agency(name)}"
        else:
            a = actors.resolve(name, "2025-04-02")
            got = f"{a.country}/{a.sector} {a.kind} {'+'.join(a.members)}" if a else "None"
        print(f"  {text:<38} want {json.dumps(want, ensure_ascii=False):<70} got {got}")


def seed_dates() -> None:
    gold = json.loads(eval_path("seeds", "gold.json").read_text(encoding="utf-8"))["dates"]
    published = "2025-04-02T14:49"
    print(f"seed dates (gold.json, published {published}; tense future for the planned visit):")
    for expr, want in gold.items():
        if expr == "anchor":
            continue
        tense = "future" if expr == "April 3 and 4" else "past"
        w = when.resolve(expr, published, tense)
        got = (w.start if w.start == w.end else f"{w.start}/{w.end}") if w else "None"
        print(f"  {expr:<16} want {want:<24} got {got:<24} {'ok' if got == want else 'WRONG'}")


def gsr() -> None:
    """A second, differently labelled set: the actor texts of the PLOVER gold standard records.

    There every intergovernmental body has country "IGO": our region codes (UNO, EUR, WAF …) count as IGO.
    Sector suffixes (CVLalb) are cut to three letters; "***" sectors are skipped.
    """
    n = c_ok = s_ok = 0
    for rec in jsonl(eval_path("events", "plover_gsr.jsonl")):
        for ev in rec["events"]:
            for g in ev.get("source", []) + ev.get("target", []):
                sector = (g.get("sector") or "")[:3] or None
                if sector == "***" or not g.get("text"):
                    continue
                a = actors.resolve(g["text"], rec.get("published"))
                country = "IGO" if a is not None and a.kind == "igo" else (a.country if a else None)
                n += 1
                c_ok += country == (g.get("country") or None)
                s_ok += (a.sector if a else None) == sector
    print(row("PLOVER GSR actor texts", n=n, country=c_ok / n, sector=s_ok / n))


if __name__ == "__main__":
    ngec("-v" in sys.argv)
    gsr()
    seeds()
    seed_dates()
