"""The writing tasks: `invoke new` starts a post, `invoke translate` its missing versions.

File names follow the build's own rule (`subsites.filename_pattern`: Pelican's date
prefix, then `<slug>.<lang>`, or the writer's `BILINGUAL_FILENAME_PATTERN` /
`FILENAME_METADATA`); series names resolve as the series plugin resolves them.
Metadata fields are copied as typed (Markdown `Key: value`, reStructuredText `:key:`).
"""

from __future__ import annotations

import datetime
import difflib
import functools
import itertools
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task

from ..core.romanize import slug_source
from ..subsites import filename_pattern
from .project import Project

# A metadata line of a Markdown post (`Key: value`) or of a reStructuredText one (`:key: v`).
MD_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
RST_FIELD = re.compile(r"^:([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")


def name_parts(stem: str, settings) -> tuple[str | None, str, str, str | None]:
    """(language, text before it, text after it, slug) of a file name without extension.

    As the build reads the name (`filename_pattern(settings)`):
    `2026-04-19-seed-trays.ko` gives ("ko", "2026-04-19-seed-trays.", "", "seed-trays");
    a name without a language gives (None, "<stem>.", "", the pattern's slug or None), so
    `before + lang + after` names any language's version.
    """
    match = re.match(filename_pattern(settings), stem)
    found = match.groupdict() if match else {}
    if not found.get("lang"):
        return None, f"{stem}.", "", found.get("slug")
    start, end = match.span("lang")
    slug = found.get("slug")
    if slug and slug.endswith(f".{found['lang']}"):  # the writer's own slug group
        slug = slug[: -len(found["lang"]) - 1]
    return found["lang"], stem[:start], stem[end:], slug


def front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """(fields, the text after it) of a post that starts with YAML front matter, else None.

    As pelican-yaml-metadata finds it (`---` lines around YAML fields); a list becomes
    its items joined by ", " (`tags: [a, b]` -> "a, b"), as Pelican's `Tags:` line has it.
    """
    import yaml
    from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE

    found = HEADER_RE.fullmatch(text)
    if found is None:
        return None
    try:
        fields = yaml.safe_load(found.group("metadata"))
    except yaml.YAMLError:
        return None
    if not isinstance(fields, dict):
        return None
    typed = {
        str(key).lower(): ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        for key, value in fields.items()
        if value is not None
    }
    return typed, found.group("content").lstrip("\n")


def read_fields(path: Path) -> dict[str, str]:
    """A post's metadata fields as typed (lowercased keys), Markdown, YAML or rst; no Pelican."""
    fields: dict[str, str] = {}
    text = path.read_text(encoding="utf-8-sig")
    yaml_fields = front_matter(text) if path.suffix != ".rst" else None
    if yaml_fields is not None:
        return yaml_fields[0]
    pattern = RST_FIELD if path.suffix == ".rst" else MD_FIELD
    for number, line in enumerate(text.splitlines()):
        match = pattern.match(line)
        if match:
            fields.setdefault(match.group(1).lower(), match.group(2).strip())
        elif path.suffix != ".rst" and (not line.strip() or number == 0):
            break
    return fields


def next_series_index(posts, series_id: str, subseries: str | None, resolve) -> int:
    """The number after the highest `Series_index` of a (sub-)series in any language.

    `posts` is [(path, fields)]; `resolve(name)` gives a `Series:` name's id.
    """
    numbers = [
        int(fields["series_index"])
        for _path, fields in posts
        if fields.get("series")
        and resolve(fields["series"]) == series_id
        and (fields.get("subseries") or None) == subseries
        and fields.get("series_index", "").isdigit()
    ]
    return max(numbers, default=0) + 1


def known_series(posts, configs: dict, resolve) -> dict[str, set[str]]:
    """{series id: the names it goes by} of the `SERIES` entries and the posts' series.

    `posts` is [(path, fields)]; `resolve(name)` gives a `Series:` name's id. The names
    are the id, every language's name and alias in `SERIES`, and the names posts type.
    """
    known: dict[str, set[str]] = {}
    for series_id, config in configs.items():
        known[series_id] = {series_id, *config.names.values(), *config.aliases}
    for _path, fields in posts:
        if fields.get("series"):
            known.setdefault(resolve(fields["series"]), set()).add(fields["series"])
    return known


