"""Editorial rules that depend on the date: practices due for review (pure)."""

from __future__ import annotations

from datetime import date, timedelta

from .knowledge_base import KnowledgeBase
from .models import Practice
from .problems import Problem

REVIEW_AFTER_DAYS = 730  # default of mkdocs.yml's extra.sskb.review_after_days


def due_for_review(practice: Practice, today: date, days: int) -> bool:
    """A published practice never reviewed, or last reviewed more than `days` ago."""
    if practice.status != "published":
        return False
    return practice.last_reviewed is None or today - practice.last_reviewed > timedelta(days)


def review_warnings(kb: KnowledgeBase, today: date, days: int) -> list[Problem]:
    warnings = []
    for entry in kb.entries("practice"):
        practice = entry.record
        if due_for_review(practice, today, days):
            when = (f"was last reviewed on {practice.last_reviewed.isoformat()}, more than "
                    f"{days} days ago" if practice.last_reviewed else "has never been reviewed")
            warnings.append(entry.problem(
                ("last_reviewed",), "due-for-review",
                f"{when}: check it against its sources and update last_reviewed"))
    return warnings
