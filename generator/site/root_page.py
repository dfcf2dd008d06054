"""The site's root: a page that sends each reader to their language, and a root 404 page."""

from __future__ import annotations

from markupsafe import escape

from .i18n import Translator

# Picks the first of the browser's languages that the site has; without JavaScript the
# page is a plain list of the languages.
SCRIPT = """\
(function () {
  var have = %s;
  var wanted = navigator.languages || [navigator.language || "en"];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).slice(0, 2).toLowerCase();
    if (have.indexOf(code) >= 0) { window.location.replace(code + "/"); return; }
  }
})();
"""


def _page(languages, names: dict[str, str], redirect: bool) -> str:
    items = "\n".join(
        f'    <li><a href="{lang}/" hreflang="{lang}" lang="{lang}" '
        f'dir="{Translator(lang).direction}">{escape(names[lang])}</a>: '
        f'{escape(Translator(lang)("site_name"))}</li>' for lang in languages)
    script = '  <script src="choose-language.js"></script>\n' if redirect else ""
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(Translator("en")("site_name"))}</title>
{script}</head>
<body>
  <h1>{escape(Translator("en")("choose_language"))}</h1>
  <ul>
{items}
  </ul>
</body>
</html>
"""


def root_pages(languages, names: dict[str, str]) -> dict[str, str]:
    """index.html (with the language redirect), its script, and 404.html: path -> text."""
    codes = ", ".join(f'"{lang}"' for lang in languages)
    return {"choose-language.js": SCRIPT % f"[{codes}]",
            "index.html": _page(languages, names, True),
            "404.html": _page(languages, names, False)}
