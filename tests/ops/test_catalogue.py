"""The zh_Hans catalogue is complete: every message of the code has a translation."""

import subprocess
from pathlib import Path

import polib

import mingzhu

PO = Path(mingzhu.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_it_translates_every_message():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
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
    in_catalogue = {e.msgid for e in polib.pofile(str(PO)) if not e.obsolete}
    assert sorted(in_code - in_catalogue) == []


def test_it_keeps_every_placeholder_in_the_translation():
    """A translation that loses or invents a %(name)s makes Django fall back to English."""
    import re

    placeholder = re.compile(r"%\(\w+\)[sdf]")
    wrong = []
    for entry in polib.pofile(str(PO)):
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
