"""A page's settings: what differs between sites and between the language builds of the one
mkdocs.yml (`extra.sskb`, the environment, the build's date)."""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Optional

from ..kb.kinds import BY_NAME
from ..kb.review import REVIEW_AFTER_DAYS
from .i18n import Translator


@dataclass(frozen=True, eq=False)
class HandbookLink:
    """The PDF edition of the handbook as the pages link it: its file (in the language's
    `handbook/` folder), its size as shown, and the page of each practice in it."""

    name: str
    size: str
    pages: dict = field(default_factory=dict)

    def href(self, practice_id: str | None = None) -> str:
        page = self.pages.get(f"practice-{practice_id}") if practice_id else None
        return f"handbook/{self.name}" + (f"#page={page}" if page else "")


@dataclass(frozen=True)
class Settings:
    """Site settings from mkdocs.yml (`extra.sskb`) and the environment."""

    site_name: str = "South-South CT/PVE knowledge base"
    site_url: str = ""
    repository: Optional[str] = None  # owner/name on GitHub, for edit and forum links
    branch: str = "main"
    forum_category: str = "expert-forum"
    today: Optional[date] = None  # the build's date, for "due for review"
    review_after_days: int = REVIEW_AFTER_DAYS
    editors_email: Optional[str] = None  # the private route (mkdocs.yml, extra.sskb.editors)
    licence_name: Optional[str] = None  # the content's licence (extra.sskb.licence)
    licence_url: Optional[str] = None
    handbook: Optional[HandbookLink] = None  # set once the language's PDF is printed
    offline: Optional[str] = None  # the offline edition's zip, when the build makes one
    search_parts: int = 1  # the parts of the language's search index (search_index.PART)

    def edit_url(self, kind: str, record_id: str) -> Optional[str]:
        if not self.repository:
            return None
        return (f"https://github.com/{self.repository}/edit/{self.branch}/"
                f"{BY_NAME[kind].source_file(record_id)}")

    def forum_url(self) -> Optional[str]:
        if not self.repository:
            return None
        return (f"https://github.com/{self.repository}/discussions/categories/"
                f"{self.forum_category}")


def build_date(epoch: str | None = None) -> date:
    """The build's date: from `epoch` or SOURCE_DATE_EPOCH (reproducible builds), else today."""
    epoch = epoch or os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch.isdigit() \
        else date.today()


def epoch_seconds(epoch: str | None, today: date) -> int:
    """The build's time in seconds, for the dates a PDF holds: `epoch` (the last commit's
    time, or SOURCE_DATE_EPOCH) when there is one, else the build day's start."""
    return int(epoch) if epoch and epoch.isdigit() else calendar.timegm(today.timetuple())


def settings(extra: dict, lang: str, today: date | None = None) -> Settings:
    """Page settings for one language from mkdocs.yml's `extra.sskb` and the environment."""
    return Settings(site_name=Translator(lang)("site_name"),
                    site_url=os.environ.get("SSKB_BASE_URL", ""),
                    repository=extra.get("repository") or None,
                    branch=extra.get("branch", "main"),
                    forum_category=extra.get("forum_category", "expert-forum"),
                    today=today or build_date(),
                    review_after_days=int(extra.get("review_after_days",
                                                    REVIEW_AFTER_DAYS)),
                    editors_email=(extra.get("editors") or {}).get("email") or None,
                    licence_name=(extra.get("licence") or {}).get("name") or None,
                    licence_url=(extra.get("licence") or {}).get("url") or None)
