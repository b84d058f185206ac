"""Warm builds (plugins/bilingual/engine/read_cache.py): after any sequence of edits, a build that
reuses what earlier builds read writes the same site as a cold build of the final content."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import FIXTURES, SERIES_SETTING, run_pelican

# Pagefind 1.5 writes its filter files in a different order on every run (docs/publishing.md).
UNSTABLE = (".pf_filter", ".pf_meta")


def site_files(output: Path) -> list[Path]:
    return sorted(
        p.relative_to(output)
        for p in output.rglob("*")
        if p.is_file() and p.suffix not in UNSTABLE and p.name != "pagefind-entry.json"
    )


def assert_same_site(first: Path, second: Path, extra_allowed: bool = False) -> None:
    files = site_files(first)
    if extra_allowed:
        assert set(files) <= set(site_files(second))
    else:
        assert files == site_files(second)
    _match, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert (mismatch, errors) == ([], [])


def set_field(path: Path, name: str, value: str | None) -> None:
    """Set (or, with None, remove) one metadata field of a Markdown post."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    lines = [line for line in head.splitlines() if not line.lower().startswith(name.lower() + ":")]
    if value is not None:
        lines.append(f"{name}: {value}")
    path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")


def edit(content: Path, kind: str, number: int) -> None:
    posts = sorted(content.glob("*.md"))
    post = posts[number % len(posts)]
    if kind == "body":
        post.write_text(post.read_text(encoding="utf-8") + f"\nMore text {number}.\n", "utf-8")
    elif kind == "title":
        set_field(post, "Title", f"Retitled {number} & <co>")
    elif kind == "date":
        set_field(post, "Date", f"2026-0{number % 3 + 2}-1{number % 9} 08:00")
    elif kind == "status":
        set_field(post, "Status", "draft" if number % 2 else None)
    elif kind == "series_index":
        set_field(post, "Series_index", str(number % 7 + 5))
    elif kind == "tags":
        set_field(post, "Tags", f"edited{number % 3}, build")
    elif kind == "delete" and len(posts) > 4:
        post.unlink()
    elif kind == "add":
        (content / f"added-{number}.en.md").write_text(
            f"Title: Added {number}\nDate: 2026-04-0{number % 9 + 1} 10:00\n\nNew post.\n",
            encoding="utf-8",
        )
    elif kind == "rename":
        stem, lang = post.name.split(".")[0], post.name.split(".")[1]
        post.rename(post.with_name(f"{stem}-renamed.{lang}.md"))
    elif kind == "touch":
        post.write_bytes(post.read_bytes())  # same bytes, a new modification time
    elif kind == "link":  # a link to another post: its URL shows on this post's page
        other = posts[(number + 1) % len(posts)]
        post.write_text(
            post.read_text(encoding="utf-8") + f"\nSee [the other]({{filename}}{other.name}).\n",
            "utf-8",
        )
    elif kind == "slug":
        set_field(post, "Slug", f"moved-{number}")
    elif kind == "translate":  # a translation added (or, when there is one, removed)
        stem, lang = post.name.split(".")[0], post.name.split(".")[1]
        other = post.with_name(f"{stem}.{'ko' if lang == 'en' else 'en'}.md")
        if other.exists():
            other.unlink()
        else:
            other.write_text(
                post.read_text(encoding="utf-8").replace("Title: ", "Title: 번역 ", 1), "utf-8"
            )
    # "nothing": the next build finds everything as the last one left it (up_to_date)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "body",
                "title",
                "date",
                "status",
                "series_index",
                "tags",
                "delete",
                "add",
                "rename",
                "touch",
                "link",
                "slug",
                "translate",
                "nothing",
            ]
        ),
        st.integers(min_value=0, max_value=40),
    ),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS, summary_length=st.sampled_from([None, "12"]))
