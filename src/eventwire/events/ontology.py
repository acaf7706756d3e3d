"""PLOVER types, modes and contexts; CAMEO codes with Goldstein values; CAMEO ↔ PLOVER.

Written by us from the public CAMEO codebook (Schrodt 2012, with the Goldstein scale as CAMEO adapts it)
and the PLOVER specification (openeventdata/PLOVER, whose CAMEO2PLOVER table the correspondence follows:
FIGHT and mass violence fold into ASSAULT, YIELD splits into CONCEDE and RETREAT, DEMAND into REQUEST,
DISAPPROVE and INVESTIGATE into ACCUSE). Pure data and small lookups; nothing loads at import time.
"""

from __future__ import annotations

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

# CAMEO code → (name, Goldstein value). Two-, three- and the commonly used four-digit codes.
CAMEO: dict[str, tuple[str, float]] = {
    "010": ("Make statement", 0.0), "011": ("Decline comment", -0.1), "012": ("Make pessimistic comment", -0.4),
    "013": ("Make optimistic comment", 0.4), "014": ("Consider policy option", 0.0),
    "015": ("Acknowledge or claim responsibility", 0.0), "016": ("Deny responsibility", -2.0),
    "017": ("Engage in symbolic act", 0.0), "018": ("Make empathetic comment", 0.4), "019": ("Express accord", 0.0),
    "020": ("Make an appeal or request", 3.0), "021": ("Appeal for material cooperation", 3.4),
    "022": ("Appeal for diplomatic cooperation", 3.2), "023": ("Appeal for aid", 3.4),
    "024": ("Appeal for political reform", -0.3), "025": ("Appeal to yield", -0.3),
    "026": ("Appeal to others to meet or negotiate", 4.0), "027": ("Appeal to others to settle dispute", 4.0),
    "028": ("Appeal to others to engage in or accept mediation", 4.0),
    "030": ("Express intent to cooperate", 4.0), "031": ("Express intent to engage in material cooperation", 5.2),
    "032": ("Express intent to provide diplomatic cooperation", 4.5), "033": ("Express intent to provide aid", 5.2),
    "034": ("Express intent to institute political reform", 7.0), "035": ("Express intent to yield", 7.0),
    "036": ("Express intent to meet or negotiate", 4.0), "037": ("Express intent to settle dispute", 5.0),
    "038": ("Express intent to accept mediation", 7.0), "039": ("Express intent to mediate", 5.0),
    "040": ("Consult", 1.0), "041": ("Discuss by telephone", 1.0), "042": ("Make a visit", 1.9),
    "043": ("Host a visit", 2.8), "044": ("Meet at a third location", 2.5), "045": ("Mediate", 5.0),
    "046": ("Engage in negotiation", 7.0),
    "050": ("Engage in diplomatic cooperation", 3.5), "051": ("Praise or endorse", 3.4),
    "052": ("Defend verbally", 3.5), "053": ("Rally support on behalf of", 3.8),
    "054": ("Grant diplomatic recognition", 6.0), "055": ("Apologize", 7.0), "056": ("Forgive", 7.0),
    "057": ("Sign formal agreement", 8.0),
    "060": ("Engage in material cooperation", 6.0), "061": ("Cooperate economically", 6.4),
    "062": ("Cooperate militarily", 7.4), "063": ("Engage in judicial cooperation", 7.4),
    "064": ("Share intelligence or information", 7.0),
    "070": ("Provide aid", 7.0), "071": ("Provide economic aid", 7.4), "072": ("Provide military aid", 8.3),
    "073": ("Provide humanitarian aid", 7.4), "074": ("Provide military protection or peacekeeping", 8.5),
    "075": ("Grant asylum", 7.0),
    "080": ("Yield", 5.0), "081": ("Ease administrative sanctions", 5.0), "082": ("Ease political dissent", 5.0),
    "083": ("Accede to requests or demands for political reform", 5.0), "084": ("Return, release", 7.0),
    "0841": ("Return, release person(s)", 7.0), "0842": ("Return, release property", 7.0),
    "085": ("Ease economic sanctions, boycott, embargo", 7.0),
    "086": ("Allow international involvement", 9.0), "087": ("De-escalate military engagement", 9.0),
    "0871": ("Declare truce, ceasefire", 9.0), "0872": ("Ease military blockade", 9.0),
    "0873": ("Demobilize armed forces", 9.0), "0874": ("Retreat or surrender militarily", 10.0),
    "090": ("Investigate", -2.0), "091": ("Investigate crime, corruption", -2.0),
    "092": ("Investigate human rights abuses", -2.0), "093": ("Investigate military action", -2.0),
    "094": ("Investigate war crimes", -2.0),
    "100": ("Demand", -5.0), "101": ("Demand material cooperation", -5.0), "102": ("Demand diplomatic cooperation", -4.0),
    "103": ("Demand aid", -4.0), "104": ("Demand political reform", -4.0), "105": ("Demand that target yield", -4.0),
    "106": ("Demand meeting, negotiation", -4.0), "107": ("Demand settling of dispute", -4.0),
    "108": ("Demand mediation", -5.0),
    "110": ("Disapprove", -2.0), "111": ("Criticize or denounce", -2.0), "112": ("Accuse", -2.0),
    "113": ("Rally opposition against", -2.0), "114": ("Complain officially", -2.0),
    "115": ("Bring lawsuit against", -2.0), "116": ("Find guilty or liable (legally)", -2.0),
    "120": ("Reject", -4.0), "121": ("Reject material cooperation", -4.0), "122": ("Reject request for aid", -4.0),
    "123": ("Reject demand for political reform", -4.0), "124": ("Refuse to yield", -4.0),
    "125": ("Reject proposal to meet, discuss, or negotiate", -5.0), "126": ("Reject mediation", -5.0),
    "127": ("Reject plan, agreement to settle dispute", -5.0), "128": ("Defy norms, law", -5.0),
    "129": ("Veto", -5.0),
    "130": ("Threaten", -4.4), "131": ("Threaten non-force", -5.8), "132": ("Threaten with administrative sanctions", -5.8),
    "133": ("Threaten political dissent, protest", -5.8), "134": ("Threaten to halt negotiations", -5.8),
    "135": ("Threaten to halt mediation", -5.8), "136": ("Threaten to halt international involvement", -7.0),
    "137": ("Threaten with repression", -7.0), "138": ("Threaten to use military force", -7.0),
    "139": ("Give ultimatum", -7.0),
    "140": ("Engage in political dissent", -6.5), "141": ("Demonstrate or rally", -6.5),
    "142": ("Conduct hunger strike", -6.5), "143": ("Conduct strike or boycott", -6.5),
    "144": ("Obstruct passage, block", -7.5), "145": ("Protest violently, riot", -7.5),
    "150": ("Exhibit military posture", -7.2), "151": ("Increase police alert status", -7.2),
    "152": ("Increase military alert status", -7.2), "153": ("Mobilize or increase police power", -7.2),
    "154": ("Mobilize or increase armed forces", -7.2), "155": ("Mobilize or increase cyber-forces", -7.2),
    "160": ("Reduce relations", -4.0), "161": ("Reduce or break diplomatic relations", -4.0),
    "162": ("Reduce or stop material aid", -5.6), "163": ("Impose embargo, boycott, or sanctions", -8.0),
    "164": ("Halt negotiations", -7.0), "165": ("Halt mediation", -7.0),
    "166": ("Expel or withdraw", -7.0),
    "170": ("Coerce", -7.0), "171": ("Seize or damage property", -9.2), "172": ("Impose administrative sanctions", -5.0),
    "173": ("Arrest, detain, or charge with legal action", -5.0), "174": ("Expel or deport individuals", -5.0),
    "175": ("Use tactics of violent repression", -9.0), "176": ("Attack cybernetically", -7.0),
    "180": ("Use unconventional violence", -9.0), "181": ("Abduct, hijack, or take hostage", -9.0),
    "182": ("Physically assault", -9.5), "183": ("Conduct suicide, car, or other non-military bombing", -10.0),
    "184": ("Use as human shield", -8.0), "185": ("Attempt to assassinate", -8.0), "186": ("Assassinate", -10.0),
    "190": ("Use conventional military force", -10.0), "191": ("Impose blockade, restrict movement", -9.5),
    "192": ("Occupy territory", -9.5), "193": ("Fight with small arms and light weapons", -10.0),
    "194": ("Fight with artillery and tanks", -10.0), "195": ("Employ aerial weapons", -10.0),
    "196": ("Violate ceasefire", -9.5),
    "200": ("Use unconventional mass violence", -10.0), "201": ("Engage in mass expulsion", -10.0),
    "202": ("Engage in mass killings", -10.0), "203": ("Engage in ethnic cleansing", -10.0),
    "204": ("Use weapons of mass destruction", -10.0),
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


def goldstein(code: str | None) -> float | None:
    """Goldstein value of a CAMEO code, falling back to its three-digit parent, then its root."""
    if not code:
        return None
    for c in (code, code[:3], code[:2] + "0"):
        if c in CAMEO:
            return CAMEO[c][1]
    return None


def cameo_name(code: str) -> str | None:
    for c in (code, code[:3], code[:2] + "0"):
        if c in CAMEO:
            return CAMEO[c][0]
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
