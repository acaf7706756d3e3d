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

from eventwire.events import actors, where


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


if __name__ == "__main__":
    ngec("-v" in sys.argv)
    seeds()
