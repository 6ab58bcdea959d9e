"""The register for publication: CSV and an accessible HTML page, with the fields councils publish.

Date, giver, description, value, accepted or declined, decision, approver;
officers' names only when asked for. Drafts and withdrawn entries are never
published. Every value is escaped for its format: HTML-escaped in the page,
and in the CSV a cell that a spreadsheet would run as a formula (=, +, -, @)
is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import html
import io
from typing import Iterable

from assistant.register.model import KIND_LABELS, STATUS_LABELS, Entry

COLUMNS = ("Date", "Kind", "Offered by", "Description", "Value", "Accepted or declined", "Decision", "Approver")


def published(entries: Iterable[Entry]) -> list[Entry]:
    rows = [e for e in entries if e.status not in ("draft", "withdrawn")]
    return sorted(rows, key=lambda e: (e.offered_on, e.created_at, e.id))


def _row(entry: Entry, officers: bool) -> list[str]:
    decision = STATUS_LABELS.get(entry.status, entry.status)
    row = [entry.offered_on.isoformat(), KIND_LABELS.get(entry.kind, entry.kind), entry.giver, entry.description,
           entry.value_text, entry.outcome.capitalize(), decision, entry.approver_role or entry.approver]
    if officers:
        row.insert(1, entry.officer)
    return row


def _columns(officers: bool) -> list[str]:
    columns = list(COLUMNS)
    if officers:
        columns.insert(1, "Officer")
    return columns


def _cell(value: str) -> str:
    value = value.replace("\r", " ")
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t") else value


def to_csv(entries: Iterable[Entry], officers: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_columns(officers))
    for entry in published(entries):
        writer.writerow([_cell(v) for v in _row(entry, officers)])
    return out.getvalue()


def to_html(entries: Iterable[Entry], title: str = "Register of gifts and hospitality", officers: bool = False) -> str:
    rows = published(entries)
    e = html.escape
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in _columns(officers))
    body = "\n".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in _row(entry, officers)) + "</tr>" for entry in rows)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>
body {{ font-family: Arial, sans-serif; margin: 2rem; color: #0b0c0c; line-height: 1.4; }}
table {{ border-collapse: collapse; width: 100%; }}
caption {{ text-align: left; font-weight: bold; font-size: 1.2rem; margin-bottom: .5rem; }}
th, td {{ border-bottom: 1px solid #b1b4b6; padding: .5rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f2f1; }}
</style>
</head>
<body>
<main>
<h1>{e(title)}</h1>
<p>{len(rows)} entr{"y" if len(rows) == 1 else "ies"}.</p>
<table>
<caption>{e(title)}</caption>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</main>
</body>
</html>
"""
