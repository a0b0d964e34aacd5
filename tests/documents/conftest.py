import pytest

from mingzhu.documents import actions, seeds
from mingzhu.documents.models import PolicyDocument

from .texts import PLAN


@pytest.fixture
def plan(supervisor):
    """A fresh draft of the test plan, loaded by the supervision office."""
    return actions.load_document(actor=supervisor, text=PLAN)


@pytest.fixture
def seed_1(db):
    return PolicyDocument.objects.get(source=seeds.SOURCE_1)
