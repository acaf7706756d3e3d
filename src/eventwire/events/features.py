"""What the role model sees of an actor mention and a trigger: parse relations, position, what it resolves to.

Small string features ("dep=nsubj", "prep=against", "side=R&near"), the same at training time
(``scripts/train_roles.py``) and at run time (``roles.score``).
"""

from __future__ import annotations

from eventwire.events.clauses import PASS_SUBJ, SUBJ
from eventwire.events.lexicon import SPEECH
from eventwire.events.mentions import ActorMention


def _bucket(d: int) -> str:
    return "1" if d <= 1 else "2" if d == 2 else "3" if d == 3 else "4-6" if d <= 6 else "7-10" if d <= 10 else "11+"


def _ancestors(tok, limit: int = 12) -> list:
    out = []
    t = tok
    for _ in range(limit):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def role_features(doc, m: ActorMention, trigger, ptype: str, mentions: list[ActorMention]) -> list[str]:
    """Features of mention ``m`` as the source or target of an event of type ``ptype`` at ``trigger``."""
    h = doc[m.head]
    v = trigger
    side = "L" if m.end <= v.i else ("R" if m.start > v.i else "in")
    f = [f"dep={h.dep_}", f"side={side}", f"side&dist={side}{_bucket(abs(h.i - v.i))}", f"type&side={ptype}&{side}",
         f"ent={h.ent_type_ or '-'}"]
    same_side = [x for x in mentions if (x.end <= v.i) == (m.end <= v.i)]
    if side == "L" and same_side and same_side[-1] is m:
        f.append("nearest_left")
    if side == "R" and same_side and same_side[0] is m:
        f.append("nearest_right")
    if mentions and mentions[0] is m:
        f.append("first_mention")
    passive = any(c.dep_ in PASS_SUBJ for c in v.children)
    f.append(f"passive&dep={passive}&{h.dep_}")
    anc = _ancestors(h)
    if v in anc:
        depth = anc.index(v) + 1
        f.append(f"under_trigger={min(depth, 4)}")
        f.append(f"under&dep={h.dep_}&{min(depth, 3)}")
        f.append(f"type&under&dep={ptype}&{h.dep_}")
    elif h in _ancestors(v):
        f.append("above_trigger")
    if h.head.i == v.i:
        f.append(f"child={h.dep_}")
    if h.dep_ == "pobj":
        prep = h.head
        f.append(f"prep={prep.lower_}")
        if prep.head.i == v.i:
            f.append(f"trigger_prep={prep.lower_}")
            f.append(f"type&trigger_prep={ptype}&{prep.lower_}")
        elif prep.head.head.i == v.i:
            f.append(f"obj_prep={prep.lower_}")
        if prep.head.lemma_ in SPEECH:
            f.append("prep_of_speech")
    if h.dep_ in SUBJ and h.head.lemma_ in SPEECH and h.head.i != v.i:
        f.append("speaker")
    if h.dep_ == "poss":
        f.append("possessor")
    actors = m.actors
    kinds = {a.kind or "-" for a in actors}
    for k in kinds:
        f.append(f"kind={k}")
        f.append(f"kind&side={k}&{side}")
    sectors = {a.sector or "-" for a in actors}
    for s in sectors:
        f.append(f"sector={s}")
    if len(actors) > 1:
        f.append("several")
    return f
