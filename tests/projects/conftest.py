import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from mingzhu.projects.models import Project


@pytest.fixture(autouse=True)
def _english(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def make_project(unit):
    """make_project(town="YZ-XINBA", total=20_000, **fields) -> a project negotiating
    since 2025-01-10."""

    def make(town: str = "YZ-XINBA", total: int = 20_000, **fields) -> Project:
        values = {
            "name": f"测试项目{Project.objects.count() + 1}",
            "investor": "测试投资方",
            "chain": "electrical",
            "total_investment": Decimal(total),
            "town": unit(town),
            "negotiating_on": dt.date(2025, 1, 10),
        } | fields
        return Project.objects.create(**values)

    return make


def evidence(name: str = "合同.pdf") -> SimpleUploadedFile:
    """Evidence whose content is what its name says (a PDF, or a photo for .png/.jpg)."""
    if name.lower().endswith((".png", ".jpg")):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "gray").save(buffer, "PNG" if name.endswith(".png") else "JPEG")
        return SimpleUploadedFile(name, buffer.getvalue())
    data = b"%PDF-1.4\n% evidence\n%%EOF\n"
    return SimpleUploadedFile(name, data, content_type="application/pdf")
