"""`pelican-bilingual-quickstart`: a new blog folder, ready for `invoke serve` and GitHub Pages.

As `pelican-quickstart` and `hugo new site` do, it writes a blog's files into a folder
that does not exist yet (or is empty):

- `pelicanconf.py` (site name, author, languages, time zone, `PLUGINS = ["bilingual"]`,
  the example series' names) and `publishconf.py` (`SITEURL` from the environment);
- `tasks.py` (the package's invoke tasks, two lines), `requirements.txt` naming the
  package, `.gitignore`;
- `.github/workflows/pages.yml`: install, restore the build cache, `invoke publish`,
  deploy to GitHub Pages (no test suite);
- `content/first-steps/hello.<lang>.md`: one post per language, a pair in a series.

It asks only what it cannot guess (site name, author, languages, time zone, URL) when
its input is a terminal, each with a default in brackets; `--yes` (or input that is not
a terminal) takes the defaults and the flags given. A bad answer (a language that is
not a language tag, an unknown time zone, a folder with files in it) stops it with a
message and exit status 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import datetime
import getpass
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from string import Template
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..subsites import language_tag_problem

DISTRIBUTION = "pelican-bilingual"
SERIES_ID = "first-steps"


class QuickstartError(Exception):
    """An answer or a folder the quickstart cannot use; the message says which and why."""


@dataclass(frozen=True)
class Answers:
    """What the new blog is: `langs` has the main language first; `url` may be ""."""

    sitename: str
    author: str
    langs: tuple[str, ...]
    timezone: str
    url: str
    requirement: str


@dataclass(frozen=True)
class Example:
    """The example post in one language; `text` has `{site}` and `{path}` to fill in."""

    series: str
    description: str
    title: str
    tag: str
    text: str


# The example post per language. Languages without an entry get the English one, to
# translate.
EXAMPLES = {
    "en": Example(
        "First Steps",
        "Where this blog starts.",
        "Hello, world",
        "blog",
        "This is the first post of *{site}*. It lives in `{path}`; its other versions sit "
        "beside it with the same name and another language, and the site links them to "
        "each other.\n\n"
        'Start the next one with `invoke new "A title" --series "First Steps"`, and '
        "watch the site change while you write with `invoke serve`.\n",
    ),
    "ko": Example(
        "첫걸음",
        "이 블로그가 시작하는 곳.",
        "첫 글",
        "블로그",
        "*{site}*의 첫 글입니다. 이 파일은 `{path}`에 있고, 다른 언어 버전은 같은 이름에 "
        "언어만 바꿔 바로 옆에 둡니다. 사이트가 서로를 연결해 줍니다.\n\n"
        '다음 글은 `invoke new "제목" --series "첫걸음"`으로 시작하고, 쓰는 동안 '
        "`invoke serve`로 사이트가 바뀌는 모습을 확인하세요.\n",
    ),
}


def guess_timezone(environ: Mapping[str, str], localtime: Path = Path("/etc/localtime")) -> str:
    """The machine's IANA time zone name (`TZ`, else the `/etc/localtime` link), or "UTC"."""
    candidates = [environ.get("TZ", "").lstrip(":")]
    try:
        target = os.readlink(localtime)
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in candidates:
        if name and valid_timezone(name):
            return name
    return "UTC"


