"""The benchmark corpus as a Hugo site: the same posts, two languages, minimal layouts.

Hugo reads `post-00001.en.md` / `.ko.md` as one page in two languages when both are
configured, like the bundle's `<slug>.<lang>.md`. The layouts list and show posts the
simplest way; the comparison is of reading, rendering and writing the same content.
"""

from __future__ import annotations

import re
from pathlib import Path

CONFIG = """baseURL = "https://example.org/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = false
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[languages.en]
weight = 1
[languages.ko]
weight = 2
[taxonomies]
tag = "tags"
series = "series"
"""
LAYOUTS = {
    "_default/baseof.html": (
        '<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">'
        '<title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n'
    ),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}'
        '{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Language.Lang }}</a>{{ end }}'
        "</article>{{ end }}\n"
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>'
        "{{ end }}</ul>{{ end }}\n"
    ),
}
FIELD = re.compile(r"^([A-Za-z_]+):\s*(.*)$")


def front_matter(fields: dict[str, str]) -> str:
    """YAML front matter for Hugo from Pelican's metadata fields."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["---", f"title: {quoted(fields.get('title', ''))}"]
    lines.append(f"date: {fields.get('date', '2024-01-01').replace(' ', 'T')}:00+09:00")
    if fields.get("tags"):
        tags = ", ".join(quoted(tag.strip()) for tag in fields["tags"].split(","))
        lines.append(f"tags: [{tags}]")
    if fields.get("series"):
        lines.append(f"series: [{quoted(fields['series'])}]")
    if fields.get("summary"):
        lines.append(f"summary: {quoted(fields['summary'])}")
    return "\n".join([*lines, "---", ""])


def write_hugo_site(pelican_content: Path, root: Path) -> Path:
    """Write a Hugo site under `root` holding every post of `pelican_content`."""
    (root / "content" / "posts").mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = root / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for source in sorted(pelican_content.glob("*.md")):
        head, _sep, body = source.read_text(encoding="utf-8").partition("\n\n")
        fields = {m.group(1).lower(): m.group(2) for m in map(FIELD.match, head.splitlines()) if m}
        target = root / "content" / "posts" / source.name
        target.write_text(front_matter(fields) + body, encoding="utf-8")
    return root
