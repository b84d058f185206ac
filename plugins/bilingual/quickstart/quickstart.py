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
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..subsites import language_tag_problem
from .blog_files import (
    DISTRIBUTION,
    EXAMPLES,
    Answers,
    QuickstartError,
    default_requirement,
    example,
    files,
    vendor_wheel,
    write,
)


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


def name_problem(value: str) -> str | None:
    """Why `value` cannot be the site's name, or None."""
    return None if value.strip() else "the site name is empty"


def langs_problem(value: str) -> str | None:
    """Why `value` ("en ko", "en,ko") cannot be the site's languages, or None."""
    langs = value.replace(",", " ").split()
    if not langs:
        return "give at least one language (--lang en)"
    for lang in langs:
        problem = language_tag_problem(lang)
        if problem:
            return problem
    if len({lang.lower() for lang in langs}) != len(langs):
        return f"a language is given twice ({', '.join(langs)})"
    return None


def timezone_problem(value: str) -> str | None:
    """Why `value` is not a time zone, or None."""
    if valid_timezone(value):
        return None
    return f"'{value}' is not an IANA time zone (e.g. Asia/Seoul, UTC)"


def url_problem(value: str) -> str | None:
    """Why `value` is not a site address (empty is fine: decided later), or None."""
    if not value or re.match(r"https?://[^/\s]+(/\S*)?$", value):
        return None
    return f"'{value}' is not an http(s) address"


# Each answer: (flag, question, its check).
QUESTIONS = (
    ("name", "Site name", name_problem),
    ("author", "Author", lambda value: None),
    ("lang", "Languages, the main one first", langs_problem),
    ("timezone", "Time zone", timezone_problem),
    ("url", "Published address (empty: decide later)", url_problem),
)


def check(answers: Answers) -> None:
    """Raise QuickstartError naming the first answer that cannot be used."""
    values = {
        "name": answers.sitename,
        "author": answers.author,
        "lang": " ".join(answers.langs),
        "timezone": answers.timezone,
        "url": answers.url,
    }
    for flag, _, problem_of in QUESTIONS:
        problem = problem_of(values[flag])
        if problem:
            raise QuickstartError(f"--{flag}: {problem}" if flag != "name" else problem)


def ask(question: str, default: str, reader: Callable[[str], str], problem_of=None) -> str:
    """The answer to `question`, `default` for an empty one.

    Asked again while `problem_of(answer)` names a problem (printed first).
    """
    while True:
        answer = reader(f"{question} [{default}]: " if default else f"{question}: ").strip()
        answer = answer or default
        problem = problem_of(answer) if problem_of else None
        if problem is None:
            return answer
        print(f"  {problem}")


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
        "--name-in",
        action="append",
        metavar="LANG=NAME",
        help="the site's name in another language (default: the same name), e.g. ko=물때표",
    )
    cli.add_argument(
        "--requirement",
        help=f"the requirements.txt line for the bundle (default: the installed {DISTRIBUTION})",
    )
    cli.add_argument("-y", "--yes", action="store_true", help="ask nothing: take the defaults")
    return cli


def names_given(pairs) -> dict[str, str]:
    """{lang: name} from `--name-in LANG=NAME` values; QuickstartError on another shape."""
    names = {}
    for pair in pairs or ():
        lang, sep, name = pair.partition("=")
        if not sep or not lang.strip() or not name.strip():
            raise QuickstartError(f"--name-in: '{pair}' is not LANG=NAME (ko=물때표)")
        names[lang.strip()] = name.strip()
    return names