def valid_timezone(name: str) -> bool:
    """Whether `name` is an IANA time zone this Python knows (`Asia/Seoul`)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def guess_author(run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> str:
    """The author's name from git's `user.name`, else the login name."""
    try:
        name = run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        name = ""
    return name or getpass.getuser()


def default_requirement() -> tuple[str, str | None]:
    """(the requirements.txt line for the installed package, a note for the writer or None).

    Installed from a git URL: that URL at its commit (PEP 610 `direct_url.json`). Else
    the installed version (`pelican-bilingual==0.1.0`), with a note when the package
    came from a folder or a file on this machine, which the deploy workflow cannot reach.
    """
    dist = metadata.distribution(DISTRIBUTION)
    pinned = f"{DISTRIBUTION}=={dist.version}"
    direct = dist.read_text("direct_url.json")
    if not direct:
        return pinned, None
    info = json.loads(direct)
    vcs = info.get("vcs_info")
    if vcs and vcs.get("vcs") == "git":
        return f"{DISTRIBUTION} @ git+{info['url']}@{vcs['commit_id']}", None
    if info.get("url", "").startswith("file:"):
        return pinned, (
            f"requirements.txt names {pinned}, but this one was installed from "
            f"{info['url']}: the deploy workflow installs it only from an index or a URL. "
            "Run again with --requirement 'pelican-bilingual @ git+https://…@<tag>', or "
            "edit that line."
        )
    return pinned, None


def check(answers: Answers) -> None:
    """Raise QuickstartError naming the first answer that cannot be used."""
    if not answers.sitename.strip():
        raise QuickstartError("the site name is empty")
    if not answers.langs:
        raise QuickstartError("give at least one language (--lang en)")
    for lang in answers.langs:
        problem = language_tag_problem(lang)
        if problem:
            raise QuickstartError(f"--lang: {problem}")
    lowered = [lang.lower() for lang in answers.langs]
    if len(set(lowered)) != len(lowered):
        raise QuickstartError(f"--lang: a language is given twice ({', '.join(answers.langs)})")
    if not valid_timezone(answers.timezone):
        raise QuickstartError(
            f"--timezone: '{answers.timezone}' is not an IANA time zone (e.g. Asia/Seoul, UTC)"
        )
    if answers.url and not re.match(r"https?://[^/\s]+(/\S*)?$", answers.url):
        raise QuickstartError(f"--url: '{answers.url}' is not an http(s) address")


def literal(value, indent: int = 0) -> str:
    """`value` (a str, a dict of those, another literal) as Python source.

    Dicts have one key per line, indented from `indent` spaces; Unicode is kept as typed.
    """
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict) and value:
        pad = " " * indent
        items = [
            f"{pad}    {literal(key)}: {literal(item, indent + 4)}," for key, item in value.items()
        ]
        return "\n".join(["{", *items, pad + "}"])
    return repr(value)


def example(lang: str) -> Example:
    """The example post in `lang` (English for a language without its own)."""
    return EXAMPLES.get(lang.split("-")[0].lower(), EXAMPLES["en"])


def files(answers: Answers, now: datetime.datetime) -> dict[str, str]:
    """{path in the new folder: its text} for `answers`; `now` is aware (the post's date)."""
    main, others = answers.langs[0], answers.langs[1:]
    series = {
        SERIES_ID: {
            "name": {lang: example(lang).series for lang in answers.langs},
            "description": {lang: example(lang).description for lang in answers.langs},
        }
    }
    values = {
        "sitename": answers.sitename,
        "sitename_literal": literal(answers.sitename),
        "author": literal(answers.author),
        "timezone": literal(answers.timezone),
        "main_lang": literal(main),
        "subsites": literal({lang: {"SITENAME": answers.sitename} for lang in others}),
        "series": literal(series),
        "siteurl": literal(answers.url.rstrip("/")),
        "requirement": answers.requirement,
    }
    source = resources.files(__package__) / "files"
    out = {
        target: Template((source / name).read_text(encoding="utf-8")).substitute(values)
        for target, name in (
            ("pelicanconf.py", "pelicanconf.py.in"),
            ("publishconf.py", "publishconf.py.in"),
            ("tasks.py", "tasks.py.in"),
            ("requirements.txt", "requirements.txt.in"),
            (".gitignore", "gitignore.in"),
        )
    }
    out[".github/workflows/pages.yml"] = (source / "pages.yml").read_text(encoding="utf-8")
    date = now.strftime("%Y-%m-%d %H:%M")
    for lang in answers.langs:
        post = example(lang)
        path = f"content/{SERIES_ID}/hello.{lang}.md"
        out[path] = (
            f"Title: {post.title}\nDate: {date}\nSeries: {post.series}\nSeries_index: 1\n"
            f"Tags: {post.tag}\n\n" + post.text.format(site=answers.sitename, path=path)
        )
    return out


def write(folder: Path, contents: Mapping[str, str]) -> list[Path]:
    """Write `contents` under `folder` (created); the paths written, in order.

    Raises QuickstartError when `folder` is a file or holds anything already.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise QuickstartError(f"{folder} already exists and is not empty: give a new folder's name")
    written = []
    for relative, text in contents.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def ask(question: str, default: str, reader: Callable[[str], str]) -> str:
    """The answer to `question`, or `default` for an empty one."""
    answer = reader(f"{question} [{default}]: " if default else f"{question}: ").strip()
    return answer or default


def parser() -> argparse.ArgumentParser:
    """The command line: a folder and the answers as flags."""
    cli = argparse.ArgumentParser(
        prog="pelican-bilingual-quickstart",
        description="Write a new bilingual Pelican blog into FOLDER (asks what it cannot guess).",
    )
    cli.add_argument("folder", help="the new blog's folder (must not exist, or be empty)")
    cli.add_argument("--name", help="the site's name (default: from the folder's name)")
    cli.add_argument("--author", help="the author (default: git's user.name)")
    cli.add_argument(
        "--lang",
        action="append",
        help="a language tag; the first is the main language at / (default: --lang en --lang ko)",
    )
    cli.add_argument("--timezone", help="an IANA time zone (default: this machine's)")
    cli.add_argument("--url", help="the published address, e.g. https://you.github.io/blog")
    cli.add_argument(
        "--requirement",
        help=f"the requirements.txt line for the bundle (default: the installed {DISTRIBUTION})",
    )
    cli.add_argument("-y", "--yes", action="store_true", help="ask nothing: take the defaults")
    return cli


def answers_from(
    options: argparse.Namespace,
    interactive: bool,
    reader: Callable[[str], str] = input,
    environ: Mapping[str, str] = os.environ,
) -> Answers:
    """The answers: flags first, then questions (when `interactive`), then guesses."""
    folder = Path(options.folder)
    guessed = {
        "name": options.name or folder.name.replace("-", " ").replace("_", " ").title(),
        "author": options.author or guess_author(),
        "lang": " ".join(options.lang or ["en", "ko"]),
        "timezone": options.timezone or guess_timezone(environ),
        "url": options.url or "",
    }
    if interactive:
        questions = (
            ("name", "Site name", options.name),
            ("author", "Author", options.author),
            ("lang", "Languages, the main one first", options.lang),
            ("timezone", "Time zone", options.timezone),
            ("url", "Published address (empty: decide later)", options.url),
        )
        for key, question, given in questions:
            if given is None:
                guessed[key] = ask(question, guessed[key], reader)
    return Answers(
        sitename=guessed["name"],
        author=guessed["author"],
        langs=tuple(guessed["lang"].replace(",", " ").split()),
        timezone=guessed["timezone"],
        url=guessed["url"],
        requirement=options.requirement or default_requirement()[0],
    )


def main(argv: Sequence[str] | None = None) -> int:
    """The console script; 0 when the blog was written, 2 on a bad answer or folder."""
    options = parser().parse_args(argv)
    interactive = not options.yes and sys.stdin.isatty()
    try:
        answers = answers_from(options, interactive)
        check(answers)
        now = datetime.datetime.now(ZoneInfo(answers.timezone)).replace(second=0, microsecond=0)
        folder = Path(options.folder)
        written = write(folder, files(answers, now))
    except QuickstartError as problem:
        print(f"pelican-bilingual-quickstart: {problem}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print("\npelican-bilingual-quickstart: stopped; nothing written", file=sys.stderr)
        return 2
    note = None if options.requirement else default_requirement()[1]
    print(f"Wrote {len(written)} files into {folder}/:")
    for path in written:
        print(f"  {path.relative_to(folder)}")
    print(
        f"\nNext:\n  cd {folder}\n  python -m pip install -r requirements.txt\n  invoke serve"
        "        # http://127.0.0.1:8000/, rebuilt as you save\n"
        f'  invoke new "A title" --series "{example(answers.langs[0]).series}"\n'
        "Publish: push the folder to a GitHub repository and set Settings → Pages → Source:"
        " GitHub Actions."
    )
    if note:
        print(f"\nNote: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
