"""PLOVER types, modes and contexts; CAMEO codes with Goldstein values; CAMEO ↔ PLOVER.

Written by us from the public CAMEO codebook (Schrodt 2012, with the Goldstein scale as CAMEO adapts it)
and the PLOVER specification (openeventdata/PLOVER, whose CAMEO2PLOVER table the correspondence follows:
FIGHT and mass violence fold into ASSAULT, YIELD splits into CONCEDE and RETREAT, DEMAND into REQUEST,
DISAPPROVE and INVESTIGATE into ACCUSE). Pure data and small lookups; nothing loads at import time.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER modes by type (the spec's mode lists, abridged to what the coder emits).
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": ("promise", "cease", "settle"),
    "CONSULT": ("phone", "visit", "host", "meet", "mediate", "negotiate"),
    "SUPPORT": ("praise", "defend", "rally", "recognize", "endorse", "sign"),
    "CONCEDE": ("policy", "leadership", "rights", "apologize", "forgive", "ease"),
    "COOPERATE": ("economic", "military", "judicial", "intelligence"),
    "AID": ("economic", "military", "humanitarian", "protection", "asylum"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire"),
    "REQUEST": ("demand", "appeal", "aid", "cooperate", "concede", "negotiate"),
    "ACCUSE": ("disapprove", "investigate", "allege", "sue", "convict"),
    "REJECT": ("deny", "refuse", "veto", "defy"),
    "THREATEN": ("coerce", "assault", "ultimatum", "sanction"),
    "PROTEST": ("demonstrate", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "sever", "embargo", "suspend"),
    "MOBILIZE": ("troops", "police", "alert", "weapons"),
    "COERCE": ("seize", "arrest", "expel", "deport", "ban", "curfew", "repress", "censor", "cyber"),
    "ASSAULT": ("firearms", "explosives", "aerial", "artillery", "abduct", "kill", "beat", "torture", "sexual",
                "assassinate", "bomb", "blockade", "occupy"),
}

PLOVER_CONTEXTS: tuple[str, ...] = (
    "political", "military", "economic", "diplomatic", "humanitarian", "refugees", "resource", "legal",
    "human_rights", "terrorism", "health", "environment", "election", "crime", "migration", "cyber",
)

# CAMEO code → name. Two-, three- and the commonly used four-digit codes. Goldstein values: data/goldstein.tsv.
CAMEO: dict[str, str] = {
    "010": "Make statement", "011": "Decline comment", "012": "Make pessimistic comment",
    "013": "Make optimistic comment", "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility", "016": "Deny responsibility",
    "017": "Engage in symbolic act", "018": "Make empathetic comment", "019": "Express accord",
    "020": "Make an appeal or request", "021": "Appeal for material cooperation",
    "022": "Appeal for diplomatic cooperation", "023": "Appeal for aid",
    "024": "Appeal for political reform", "025": "Appeal to yield",
    "026": "Appeal to others to meet or negotiate", "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
    "030": "Express intent to cooperate", "031": "Express intent to engage in material cooperation",
    "032": "Express intent to provide diplomatic cooperation", "033": "Express intent to provide aid",
    "034": "Express intent to institute political reform", "035": "Express intent to yield",
    "036": "Express intent to meet or negotiate", "037": "Express intent to settle dispute",
    "038": "Express intent to accept mediation", "039": "Express intent to mediate",
    "040": "Consult", "041": "Discuss by telephone", "042": "Make a visit",
    "043": "Host a visit", "044": "Meet at a third location", "045": "Mediate",
    "046": "Engage in negotiation",
    "050": "Engage in diplomatic cooperation", "051": "Praise or endorse",
    "052": "Defend verbally", "053": "Rally support on behalf of",
    "054": "Grant diplomatic recognition", "055": "Apologize", "056": "Forgive",
    "057": "Sign formal agreement",
    "060": "Engage in material cooperation", "061": "Cooperate economically",
    "062": "Cooperate militarily", "063": "Engage in judicial cooperation",
    "064": "Share intelligence or information",
    "070": "Provide aid", "071": "Provide economic aid", "072": "Provide military aid",
    "073": "Provide humanitarian aid", "074": "Provide military protection or peacekeeping",
    "075": "Grant asylum",
    "080": "Yield", "081": "Ease administrative sanctions", "082": "Ease political dissent",
    "083": "Accede to requests or demands for political reform", "084": "Return, release",
    "0841": "Return, release person(s)", "0842": "Return, release property",
    "085": "Ease economic sanctions, boycott, embargo",
    "086": "Allow international involvement", "087": "De-escalate military engagement",
    "0871": "Declare truce, ceasefire", "0872": "Ease military blockade",
    "0873": "Demobilize armed forces", "0874": "Retreat or surrender militarily",
    "090": "Investigate", "091": "Investigate crime, corruption",
    "092": "Investigate human rights abuses", "093": "Investigate military action",
    "094": "Investigate war crimes",
    "100": "Demand", "101": "Demand material cooperation", "102": "Demand diplomatic cooperation",
    "103": "Demand aid", "104": "Demand political reform", "105": "Demand that target yield",
    "106": "Demand meeting, negotiation", "107": "Demand settling of dispute",
    "108": "Demand mediation",
    "110": "Disapprove", "111": "Criticize or denounce", "112": "Accuse",
    "113": "Rally opposition against", "114": "Complain officially",
    "115": "Bring lawsuit against", "116": "Find guilty or liable (legally)",
    "120": "Reject", "121": "Reject material cooperation", "122": "Reject request for aid",
    "123": "Reject demand for political reform", "124": "Refuse to yield",
    "125": "Reject proposal to meet, discuss, or negotiate", "126": "Reject mediation",
    "127": "Reject plan, agreement to settle dispute", "128": "Defy norms, law",
    "129": "Veto",
    "130": "Threaten", "131": "Threaten non-force", "132": "Threaten with administrative sanctions",
    "133": "Threaten political dissent, protest", "134": "Threaten to halt negotiations",
    "135": "Threaten to halt mediation", "136": "Threaten to halt international involvement",
    "137": "Threaten with repression", "138": "Threaten to use military force",
    "139": "Give ultimatum",
    "140": "Engage in political dissent", "141": "Demonstrate or rally",
    "142": "Conduct hunger strike", "143": "Conduct strike or boycott",
    "144": "Obstruct passage, block", "145": "Protest violently, riot",
    "150": "Exhibit military posture", "151": "Increase police alert status",
    "152": "Increase military alert status", "153": "Mobilize or increase police power",
    "154": "Mobilize or increase armed forces", "155": "Mobilize or increase cyber-forces",
    "160": "Reduce relations", "161": "Reduce or break diplomatic relations",
    "162": "Reduce or stop material aid", "163": "Impose embargo, boycott, or sanctions",
    "164": "Halt negotiations", "165": "Halt mediation",
    "166": "Expel or withdraw",
    "170": "Coerce", "171": "Seize or damage property", "172": "Impose administrative sanctions",
    "173": "Arrest, detain, or charge with legal action", "174": "Expel or deport individuals",
    "175": "Use tactics of violent repression", "176": "Attack cybernetically",
    "180": "Use unconventional violence", "181": "Abduct, hijack, or take hostage",
    "182": "Physically assault", "183": "Conduct suicide, car, or other non-military bombing",
    "184": "Use as human shield", "185": "Attempt to assassinate", "186": "Assassinate",
    "190": "Use conventional military force", "191": "Impose blockade, restrict movement",
    "192": "Occupy territory", "193": "Fight with small arms and light weapons",
    "194": "Fight with artillery and tanks", "195": "Employ aerial weapons",
    "196": "Violate ceasefire",
    "200": "Use unconventional mass violence", "201": "Engage in mass expulsion",
    "202": "Engage in mass killings", "203": "Engage in ethnic cleansing",
    "204": "Use weapons of mass destruction",
}

# CAMEO code (most specific first) → (PLOVER type, mode). Roots map to the type of their family; the
# exceptions inside a family are listed by their three-digit code. Statements (01) mostly have no PLOVER
# type: PLOVER does not code talk about talk.
_ROOT_TO_PLOVER: dict[str, str | None] = {
    "01": None, "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}
_CODE_TO_PLOVER: dict[str, tuple[str | None, str | None]] = {
    "016": ("REJECT", "deny"), "019": ("AGREE", None),
    "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"), "043": ("CONSULT", "host"),
    "044": ("CONSULT", "meet"), "045": ("CONSULT", "mediate"), "046": ("CONSULT", "negotiate"),
    "051": ("SUPPORT", "praise"), "052": ("SUPPORT", "defend"), "053": ("SUPPORT", "rally"),
    "054": ("SUPPORT", "recognize"), "055": ("CONCEDE", "apologize"), "056": ("CONCEDE", "forgive"),
    "057": ("SUPPORT", "sign"),  # as the PLOVER gold standard records code signing (CAMEO2PLOVER: AGREE)
    "061": ("COOPERATE", "economic"), "062": ("COOPERATE", "military"), "063": ("COOPERATE", "judicial"),
    "064": ("COOPERATE", "intelligence"),
    "071": ("AID", "economic"), "072": ("AID", "military"), "073": ("AID", "humanitarian"),
    "074": ("AID", "protection"), "075": ("AID", "asylum"),
    "081": ("CONCEDE", "ease"), "082": ("CONCEDE", "rights"), "083": ("CONCEDE", "policy"),
    "084": ("RETREAT", "release"), "0841": ("RETREAT", "release"), "0842": ("RETREAT", "return"),
    "085": ("CONCEDE", "ease"), "086": ("CONCEDE", "policy"), "087": ("RETREAT", "withdraw"),
    "0871": ("RETREAT", "ceasefire"), "0872": ("RETREAT", "withdraw"), "0873": ("RETREAT", "disarm"),
    "0874": ("RETREAT", "withdraw"),
    "090": ("ACCUSE", "investigate"), "091": ("ACCUSE", "investigate"), "092": ("ACCUSE", "investigate"),
    "093": ("ACCUSE", "investigate"), "094": ("ACCUSE", "investigate"),
    "100": ("REQUEST", "demand"), "101": ("REQUEST", "demand"), "102": ("REQUEST", "demand"),
    "103": ("REQUEST", "demand"), "104": ("REQUEST", "demand"), "105": ("REQUEST", "demand"),
    "106": ("REQUEST", "demand"), "107": ("REQUEST", "demand"), "108": ("REQUEST", "demand"),
    "110": ("ACCUSE", "disapprove"), "111": ("ACCUSE", "disapprove"), "112": ("ACCUSE", "allege"),
    "114": ("ACCUSE", "disapprove"), "115": ("ACCUSE", "sue"), "116": ("ACCUSE", "convict"),
    "125": ("REJECT", "refuse"), "128": ("REJECT", "defy"), "129": ("REJECT", "veto"),
    "131": ("THREATEN", "sanction"), "132": ("THREATEN", "sanction"), "137": ("THREATEN", "coerce"),
    "138": ("THREATEN", "assault"), "139": ("THREATEN", "ultimatum"),
    "141": ("PROTEST", "demonstrate"), "142": ("PROTEST", "hunger"), "143": ("PROTEST", "strike"),
    "144": ("PROTEST", "obstruct"), "145": ("PROTEST", "riot"),
    "151": ("MOBILIZE", "police"), "152": ("MOBILIZE", "alert"), "153": ("MOBILIZE", "police"),
    "154": ("MOBILIZE", "troops"),
    "161": ("SANCTION", "sever"), "162": ("SANCTION", "suspend"), "163": ("SANCTION", "embargo"),
    "164": ("SANCTION", "suspend"), "166": ("SANCTION", "expel"),
    "171": ("COERCE", "seize"), "172": ("COERCE", "ban"), "173": ("COERCE", "arrest"), "174": ("COERCE", "deport"),
    "175": ("COERCE", "repress"), "176": ("COERCE", "cyber"),
    "181": ("ASSAULT", "abduct"), "182": ("ASSAULT", "beat"), "183": ("ASSAULT", "bomb"),
    "185": ("ASSAULT", "assassinate"), "186": ("ASSAULT", "assassinate"),
    "191": ("ASSAULT", "blockade"), "192": ("ASSAULT", "occupy"), "193": ("ASSAULT", "firearms"),
    "194": ("ASSAULT", "artillery"), "195": ("ASSAULT", "aerial"), "202": ("ASSAULT", "kill"),
}

# PLOVER type → the CAMEO code used when a rule gives only the type.
PLOVER_DEFAULT_CAMEO: dict[str, str] = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "087", "REQUEST": "020", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}

# Datasets older than PLOVER 1.0 use these names; (new type, mode).
OLD_PLOVER: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", "demand"), "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"), "FIGHT": ("ASSAULT", None), "YIELD": ("CONCEDE", None),
}


def cameo_root(code: str | None) -> str | None:
    """``"0841"`` → ``"08"``."""
    return code[:2] if code and len(code) >= 2 else None


@lru_cache(maxsize=1)
def _goldstein_table() -> dict[str, float]:
    text = resources.files("eventwire.data").joinpath("goldstein.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {code: float(value) for code, value in rows}


def goldstein(code: str | None) -> float | None:
    """The Goldstein value of a CAMEO code (the published scale, ``data/goldstein.tsv``): its base
    (three-digit) code's, else its root's x0 code's (the scale predates 155 and 176, the cyber codes)."""
    if not code:
        return None
    table = _goldstein_table()
    base = code[:3] if len(code) > 2 else code + "0"
    return table[base] if base in table else table.get(code[:2] + "0")


