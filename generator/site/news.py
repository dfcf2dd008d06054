"""What is new in the knowledge base: the practices by the date they were last news
(first published, or last reviewed since), for the "What's new" page and the feeds (pure)."""

from __future__ import annotations

from datetime import date


def practice_date(view, practice) -> date:
    """When a practice was last news: first published, or last reviewed since."""
    dates = [d for d in (view.published.get(practice.id), practice.last_reviewed) if d]
    if dates:
        return max(dates)
    return date(int(practice.period.start[:4]), 1, 1)


def newest(view, practices=None) -> list:
    """Practices by their date, newest first (ties by id: the same order every build)."""
    chosen = view.practices if practices is None else practices
    return sorted(chosen, key=lambda p: (practice_date(view, p), p.id), reverse=True)


def feed_name(pillar: int | None = None) -> str:
    return "practices.atom" if pillar is None else f"pillar-{pillar}.atom"