def test_warm_builds_after_edits_write_what_a_cold_build_writes(tmp_path, edits, summary_length):
    work = tmp_path / f"run-{len(list(tmp_path.iterdir()))}"
    content, cache, warm_output = work / "content", work / "cache", work / "warm"
    shutil.copytree(FIXTURES / "series", content)
    # One output folder, as `invoke serve` keeps. Every post or page file the record
    # skips is rendered anyway and compared (the build stops if one differs).
    extra = ["-e", SERIES_SETTING, "BUILD_CHECK_SKIPPED_PAGES=true", f'CACHE_PATH="{cache}"']
    first = run_pelican(content, warm_output, *extra)
    assert first.returncode == 0, first.log
    for step, (kind, number) in enumerate(edits, start=1):
        edit(content, kind, number)
        if summary_length and step == len(edits):  # a setting changes too (not a reading one)
            extra = [*extra, f"SUMMARY_MAX_LENGTH={summary_length}"]
        warm = run_pelican(content, warm_output, *extra)
        assert "came out different" not in warm.log, warm.log
        if kind == "nothing" and warm.returncode == 0 and "SUMMARY_MAX_LENGTH" not in extra[-1]:
            assert "nothing changed since the build" in warm.log
    cold = run_pelican(content, work / "cold", *extra[:3], *extra[4:], "BUILD_READ_CACHE=false")
    assert cold.returncode == warm.returncode, (cold.log, warm.log)  # a bad edit fails alike
    if cold.returncode == 0:
        assert (cache / "bilingual-read-cache.pickle").is_file()
        # Pelican leaves the pages of deleted or renamed posts in a development build's
        # folder; every file a cold build writes must be there, with the same bytes.
        assert_same_site(work / "cold", warm_output, extra_allowed=True)


