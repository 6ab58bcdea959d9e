"""Every per-council parameter a decision template may read: its name, kind and meaning.

Each topic declares its own parameters (assistant/decide/topics/<topic>/__init__.py); this
module gathers them. A council's policy file (assistant/data/policies/<slug>.toml) sets the
parameters its code supports; each one names the clause it comes from and
quotes it. A parameter left out means the code is silent on that point, and
the templates say so rather than borrow another council's rule. The loader
checks every file against this schema, so a hand-edited file fails with a
clear message instead of a wrong answer.

Kinds: ``phrase`` is words that complete the sentence given in the meaning
(lower-case start, no full stop); ``pence`` an amount in pence; ``months`` and
``days`` whole numbers; ``givers`` a list of giver names from GIVERS; ``flag``
true (present means the code says it).
"""

from __future__ import annotations

GIVERS = (
    "contractor", "potential_contractor", "supplier", "consultant", "service_user", "customer",
    "client", "resident", "member_of_public", "colleague", "councillor",
)

SCHEMA_ORDER = (
    "gifts", "bequests", "hospitality", "outside_work", "interests", "relationships", "recruitment", "media",
    "social_media", "political", "convictions", "confidentiality", "equipment", "purchases", "whistleblowing",
    "alcohol_drugs", "appearance",
)
"""The order parameters are listed in, in drafted policy files and profiles: bequests beside the gifts
they fall back on."""

COMMON: dict[str, tuple[str, str]] = {
    # who to ask when the code leaves it to a person or says nothing
    "contact": ("phrase", "The person the code sends general questions to: 'If in doubt, ask {value}' (e.g. your line manager)."),
}


def _schema() -> dict[str, tuple[str, str]]:
    from assistant.decide.topics import topic

    schema = dict(COMMON)
    for name in SCHEMA_ORDER:
        schema.update(topic(name).SCHEMA)
    return schema


SCHEMA = _schema()
"""Every parameter: the common ones, then each topic's (assistant/decide/topics/<topic>/__init__.py)."""

KINDS = {"phrase", "pence", "months", "days", "givers", "flag"}
TOPICS = sorted({name.split(".")[0] for name in SCHEMA if "." in name})
