"""Atom feeds of the practices published or changed, per language and per language and
pillar, written with feedgen (pure).

A practice's date is when it was first published (its file's first commit, when the
knowledge base is a git repository) or last reviewed, whichever is later; the feed's
is its newest entry's, so that two builds of one commit write the same feeds.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from feedgen.feed import FeedGenerator

from . import urls
from .news import feed_name, newest, practice_date
from .render import LanguageRenderer

FOLDER = "feeds"
ENTRIES = 50  # the newest; a reader subscribing wants news, not the whole base


class Feeds(LanguageRenderer):
    """The feeds of one language."""

    def files(self) -> dict[str, str]:
        """File name (in the language's feeds/ folder) -> Atom text."""
        files = {feed_name(): self._feed(None, self.view.practices)}
        for pillar in (1, 2, 3, 4):
            files[feed_name(pillar)] = self._feed(
                pillar, self.view.facets["pillars"].get(pillar, []))
        return files

    def _feed(self, pillar: int | None, practices) -> str:
        feed = FeedGenerator()
        title = self.t("site_name") + " – " + (self.t("whats_new") if pillar is None else
                                               self.facet_label("pillars", pillar))
        feed.id(self._id(f"{FOLDER}/{feed_name(pillar)}"))
        feed.title(title)
        feed.language(self.language)
        feed.link(href=self.address(urls.WHATS_NEW), rel="alternate")
        chosen = newest(self.view, practices)[:ENTRIES]
        feed.updated(_moment(practice_date(self.view, chosen[0])) if chosen else
                     _moment(self.settings.today or date(2000, 1, 1)))
        feed.generator("sskb")
        for practice in chosen:
            self._entry(feed, practice)
        return feed.atom_str(pretty=True).decode("utf-8")

    def _entry(self, feed, practice) -> None:
        entry = feed.add_entry(order="append")
        page = urls.record_page("practice", practice.id)
        entry.id(self._id(urls.page_url(page)))
        entry.title(self.name(practice))
        entry.link(href=self.address(page), rel="alternate")
        summary = self.text(practice, "summary")
        entry.summary(summary.text)
        entry.updated(_moment(practice_date(self.view, practice)))
        published = self.view.published.get(practice.id)
        if published:
            entry.published(_moment(published))
        for pillar in practice.pillars:
            entry.category(term=f"pillar-{pillar}", label=self.facet_label("pillars", pillar))
        for theme in practice.themes:
            entry.category(term=theme, label=self.term("themes", theme))

    def _id(self, path: str) -> str:
        """A stable id: the address with the site's own, else a tag URI."""
        base = self.settings.site_url
        if base:
            return f"{base}{self.language}/{path}"
        return f"tag:sskb,2026:{self.language}/{path}"


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def feed_files(view, language: str, settings) -> dict[str, str]:
    return Feeds(view, language, settings).files()
