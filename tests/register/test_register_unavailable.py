"""A register that cannot be reached, is read-only or is full: a clear message, and the draft kept locally."""

from __future__ import annotations


import pytest
from test_register_store import gift

from assistant.register import database, outbox
from assistant.register.store import Store, Unavailable


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CONDUCT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CONDUCT_DATABASE_URL", raising=False)


def _made(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'register.db'}"
    Store(url, user="alice").close()
    return url


def test_the_default_register_is_sqlite_in_conduct_home(tmp_path) -> None:
    store = Store(user="alice")
    assert store.url == f"sqlite:///{tmp_path / 'home' / 'register' / 'register.db'}"
    store.record(gift())
    assert (tmp_path / "home" / "register" / "register.db").is_file()


def test_conduct_database_url_and_the_config_file_choose_the_register(tmp_path, monkeypatch) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "register.toml").write_text('[database]\nurl = "sqlite:////tmp/from-config.db"\n')
    assert database.database_url() == "sqlite:////tmp/from-config.db"
    monkeypatch.setenv("CONDUCT_DATABASE_URL", "postgresql://jsmith:secret@db.example/conduct")
    assert database.database_url() == "postgresql://jsmith:secret@db.example/conduct"
    assert "secret" not in database.shown(database.database_url())


def test_read_only_sqlite_says_so_and_keeps_the_draft(tmp_path) -> None:
    url = _made(tmp_path)
    read_only = f"sqlite:///file:{tmp_path / 'register.db'}?mode=ro&uri=true"
    with pytest.raises(Unavailable, match="read-only") as caught:
        Store(read_only, user="alice").record(gift())
    assert caught.value.reason == "read_only"
    result = outbox.record_or_keep(gift(), url=read_only, user="alice")
    assert result.entry is None and "read-only" in result.message and result.kept.path.is_file()
    assert [k.draft for k in outbox.pending()] == [gift()]
    sent, failed = outbox.send(Store(url, user="alice"))
    assert len(sent) == 1 and not failed and outbox.pending() == []
    assert Store(url, user="alice").entries()[0].giver == "Acme Ltd"


def test_a_full_sqlite_disk_says_so_and_saves_nothing_half_way(tmp_path, monkeypatch) -> None:
    url = _made(tmp_path)
    store = Store(url, user="alice")
    store.record(gift())
    real = database._sqlite_connect

    def full(dbapi_connection, record):
        real(dbapi_connection, record)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(database, "_sqlite_connect", full)
    big = gift(description="x" * 3900, circumstances="y" * 3900)
    with pytest.raises(Unavailable, match="full"):
        for _ in range(50):
            Store(url, user="alice").record(big)
    monkeypatch.setattr(database, "_sqlite_connect", real)
    after = Store(url, user="alice")
    assert after.verify().ok


def test_an_unreachable_postgres_says_so_quickly() -> None:
    with pytest.raises(Unavailable, match="cannot be reached") as caught:
        Store("postgresql://alice:pw@127.0.0.1:1/conduct")
    assert "pw" not in str(caught.value)


def test_a_read_only_postgres_says_so(pg_register) -> None:
    url = pg_register.url_for("alice") + "?options=-c%20default_transaction_read_only%3Don"
    result = outbox.record_or_keep(gift(), url=url)
    assert result.entry is None and "read-only" in result.message and len(outbox.pending()) == 1


def test_a_damaged_file_is_reported_and_left_alone(tmp_path) -> None:
    path = tmp_path / "register.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(Unavailable, match="damaged"):
        Store(f"sqlite:///{path}", user="alice")
    assert path.read_bytes() == b"this is not a database" * 100


def test_a_draft_with_problems_is_not_kept_but_sent_back_to_the_form(tmp_path) -> None:
    from assistant.register.validate import InvalidEntry

    with pytest.raises(InvalidEntry):
        outbox.record_or_keep(gift(giver=""), url="postgresql://a@127.0.0.1:1/x")
    assert outbox.pending() == []
