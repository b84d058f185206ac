r"""The formula engine: Temml (LaTeX to MathML, https://temml.org) run by QuickJS.

Temml is KaTeX's parser made to write MathML alone; it reads the LaTeX KaTeX reads
(https://temml.org/docs/en/supported). It runs inside the build's own process in
QuickJS (PyPI `quickjs-ng`, abi3 wheels for Linux, macOS and Windows on x86-64 and
ARM): no Node.js, nothing downloaded. Temml is not published on PyPI, so
`vendor/temml.min.js` is its npm release as published (version `TEMML_VERSION`,
`dist/temml.min.js`; MIT, `vendor/LICENSE-temml`), and the theme's
`css/components/math_temml.css` its stylesheet. To update: `npm pack temml@<version>`,
copy both files, set `TEMML_VERSION`, run `tests/unit/test_math_coverage.py`.

Chosen by coverage, measured on `tests/fixtures/math-coverage/commands.tsv` (595
commands and environments from KaTeX's support table, each in a formula): Temml 595;
KaTeX (QuickJS, or PyPI `pykatex`, which has no ARM Linux or Python 3.14 wheels) 595,
but its MathML alone does not draw boxes, colour boxes or `\cancel`; latex2mathml 3.81
590 through the plugin's checks, of which 28 were drawn wrong (`aligned` on one line,
`\big\{` as text) and 32 set badly; pandoc's texmath 521. Speed: 0.15 ms a formula,
0.03 s to load Temml once per build.
"""

from __future__ import annotations

from pathlib import Path

import quickjs

TEMML_VERSION = "0.13.5"
TEMML = Path(__file__).resolve().parent / "vendor" / "temml.min.js"
# `.slice(0)`: QuickJS-NG hands Python a plain string, not a rope it cannot convert.
RENDER = """
function bilingualRender(latex, display) {
  return temml.renderToString(latex, { displayMode: display, throwOnError: true }).slice(0);
}
"""


class FormulaError(ValueError):
    """LaTeX Temml cannot read; the message is Temml's own first line."""


class Temml:
    """Temml loaded once into a QuickJS context; `convert` renders one formula."""

    def __init__(self):
        """Load Temml (about 0.03 s)."""
        self.context = quickjs.Context()
        self.context.eval(TEMML.read_text(encoding="utf-8"))
        self.context.eval(RENDER)
        self.render = self.context.get("bilingualRender")

    def convert(self, latex: str, display: bool) -> str:
        r"""`<math>…</math>` for `latex`, a block formula when `display`.

        Raises `FormulaError` with Temml's message (`Unexpected end of input…`,
        `Unsupported function name: \foo`).
        """
        try:
            return self.render(latex, display)
        except quickjs.JSException as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "cannot be read"
            raise FormulaError(first.removeprefix("ParseError:").strip().rstrip(":")) from None
