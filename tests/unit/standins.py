"""Small stand-ins for Pelican content objects, for unit tests of pure functions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Post:
    slug: str
    lang: str
    source_path: str = ""
    status: str = "published"
    title: str = "t"
    url: str = ""
    tags: list = field(default_factory=list)

    def __post_init__(self):
        self.source_path = self.source_path or f"content/{self.slug}.{self.lang}.md"
        self.url = self.url or f"posts/{self.slug}/"


@dataclass(frozen=True)
class Tag:
    """A tag as Pelican gives it: its slug (and its name as its text)."""

    slug: str

    def __str__(self) -> str:
        return self.slug
