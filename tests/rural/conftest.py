import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from mingzhu.rural.models import ScoringItem, ScoringSheet

LIXIN = "YZ-XINBA-V02"  # 立新村, 新坝镇: the village persona's own
XINZHI = "YZ-XINBA-V03"  # 新治村, 新坝镇: another village of the same town
YONGSHENG = "321182001000-V02"  # 永胜村, 三茅街道: outside 新坝镇


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def sheet():
    """A three-item sheet of 30 points, valid since 2020."""
    sheet = ScoringSheet.objects.create(name="测试评分表", valid_from=dt.date(2020, 1, 1))
    for n, (name, points) in enumerate([("垃圾", 10), ("污水", 10), ("村容", 10)], start=1):
        ScoringItem.objects.create(
            sheet=sheet, order=n, name=name, points=Decimal(points), deduction_rule="每处扣1分"
        )
    return sheet


def scores_for(sheet, values, raise_task=True, notes=None):
    items = list(sheet.items.all())
    return [
        {
            "item": item,
            "score": value,
            "note": (notes or {}).get(i, ""),
            "raise_task": raise_task,
        }
        for i, (item, value) in enumerate(zip(items, values, strict=True))
    ]


def photo(name="现场.jpg", size=100):
    """A real photo (JPEG, or PNG for a .png name) of about ``size`` pixels a side."""
    image = Image.effect_noise((size, size), 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG" if name.lower().endswith(".png") else "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