def answers_from(
    options: argparse.Namespace,
    interactive: bool,
    reader: Callable[[str], str] = input,
    environ: Mapping[str, str] = os.environ,
) -> Answers:
    """The answers: flags first, then questions (when `interactive`), then guesses.

    A question is asked again until its answer passes its check; a flag's value is
    checked later, by `check`.
    """
    folder = Path(options.folder)
    answers = {
        "name": options.name or folder.name.replace("-", " ").replace("_", " ").title(),
        "author": options.author or guess_author(),
        "lang": " ".join(options.lang or ["en", "ko"]),
        "timezone": options.timezone or guess_timezone(environ),
        "url": options.url or "",
    }
    names = names_given(options.name_in)
    if interactive:
        for flag, question, problem_of in QUESTIONS:
            if getattr(options, flag) is None:
                answers[flag] = ask(question, answers[flag], reader, problem_of)
        for lang in answers["lang"].replace(",", " ").split()[1:]:
            if lang not in names:
                names[lang] = ask(f"Site name in {lang}", answers["name"], reader, name_problem)
    return Answers(
        sitename=answers["name"],
        author=answers["author"],
        langs=tuple(answers["lang"].replace(",", " ").split()),
        timezone=answers["timezone"],
        url=answers["url"],
        requirement=options.requirement or default_requirement()[0],
        names=tuple(names.items()),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """The console script; 0 when the blog was written, 2 on a bad answer or folder."""
    options = parser().parse_args(argv)
    interactive = not options.yes and sys.stdin.isatty()
    folder = Path(options.folder)
    try:
        answers = answers_from(options, interactive)
        check(answers)
        local = None if options.requirement else default_requirement()[1]
        now = datetime.datetime.now(ZoneInfo(answers.timezone)).replace(second=0, microsecond=0)
        written = write(folder, files(answers, now))
        if local is not None:
            # Installed from this machine: the blog keeps the wheel, so a deploy can install it.
            line = vendor_wheel(local, folder)
            vendored = files(replace(answers, requirement=line), now)["requirements.txt"]
            (folder / "requirements.txt").write_text(vendored, encoding="utf-8")
            written.append(folder / line)
    except QuickstartError as problem:
        print(f"pelican-bilingual-quickstart: {problem}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print("\npelican-bilingual-quickstart: stopped; nothing written", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} files into {folder}/:")
    for path in written:
        print(f"  {path.relative_to(folder)}")
    if local is not None:
        say(
            f"The package came from {local}, which a deploy cannot reach: the blog keeps "
            "its wheel in vendor/ and requirements.txt installs it from there (commit both)."
        )
    language_notes(answers.langs)
    print(
        f"\nNext:\n  cd {folder}\n  python -m pip install -r requirements.txt\n  invoke serve"
        "        # http://127.0.0.1:8000/, rebuilt as you save\n"
        f'  invoke new "A title" --series "{example(answers.langs[0]).series}"'
    )
    say(
        "Publish: push the folder to a GitHub repository and set Settings → Pages → Source: "
        "GitHub Actions."
    )
    return 0


def language_notes(langs) -> None:
    """Say which languages got the English example post, and which lack UI text."""
    untranslated = [lang for lang in langs if example(lang) is EXAMPLES["en"]]
    untranslated = [lang for lang in untranslated if not lang.lower().startswith("en")]
    if untranslated:
        say(
            f"The example post in {', '.join(untranslated)} is in English: translate it "
            "(its file names end in the language)."
        )
    no_ui = [lang for lang in langs if not has_ui_catalog(lang)]
    if no_ui:
        say(
            'The theme\'s buttons and labels ("Recent posts", "Search") come in English, '
            "Korean, Japanese, Spanish and Chinese; pages in "
            f"{', '.join(no_ui)} show them in English, and each build warns, until you add a "
            "catalog of your own: BILINGUAL_LOCALEDIR in the settings reference "
            "(docs/settings.md)."
        )


def has_ui_catalog(lang: str) -> bool:
    """Whether the bundle's theme has UI text in `lang` (or in its language's catalog)."""
    from .. import THEME_PATH
    from ..localization.l10n import catalog_names

    folder = THEME_PATH / "translations"
    if lang.replace("_", "-").split("-")[0].lower() == "en":
        return True
    return any(
        (folder / name / "LC_MESSAGES" / "messages.po").is_file() for name in catalog_names(lang)
    )


def say(paragraph: str, width: int = 78) -> None:
    """Print `paragraph` after a blank line, wrapped for an 80-column terminal."""
    print("\n" + textwrap.fill(paragraph, width, break_on_hyphens=False, break_long_words=False))


if __name__ == "__main__":
    sys.exit(main())