def post_text(fields: dict[str, str], body: str) -> str:
    """A Markdown post: the metadata block in `fields`' order, a blank line, the body."""
    head = "\n".join(f"{key}: {value}" for key, value in fields.items() if value)
    return f"{head}\n\n{body.rstrip()}\n"


def content_posts(content: Path) -> list:
    """[(path, fields)] of every Markdown and rst file under `content`."""
    return [
        (path, read_fields(path))
        for path in sorted(content.rglob("*"))
        if path.suffix in (".md", ".rst") and path.is_file()
    ]


def place_in_series(content: Path, series: str, subseries, new_series: bool, configs, resolve):
    """(series id, next episode number) of a new post in `series` (`invoke new`).

    `configs`: the normalized `SERIES`; `resolve(name)` gives a series name's id
    (`SERIES` names and aliases, else its slug). Raises invoke's `Exit` for a series no
    post or entry has yet unless `new_series`, naming close matches, so that a typo does
    not start a second series.
    """
    series_id = resolve(series)
    posts = content_posts(content)
    known = known_series(posts, configs, resolve)
    if series_id not in known and not new_series:
        names = sorted({name for names in known.values() for name in names})
        close = difflib.get_close_matches(series, names, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(repr(name) for name in close)}? " if close else ""
        raise Exit(
            f"new: no series is named {series!r} yet; {hint}to start a new series, "
            "add --new-series",
            code=1,
        )
    return series_id, next_series_index(posts, series_id, subseries, resolve)


@task(
    help={
        "series": "the series the post belongs to (a name, alias or id from SERIES)",
        "subseries": "its sub-series (KAL, PID, ...)",
        "lang": "write this language only (default: every language)",
        "slug": "the slug (default: from the title)",
        "content": "the content folder (default: PATH in pelicanconf.py)",
        "new_series": "start a series no post or SERIES entry has yet (a typo is refused)",
    }
)
def new(
    c, title, series=None, subseries=None, lang=None, slug=None, content=None, new_series=False
):
    """Start a post: a draft per language, next in its series."""
    from pelican.utils import slugify

    from ..series_threads.grouping import normalize_config, resolve_series_id

    project = Project.of(c)
    settings = project.settings()
    langs = project.langs(settings)
    if lang and lang not in langs:
        raise Exit(f"new: --lang {lang} is not one of the site's languages ({', '.join(langs)})")
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])

    def slug_of(name):  # a Hangul name gives the Revised Romanization (`SLUGIFY_HANGUL`)
        return slugify(slug_source(name, settings), regex_subs=subs)

    slug = slug or slug_of(title)
    if not slug:
        raise Exit(f"new: the title {title!r} has no letters to make a slug of; give --slug")
    content = Path(content or settings["PATH"]).resolve()
    configs = normalize_config(settings.get("SERIES"))
    fields = {"Title": title, "Date": "", "Slug": "", "Tags": ""}
    folder = content
    if series:
        resolve = functools.partial(resolve_series_id, configs=configs, slugify=slug_of)
        series_id, index = place_in_series(content, series, subseries, new_series, configs, resolve)
        folder = content / series_id
        fields.update(Series="", Subseries=subseries or "", Series_index=str(index))
    now = datetime.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    written = []
    for each in [lang] if lang else langs:
        path = folder / f"{slug}.{each}.md"
        if path.exists():
            raise Exit(f"new: {project.shown(path)} exists; nothing was written", code=1)
        name = series
        if series and series_id in configs:
            name = configs[series_id].name(each, series)
        post = {**fields, "Date": f"{now:%Y-%m-%d %H:%M}", "Series": name or ""}
        written.append((path, post_text({**post, "Status": "draft"}, "")))
    for path, text in written:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {project.shown(path)}")


def in_language(fields: dict[str, str], target: str, settings) -> dict[str, str]:
    """`fields` with `series` named as `SERIES` names it in `target` (as `invoke new` does).

    `Series: Greenhouse Build` translated into Korean becomes `온실 개발기` when `SERIES`
    has that name; a series without one keeps the name as typed.
    """
    from pelican.utils import slugify

    from ..series_threads.grouping import normalize_config, resolve_series_id

    if not fields.get("series"):
        return fields
    configs = normalize_config(settings.get("SERIES"))
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    series_id = resolve_series_id(
        fields["series"], configs, lambda n: slugify(slug_source(n, settings), regex_subs=subs)
    )
    if series_id not in configs:
        return fields
    return {**fields, "series": configs[series_id].name(target, fields["series"])}


