"""The five codes parse into the clauses a reader of each document would recognise."""

from __future__ import annotations

import re

import pytest

from corpus.clause import Council
from corpus.library import Library
from corpus.manifest import bundled_councils, documents_dir, load_bundled, parse_text, read_source

EXPECTED_COUNTS = {"thurrock": 157, "county": 96, "town": 23, "gloucester": 79, "essex": 146}

# (id, the words its text must open with)
OPENINGS = [
    ("thurrock:1.1", "The public is entitled to expect the highest standards"),
    ("thurrock:1.2", "This code therefore aims to describe"),
    ("thurrock:2.1", "This code applies to all employees of Thurrock Council"),
    ("thurrock:4.2", "If employees are unable to attend work for any reason"),
    ("thurrock:5.2(1)", "comply with any uniform or dress code requirements"),
    ("thurrock:8.3", "Employees must not communicate directly with the media"),
    ("thurrock:9.4(2)", "attaching any item or equipment without authorisation from ICT"),
    ("thurrock:12.3", "Employees must notify their manager or Human Resources of any criminal action"),
    ("thurrock:14.3", "All gifts and hospitality offered, whether accepted or not"),
    ("thurrock:14.5", "Employees must not solicit or accept personal gifts"),
    ("thurrock:14.10", "These rates may only be exceeded"),
    ("thurrock:17.2", "However, conditions of service require officers to obtain written consent"),
    ("thurrock:17.2(4)", "undertake any private commitments or activities"),
    ("thurrock:18.2", "All other officers must declare to their director"),
    ("thurrock:18.3(5)", "membership of any organisation not open to the public"),
    ("thurrock:19.2(2)", "any close personal relationship with an elected member"),
    ("thurrock:25.2", "Employees must not present themselves for work under the effects"),
    ("thurrock:27.1(i)", "serious insubordination to a member of management"),
    ("thurrock:27.1(xxi)", "engaging in other work without prior management agreement"),
    ("thurrock:27.1(xxiii)", "maltreatment or serious failure to abide by practice standards"),
    ("county:1.1", "This Code describes the standards of conduct"),
    ("county:2.4", "It is not acceptable for you publicly to criticise"),
    ("county:3.3(3)", "have any financial interest in"),
    ("county:4.3", "You must advise your line manager before engaging in any other work"),
    ("county:4.5", "You must not undertake private work when on sick leave"),
    ("county:8.1", "The Communications Unit works to promote the policies"),
    ("county:10.2", "Minor gifts and hospitality are sometimes part of the normal courtesies"),
    ("county:11.1", "Working closely with and/or caring for vulnerable people"),
    ("county:12.1", "You should be aware of possible conflicts of interest when you buy goods"),
    ("county:16.3", "Your post may be or become 'politically restricted'"),
    ("county:23.2", "You must also advise your line manager immediately if you have been arrested"),
    ("county:24.2(a)", "any form of unjustifiable discrimination"),
    ("county:24.2(c)", "possession, displaying, viewing or downloading of offensive materials"),
    ("county:24.2(z)", "failing to report serious misconduct"),
    ("county:note-1", "Personal interests as set out in Paragraph 3"),
    ("county:note-2", "Under the Bribery Act 2010"),
    ("town:introduction/1", "The code of conduct defines the standards of behaviour"),
    ("town:1", "We expect all staff to interact and work with the public"),
    ("town:3", "You must comply with the law in all aspects of your work"),
    ("town:5", "You must not make statements to the media on behalf of the council"),
    ("town:9(1)", "our Financial Regulations"),
    ("town:11(2)", "Situation: Relationships with elected members (Councillors). Action required: Mutual respect"),
    ("town:12", "You must declare any gifts and hospitality that you are offered"),
    ("gloucester:introduction/1", "Gloucester City Council (“the Council”) adopted this code of conduct on [_____] 2024"),
    ("gloucester:employee-officers-responsibilities/2", "Officers are expected to:"),
    ("gloucester:1.2", "All Officers must comply with the Council's Financial, Contract and Procurement Regulations"),
    ("gloucester:3.2", "Officers who are in a partner, family or emotional relationship"),
    ("gloucester:6.1", "All Officers shall comply with the Council's Health and Safety policies"),
    ("gloucester:7.2", "Officers who are involved with granting permissions, approvals, consents or benefits, must take no part"),
    ("gloucester:8.1", "You must, as soon as practicable, inform (and keep informed) your line manager"),
    ("gloucester:8.2", "In relation to traffic offences you do not need to inform your line manager"),
    ("gloucester:9.2", "Officers must obtain the express consent of the Managing Director or Head of Service"),
    ("gloucester:10.2", "Small gifts may only be accepted when they are low cost (less than twenty five pounds (£25))"),
    ("gloucester:10.9", "Customers may seek to express their thanks to Officers by offering gifts, money etc. Officers must refuse"),
    ("gloucester:11.4", "Whilst engaged in council business, Officers must not wear or display any objects"),
    ("gloucester:12.2", "No Officers should communicate with the media"),
    ("gloucester:13.7", "Be aware that contracts formed by email"),
    ("gloucester:14.1(1)", "Avoid making any social media communications"),
    ("gloucester:15.3(b)", "Personal details of colleagues"),
    ("gloucester:16.1", "The council does not tolerate any form of malpractice"),
    ("gloucester:17.1", "This Code is part of every Officer's contract of employment"),
    ("gloucester:18.1", "This policy provides an overview"),
    ("essex:code-of-conduct/1", "The Code of Conduct defines the responsibilities"),
    ("essex:principles/2", "Selflessness – you should act solely in terms of the public interest"),
    ("essex:breach-of-this-code/1", "Breaches of this code (inside or outside of work) will be investigated"),
    ("essex:politically-restricted-posts/3", "You must not stand as a candidate for public elected office"),
    ("essex:personal-conduct/14", "You must not be under the influence of alcohol or un-prescribed drugs"),
    ("essex:gifts-and-hospitality/2", "You must make sure that any modest gifts or hospitality accepted on behalf of ECC are authorised by your manager"),
    ("essex:gifts-and-hospitality/3", "You must not accept personal gifts, loans, fees, rewards or advantage from contractors"),
    ("essex:handling-ecc-money-or-sponsorship/7", "You must, if you suspect financial irregularity, corruption or fraud, contact the Head of Assurance"),
    ("essex:outside-work/2", "You must discuss any proposed paid or unpaid work with your line manager"),
    ("essex:protecting-confidential-information/5", "You must refer any media or press enquiries to the external communications team"),
    ("essex:use-of-ecc-resources-equipment-and-facilities/6", "You must not use ECC vehicles for unauthorised purposes."),
    ("essex:working-with-service-users/7", "You must not form inappropriate personal relationships with service users"),
]