def cameo_name(code: str) -> str | None:
    for c in (code, code[:3], code[:2] + "0"):
        if c in CAMEO:
            return CAMEO[c]
    return None


def plover(code: str | None) -> tuple[str | None, str | None]:
    """CAMEO code → (PLOVER type, mode); (None, None) for codes PLOVER does not code (statements)."""
    if not code:
        return None, None
    for c in (code, code[:3]):
        if c in _CODE_TO_PLOVER:
            return _CODE_TO_PLOVER[c]
    return _ROOT_TO_PLOVER.get(code[:2]), None


def default_cameo(plover_type: str, mode: str | None = None) -> str:
    """The CAMEO code for a PLOVER type (and mode, when one code has exactly that pair)."""
    if mode:
        for code, (t, m) in _CODE_TO_PLOVER.items():
            if t == plover_type and m == mode and len(code) == 3:
                return code
    return PLOVER_DEFAULT_CAMEO[plover_type]


def normalise_type(name: str) -> str:
    """Older PLOVER names → current ones (DEMAND → REQUEST …); YIELD → CONCEDE."""
    name = name.upper()
    return OLD_PLOVER[name][0] if name in OLD_PLOVER else name


def same_root_family(a: str, b: str) -> bool:
    """PLOVER types that an evaluation may treat as one (YIELD = CONCEDE or RETREAT)."""
    y = {"CONCEDE", "RETREAT"}
    return a == b or (a in y and b in y)
