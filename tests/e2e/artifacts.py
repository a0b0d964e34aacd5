"""Screenshots of the browser tests, to look at (test-artifacts/): taken when
MINGZHU_SCREENSHOTS is set (`make e2e` sets it), not in every `make test` run, where nobody
looks at them and a full-page PNG of a long list costs as much as the page's checks."""

from __future__ import annotations

import os
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = bool(os.environ.get("MINGZHU_SCREENSHOTS"))


def screenshot(page, name: str, *, full_page: bool = True, settle_ms: int = 0) -> None:
    """A screenshot of the page in test-artifacts/<name>.png, when screenshots are asked
    for; ``settle_ms`` first lets animations (charts growing in) end."""
    if not SCREENSHOTS:
        return
    if settle_ms:
        page.wait_for_timeout(settle_ms)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