MARKUP = ["~~", "](#)", "**", "<b>", "</b>", "](mailto:", "\t", "\\("]


@pytest.mark.parametrize(("slug", "count"), sorted(EXPECTED_COUNTS.items()))
def test_clause_count_per_council(library: Library, slug: str, count: int) -> None:
    assert len(library.document(slug).clauses) == count


@pytest.mark.parametrize(("clause_id", "opening"), OPENINGS, ids=[o[0] for o in OPENINGS])
def test_clause_opens_with_its_words(library: Library, clause_id: str, opening: str) -> None:
    clause = library.clause(clause_id)
    assert clause is not None, f"{clause_id} missing"
    assert clause.text.startswith(opening)


def test_openings_table_covers_every_council() -> None:
    assert len(OPENINGS) >= 40
    assert {cid.split(":")[0] for cid, _ in OPENINGS} == set(EXPECTED_COUNTS)


def test_no_markup_survives(library: Library) -> None:
    for clause in library.all_clauses():
        for mark in MARKUP:
            assert mark not in clause.text, (clause.id, mark)
        for line in clause.text.split("\n"):
            assert not line.startswith(("- ", "#")), (clause.id, line)


def test_every_clause_has_text_and_unique_id(library: Library) -> None:
    ids = [c.id for c in library.all_clauses()]
    assert len(ids) == len(set(ids))
    for clause in library.all_clauses():
        assert clause.text.strip() and clause.body.strip() or clause.children, clause.id
        assert clause.text == clause.text.strip()
        assert "  " not in clause.text, clause.id


