"""The zh_Hans catalogues are complete: every message of the code has a translation.

The project's catalogue is `mingzhu/locale`; a domain app may keep its own messages in
`mingzhu/<app>/locale` (Django reads both). Together they cover every message."""

import subprocess
from pathlib import Path

import polib

import mingzhu

PACKAGE = Path(mingzhu.__file__).parent
CATALOGUES = sorted(PACKAGE.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


def _entries():
    for po in CATALOGUES:
        yield from polib.pofile(str(po))


def test_the_project_catalogue_is_found():
    assert PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po" in CATALOGUES


def test_it_translates_every_message():
    entries = [e for e in _entries() if not e.obsolete]
    untranslated = [e.msgid for e in entries if not e.translated() and "fuzzy" not in e.flags]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_it_has_every_message_of_the_code_in_the_catalogue(tmp_path):
    """Extract the messages again (needs GNU xgettext) and compare with the catalogue."""
    import shutil

    import pytest

    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed; the catalogue is checked above.")
    source = Path(mingzhu.__file__).parent
    files = [str(p) for p in source.rglob("*.py") if "migrations" not in p.parts]
    out = tmp_path / "code.pot"
    subprocess.run(
        [
            "xgettext",
            "-L",
            "Python",
            "--from-code=UTF-8",
            "-kgettext_lazy",
            "-kL",
            "-k_",
            "-kgettext",
            "-kngettext:1,2",
            "-kpgettext:1c,2",
            "-o",
            str(out),
            *files,
        ],
        check=True,
    )
    in_code = {e.msgid for e in polib.pofile(str(out)) if e.msgid}
    in_catalogue = {e.msgid for e in _entries() if not e.obsolete}
    assert sorted(in_code - in_catalogue) == []


def test_it_keeps_every_placeholder_in_the_translation():
    """A translation that loses or invents a %(name)s makes Django fall back to English."""
    import re

    placeholder = re.compile(r"%\(\w+\)[sdf]")
    wrong = []
    for entry in _entries():
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            wanted = set(placeholder.findall(entry.msgid + entry.msgid_plural))
            for text in entry.msgstr_plural.values():
                if not set(placeholder.findall(text)) <= wanted:
                    wrong.append(entry.msgid)
        elif sorted(placeholder.findall(entry.msgid)) != sorted(placeholder.findall(entry.msgstr)):
            wrong.append(entry.msgid)
    assert wrong == []


def test_a_message_reads_the_same_in_every_catalogue():
    """Django merges the catalogues (the project's first, then the apps in the order they
    are installed), so a msgid translated two ways shows one app's wording on the other's
    pages. A word that means two things needs two msgids or a context (pgettext)."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for po in CATALOGUES:
        for entry in polib.pofile(str(po)):
            if entry.obsolete:
                continue
            text = entry.msgstr or repr(sorted(entry.msgstr_plural.items()))
            seen.setdefault((entry.msgctxt, entry.msgid), {})[str(po.relative_to(PACKAGE))] = text
    clashes = {key: found for key, found in seen.items() if len(set(found.values())) > 1}
    assert clashes == {}