def test_a_changed_reading_setting_drops_what_was_kept(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(FIXTURES / "series", content)
    (content / "long.en.md").write_text(
        "Title: Long\nDate: 2026-03-09 10:00\n\n## A heading\n\nText with a note.[^1]\n\n"
        "[^1]: The note.\n",
        encoding="utf-8",
    )
    extra = ["-e", SERIES_SETTING, f'CACHE_PATH="{cache}"']
    first = run_pelican(content, tmp_path / "a", *extra)
    assert first.returncode == 0, first.log
    assert "heading-anchor" in (tmp_path / "a" / "posts" / "long" / "index.html").read_text()
    # Markdown output changes with its settings: no footnotes, no "#" heading links.
    plain = (
        'MARKDOWN={"extension_configs": {"markdown.extensions.toc": {}}, "output_format": "html5"}'
    )
    changed = run_pelican(content, tmp_path / "b", *extra, plain)
    cold = run_pelican(
        content, tmp_path / "c", "-e", SERIES_SETTING, plain, "BUILD_READ_CACHE=false"
    )
    assert changed.returncode == cold.returncode == 0, changed.log
    assert_same_site(tmp_path / "c", tmp_path / "b")
    assert "heading-anchor" not in (tmp_path / "b" / "posts" / "long" / "index.html").read_text()


def modification_times(output: Path) -> dict[Path, int]:
    """Every output file's modification time, but the search bundles' (Pagefind names
    its files by a hash of their contents: an edit gives new names)."""
    return {
        p: p.stat().st_mtime_ns
        for p in output.rglob("*")
        if p.is_file() and "pagefind" not in p.relative_to(output).parts
    }


def test_a_rebuild_rewrites_only_the_files_whose_bytes_change(tmp_path):
    content, output = tmp_path / "content", tmp_path / "out"
    shutil.copytree(FIXTURES / "series", content)
    post = content / "build-2.en.md"
    # A written summary: list pages show it, not the body's first words.
    set_field(post, "Summary", "The second episode.")
    extra = ["-e", SERIES_SETTING, f'CACHE_PATH="{tmp_path / "cache"}"']
    assert run_pelican(content, output, *extra).returncode == 0
    before = modification_times(output)
    post.write_text(post.read_text(encoding="utf-8") + "\nA sentence added later.\n", "utf-8")
    again = run_pelican(content, output, *extra)
    assert again.returncode == 0, again.log
    after = modification_times(output)
    assert set(after) == set(before)
    assert not list(output.rglob("*.writing"))
    changed = {p.relative_to(output).as_posix() for p in after if after[p] != before[p]}
    # The theme's static files are copied by Pelican on every build.
    changed = {n for n in changed if not n.startswith("theme/") or n == "theme/css/site.css"}
    assert changed == {"posts/build-2/index.html"}
    assert "A sentence added later." in (output / "posts/build-2/index.html").read_text()


def test_an_included_file_that_changes_shows_in_the_next_build(tmp_path):
    content = tmp_path / "content"
    (content / "inc").mkdir(parents=True)
    (content / "inc" / "snippet.txt").write_text("VERSION-ONE\n", encoding="utf-8")
    (content / "notes.en.rst").write_text(
        "Notes\n#####\n\n:date: 2026-03-01 10:00\n\nBefore.\n\n.. include:: inc/snippet.txt\n",
        encoding="utf-8",
    )
    extra = ["-e", f'CACHE_PATH="{tmp_path / "cache"}"', 'ARTICLE_EXCLUDES=["inc"]']
    assert run_pelican(content, tmp_path / "out", *extra).returncode == 0
    (content / "inc" / "snippet.txt").write_text("VERSION-TWO\n", encoding="utf-8")
    again = run_pelican(content, tmp_path / "out", *extra)
    assert again.returncode == 0, again.log
    page = (tmp_path / "out" / "posts" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "VERSION-TWO" in page and "VERSION-ONE" not in page


def test_a_language_with_its_own_markdown_settings_reads_with_them(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for lang in ("en", "ko"):
        (content / f"long.{lang}.md").write_text(
            f"Title: Long {lang}\nDate: 2026-03-01 10:00\nSlug: long\n\n## Heading\n\nText.\n",
            encoding="utf-8",
        )
    # The Korean site's own toc settings, without a permalink.
    korean = (
        'I18N_SUBSITES={"ko": {"MARKDOWN": {"output_format": "html5", '
        '"extension_configs": {"markdown.extensions.toc": {}}}}}'
    )
    for cache in ("true", "false"):
        out = tmp_path / f"out-{cache}"
        build = run_pelican(
            content,
            out,
            "-e",
            f"BUILD_READ_CACHE={cache}",
            f'CACHE_PATH="{tmp_path / "c"}"',
            korean,
        )
        assert build.returncode == 0, build.log
        english = (out / "posts" / "long" / "index.html").read_text(encoding="utf-8")
        hangul = (out / "ko" / "posts" / "long" / "index.html").read_text(encoding="utf-8")
        assert "heading-anchor" in english
        assert "heading-anchor" not in hangul  # no toc permalink in the Korean settings


def test_each_file_is_read_once_for_every_language(tmp_path):
    """The kept entries are one per source file: every language's site (and every
    generator in it) reused one reading, whatever the number of languages."""
    import pickle

    cache = tmp_path / "cache"
    build = run_pelican(
        FIXTURES / "series",
        tmp_path / "out",
        "-e",
        SERIES_SETTING,
        f'CACHE_PATH="{cache}"',
        'I18N_SUBSITES={"ko": {}, "ja": {}}',
    )
    assert build.returncode == 0, build.log
    with (cache / "bilingual-read-cache.pickle").open("rb") as handle:
        entries = pickle.load(handle)["entries"]
    sources = sorted(str(p) for p in (FIXTURES / "series").rglob("*.md"))
    assert sorted(path for _reader, path, _sha, _reading in entries) == sources


def test_compiled_templates_are_kept_until_a_template_or_the_environment_changes(tmp_path):
    content, cache, theme = tmp_path / "content", tmp_path / "cache", tmp_path / "theme"
    shutil.copytree(FIXTURES / "series", content)
    shutil.copytree(Path(__file__).resolve().parents[2] / "theme", theme)
    extra = ["-e", SERIES_SETTING, f'CACHE_PATH="{cache}"', f'THEME="{theme}"']
    assert run_pelican(content, tmp_path / "a", *extra).returncode == 0
    assert len(list((cache / "templates").glob("*.cache"))) > 10
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</body>", "<!-- edited base -->\n</body>"),
        encoding="utf-8",
    )
    edited = run_pelican(content, tmp_path / "b", *extra, "BUILD_RECORD=false")
    assert edited.returncode == 0, edited.log
    assert "<!-- edited base -->" in (tmp_path / "b" / "index.html").read_text(encoding="utf-8")
    # Other environment options compile differently: the kept code is not used.
    options = (
        'JINJA_ENVIRONMENT={"trim_blocks": false, "lstrip_blocks": false, "autoescape": true, '
        '"extensions": ["jinja2.ext.InternationalizationExtension"]}'
    )
    changed = run_pelican(content, tmp_path / "c", *extra, options)
    cold = run_pelican(
        content, tmp_path / "d", *extra[:2], extra[3], options, "BUILD_READ_CACHE=false"
    )
    assert changed.returncode == cold.returncode == 0, changed.log
    assert_same_site(tmp_path / "d", tmp_path / "c")


def test_what_a_reader_said_of_a_file_is_said_again_when_it_is_not_read_again(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "series", content)
    post = content / "build-2.en.md"
    head, _, body = post.read_text(encoding="utf-8").partition("\n\n")
    post.write_text(f"{head}\nStatus: published\nStatus: published\n\n{body}", encoding="utf-8")
    logs = []
    for _ in range(2):  # the second build takes the reader's output from the cache
        build = run_pelican(
            content,
            tmp_path / "out",
            "-e",
            SERIES_SETTING,
            f'CACHE_PATH="{tmp_path / "cache"}"',
            "BUILD_RECORD=false",
        )
        assert build.returncode == 0, build.log
        logs.append(build.log)
    for log in logs:
        assert log.count("Duplicate definition of `status`") == 1