def test_ids_are_council_and_number(library: Library) -> None:
    for clause in library.all_clauses():
        assert clause.id == f"{clause.council}:{clause.number}"
        assert re.fullmatch(r"[a-z]+:[a-z0-9.\-/]+(\([a-z0-9]+\))?", clause.id), clause.id


def test_parsing_twice_gives_identical_results() -> None:
    for council in bundled_councils():
        first = parse_text(council, read_source(council))
        second = parse_text(council, read_source(council))
        assert first.clauses == second.clauses
        assert first.sections == second.sections


def test_items_are_attached_to_and_quoted_in_their_clause(library: Library) -> None:
    parent = library.clause("thurrock:27.1")
    assert parent is not None and len(parent.children) == 23
    item = library.clause("thurrock:27.1(xxi)")
    assert item is not None and item.parent == "thurrock:27.1"
    assert f"(xxi) {item.text}" in parent.text
    assert parent.text.endswith("the list can only be regarded as illustrative.")
    assert "(xxi)" not in parent.body and "Gross misconduct could be" in parent.body
    county = library.clause("county:24.2")
    assert county is not None and [c.rsplit("(", 1)[1][0] for c in county.children] == list("abcdefghijklmnopqrstuvwxyz")


def test_page_breaks_rejoin_sentences(library: Library) -> None:
    assert "S.I.D., and you must familiarise yourself with them." in library.clause("county:2.5").text
    assert "relatives who may challenge the reason for the gift" in library.clause("county:11.1").text
    assert "You are not permitted to use your position to obtain a discount" in library.clause("town:2").text


def test_contents_and_front_matter_are_dropped(library: Library) -> None:
    texts = "\n".join(c.text for c in library.all_clauses())
    for furniture in ["SUBJECT", "Note 1 15", "Filename and version", ".....", "Review date", "Last updated"]:
        assert furniture not in texts
    assert library.document("county").sections[0].heading == "Introduction"


class TestGloucesterDraft:
    def test_sections_run_one_to_eighteen_in_order(self, library: Library) -> None:
        numbered = [s.number for s in library.document("gloucester").sections if s.number.isdigit()]
        assert numbered == [str(n) for n in range(1, 19)]

    def test_key_clauses_have_their_revised_numbers(self, library: Library) -> None:
        assert "(£25)" in library.clause("gloucester:10.2").text
        assert library.clause("gloucester:8.2").text.startswith("In relation to traffic offences")
        assert "political party" in library.clause("gloucester:11.4").text
        assert "three (3) months" in library.clause("gloucester:8.1").text

    def test_deletions_are_gone_and_insertions_kept(self, library: Library) -> None:
        texts = "\n".join(c.text for c in library.all_clauses() if c.council == "gloucester")
        assert "employeeOfficer" not in texts and "EmployeeOfficer" not in texts
        assert "Never send inappropriate comments" not in texts  # old 12.6, wholly deleted
        assert "Smoking is not allowed" not in texts
        assert "30 January 2020" not in texts
        assert "Unacceptable Customer Behaviour Policy" in library.clause("gloucester:2.1").text
        assert "Officers must refuse such 'gifts' politely" in library.clause("gloucester:10.9").text

    def test_wholly_deleted_clauses_do_not_appear(self, library: Library) -> None:
        for gone in ["gloucester:5.1", "gloucester:5.2", "gloucester:13.6", "gloucester:11.5"]:
            assert library.clause(gone) is None
        section = library.section("gloucester:5")
        assert section is not None and section.heading == "Alcohol and Drugs" and section.clause_ids == ()

    def test_every_repair_still_applies(self) -> None:
        council = next(c for c in bundled_councils() if c.slug == "gloucester")
        source = read_source(council)
        plain = parse_text(Council(**{**_fields(council), "repairs": (), "raw_repairs": ()}), source)
        plain_text = "\n".join(c.text for c in plain.clauses)
        for wrong, _right in council.repairs:
            assert wrong in plain_text, f"repair {wrong!r} no longer matches anything"
        for wrong, _right in council.raw_repairs:
            assert wrong in source