SHARED_FIELDS = ("date", "slug", "tags", "category", "series", "subseries", "series_index")


RST_UNDERLINE = re.compile(r"^([#=\-~^*+`'\"])\1{2,}\s*$")


def rst_title(lines: list[str]) -> str:
    """A reStructuredText post's title: its first underlined heading, else ""."""
    return next(
        (line for line, under in itertools.pairwise(lines) if RST_UNDERLINE.match(under)),
        "",
    )


def translate_rst(
    source: Path,
    stem: str,
    source_lang: str,
    targets: list[str],
    project: Project,
    name,
    settings,
) -> None:
    """`invoke translate` for a reStructuredText post: the same format, fields as `:key:`.

    `stem` is the post's slug; `name(lang)` the file name of that language's version;
    `settings`: the blog's (the series' name in each language).
    """
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    title = rst_title(lines)
    fields = read_fields(source)
    body_start = max(
        (number + 1 for number, line in enumerate(lines) if RST_FIELD.match(line)), default=0
    )
    for target in targets:
        path = source.with_name(name(target))
        if path.exists():
            print(f"{path.name} exists; left as it is")
            continue
        own = in_language(fields, target, settings)
        shared = [f":{key}: {own[key]}" for key in SHARED_FIELDS if own.get(key)]
        shared += [] if fields.get("slug") else [f":slug: {stem}"]
        text = "\n".join(
            [
                title,
                "#" * max(len(title), 3),
                "",
                *shared,
                f":lang: {target}",
                ":status: draft",
                ":translation: true",
                "",
                f".. Translate this post from {project.shown(source)} ({source_lang}) "
                f"into {target},",
                "   then delete this comment and set the status.",
                "",
                *lines[body_start:],
            ]
        )
        path.write_text(text.rstrip() + "\n", encoding="utf-8")
        print(f"wrote {project.shown(path)}")


@task(help={"lang": "the language to translate into (default: every missing one)"})
def translate(c, path, lang=None):
    """Start the missing translation of a post, as a draft."""
    from pelican.utils import slugify

    source = Path(path).resolve()
    if not source.is_file():
        raise Exit(f"translate: {path} does not exist", code=1)
    project = Project.of(c)
    settings = project.settings()
    langs = project.langs(settings)
    named_lang, before, after, named_slug = name_parts(source.stem, settings)
    fields = read_fields(source)
    source_lang = fields.get("lang") or named_lang or langs[0]
    # The source's slug as Pelican gives it: `Slug:`, the file name's, else from the title
    # (a reStructuredText title is the document's first heading).
    title = fields.get("title", "")
    if source.suffix == ".rst" and not title:
        title = rst_title(source.read_text(encoding="utf-8-sig").splitlines())
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    stem = fields.get("slug") or named_slug or slugify(title, regex_subs=subs)

    def name(target: str) -> str:
        return f"{before}{target}{after}{source.suffix}"

    targets = [lang] if lang else [x for x in langs if x != source_lang]
    if source.suffix == ".rst":
        translate_rst(source, stem, source_lang, targets, project, name, settings)
        return
    text = source.read_text(encoding="utf-8-sig")
    yaml_fields = front_matter(text)
    # The text after the metadata: after the front matter, or after the first blank line.
    body = ["", yaml_fields[1]] if yaml_fields else text.split("\n\n", 1)
    written = 0
    for target in targets:
        path = source.with_name(name(target))
        if path.exists():
            print(f"{path.name} exists; left as it is")
            continue
        own = in_language(fields, target, settings)
        shared = {k.capitalize(): own[k] for k in SHARED_FIELDS if own.get(k)}
        shared.setdefault("Slug", stem)
        post = {
            "Title": fields.get("title", ""),
            **shared,
            "Status": "draft",
            "Translation": "true",
        }
        text = (
            f"<!-- Translate this post from {project.shown(source)} ({source_lang}) into {target}, "
            "then delete this line and set the Status. -->\n\n" + (body[1] if len(body) > 1 else "")
        )
        path.write_text(post_text(post, text), encoding="utf-8")
        written += 1
        print(f"wrote {project.shown(path)}")
    if not written:
        print("nothing to translate: every language has this post")
