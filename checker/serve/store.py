"""The reviewers' decisions and their accept list (白名单), kept in a database.

SQLite in the user data folder by default (``platformdirs``), any SQLAlchemy URL with
``--database`` (a department's PostgreSQL). The tables are created and upgraded by the
Alembic migrations in ``migrations/`` when the server starts, never by ``create_all``,
so an existing database follows the schema from version to version.

A decision names the document by the SHA-256 of its bytes, and the finding by its
code and span: the document itself is never stored, only the few characters the
finding is about (its excerpt), so that the record says what was decided.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DateTime, Integer, String, Text, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

DECISIONS = ("accept", "reject", "ignore")


class Base(DeclarativeBase):
    pass


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[str] = mapped_column(String(64), index=True)  # SHA-256 of the uploaded bytes
    file_name: Mapped[str] = mapped_column(String(500))
    finding: Mapped[str] = mapped_column(String(64))  # CODE:start:end
    code: Mapped[str] = mapped_column(String(16))
    excerpt: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AcceptedTerm(Base):
    __tablename__ = "accepted_terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(16), nullable=True)  # None: whatever rule flags it
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def default_url() -> str:
    from platformdirs import user_data_dir

    folder = user_data_dir("doccheck", appauthor=False)
    os.makedirs(folder, exist_ok=True)
    return f"sqlite:///{os.path.join(folder, 'review.sqlite3')}"


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the newest schema (Alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", os.path.join(os.path.dirname(__file__), "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, "head")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url)

    def record(
        self, document: str, file_name: str, finding: str, code: str, excerpt: str, decision: str
    ) -> dict[str, Any]:
        """The reviewer's latest decision on a finding replaces an earlier one."""
        with Session(self.engine) as session, session.begin():
            row = session.scalars(
                select(Decision).where(Decision.document == document, Decision.finding == finding)
            ).first()
            if row is None:
                row = Decision(document=document, finding=finding)
                session.add(row)
            row.file_name, row.code, row.excerpt = file_name, code, excerpt
            row.decision, row.decided_at = decision, _now()
            session.flush()
            return _decision(row)

    def decisions(self, document: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.scalars(select(Decision).where(Decision.document == document).order_by(Decision.id))
            return [_decision(row) for row in rows]

    def accept(self, term: str, code: str | None) -> dict[str, Any]:
        with Session(self.engine) as session, session.begin():
            row = session.scalars(
                select(AcceptedTerm).where(AcceptedTerm.term == term, AcceptedTerm.code == code)
            ).first()
            if row is None:
                row = AcceptedTerm(term=term, code=code, added_at=_now())
                session.add(row)
                session.flush()
            return _term(row)

    def accepted(self) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            return [_term(row) for row in session.scalars(select(AcceptedTerm).order_by(AcceptedTerm.id))]

    def forget(self, term_id: int) -> bool:
        with Session(self.engine) as session, session.begin():
            row = session.get(AcceptedTerm, term_id)
            if row is None:
                return False
            session.delete(row)
            return True

    def close(self) -> None:
        self.engine.dispose()


def _decision(row: Decision) -> dict[str, Any]:
    return {
        "document": row.document,
        "file_name": row.file_name,
        "finding": row.finding,
        "code": row.code,
        "excerpt": row.excerpt,
        "decision": row.decision,
        "decided_at": row.decided_at.isoformat(),
    }


def _term(row: AcceptedTerm) -> dict[str, Any]:
    return {"id": row.id, "term": row.term, "code": row.code, "added_at": row.added_at.isoformat()}


def honour_accept_list(report: dict[str, Any], terms: list[dict[str, Any]]) -> int:
    """Drop from a JSON report the findings whose excerpt is an accepted term (for its
    rule, or for any rule when the term names none); the summary is counted again.
    Returns how many were dropped."""
    anywhere = {t["term"] for t in terms if t["code"] is None}
    by_rule = {(t["term"], t["code"]) for t in terms if t["code"] is not None}
    dropped = 0
    counts = {"error": 0, "warning": 0, "info": 0}
    for file in report["files"]:
        kept = [
            f for f in file["findings"] if f["excerpt"] not in anywhere and (f["excerpt"], f["code"]) not in by_rule
        ]
        dropped += len(file["findings"]) - len(kept)
        file["findings"] = kept
        for finding in kept:
            counts[finding["severity"]] += 1
    report["summary"] = {**report["summary"], "findings": sum(counts.values()), "by_severity": counts}
    return dropped