def _fields(council: Council) -> dict:
    return {name: getattr(council, name) for name in council.__dataclass_fields__}


def test_town_table_reads_row_by_row(library: Library) -> None:
    rows = [library.clause(f"town:11({n})").text for n in (1, 2, 3)]
    assert rows[0].startswith("Situation: Potential conflicts of interest; For example: Involvement with clubs")
    assert "Action required: Declare any interests that you have outside of work and discuss with your manager" in rows[0]
    assert rows[0].endswith("(eg if you partner is involved with an organisation that is tendering for work with the Council).")
    assert rows[1].endswith("Such familiarity should therefore be avoided.")
    assert rows[2].startswith("Situation: Undertaking private work (paid or unpaid) or secondary employment.")
    assert "Members of the Management Team must obtain written permission from the Council" in rows[2]
    assert rows[2].endswith("impact on their ability to perform their Town Council duties.")


def test_essex_is_addressed_by_section_and_item(library: Library) -> None:
    section = library.section("essex:gifts-and-hospitality")
    assert section is not None and section.heading == "Gifts and hospitality"
    assert section.clause_ids[:3] == tuple(f"essex:gifts-and-hospitality/{n}" for n in (1, 2, 3))
    nested = library.clause("essex:use-of-ecc-resources-equipment-and-facilities/7").text
    assert "by reason of it being: Illegal, libellous" in nested and "Related to criminal, terrorist" in nested


def test_manifest_lists_the_shipped_documents() -> None:
    councils = bundled_councils()
    assert [c.slug for c in councils] == ["thurrock", "county", "town", "gloucester", "essex"]
    for council in councils:
        assert (documents_dir() / council.source).is_file()
        assert council.name and council.title and council.date


def test_documents_ship_unedited() -> None:
    """The package's documents are the seeds as received, byte for byte: their checksums were taken
    from ../shared/seeds (tests/data/documents.sha256), and the seeds are compared too where present."""
    import hashlib
    from pathlib import Path

    expected = dict(reversed(line.split()) for line in (Path(__file__).parent / "data" / "documents.sha256").read_text().splitlines())
    assert sorted(expected) == sorted(c.source for c in bundled_councils())
    for council in bundled_councils():
        shipped = (documents_dir() / council.source).read_bytes()
        assert hashlib.sha256(shipped).hexdigest() == expected[council.source], council.source
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    for council in bundled_councils() if seeds.is_dir() else ():
        assert (documents_dir() / council.source).read_bytes() == (seeds / council.source).read_bytes()


def test_neighbours_give_a_clause_in_context(library: Library) -> None:
    ids = [c.id for c in library.neighbours("county:24.2(c)", before=1, after=1)]
    assert ids == ["county:24.1", "county:24.2", "county:note-1"]


def test_suggestions_for_a_mistyped_id(library: Library) -> None:
    assert library.suggest("thurrock:14.55")[0] == "thurrock:14.5"
    assert library.suggest("glocester:10.2")[0] == "gloucester:10.2"
    assert "essex:gifts-and-hospitality" in library.suggest("essex:gifts-and-hospitality/")


def test_load_bundled_is_cached() -> None:
    assert load_bundled("town") is load_bundled("town")
