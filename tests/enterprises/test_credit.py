import pytest
from django.utils import translation

from mingzhu.enterprises import credit


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# Published codes of three well-known companies (each on its national enterprise credit
# information record): the check character must come out as printed.
REAL = ["9144030071526726XG", "914403001922038216", "91330100716105852F"]


@pytest.mark.parametrize("code", REAL)
def test_it_accepts_real_codes(code):
    assert credit.validate(code) == code
    assert credit.check_character(code[:17]) == code[17]


def test_it_rejects_a_wrong_check_character():
    code = REAL[0][:17] + "Y"
    with pytest.raises(credit.CreditCodeError, match="check character"):
        credit.validate(code)
    assert not credit.is_valid(code)


def test_it_accepts_lower_case_as_the_same_code():
    assert credit.validate(" 9144030071526726xg ") == "9144030071526726XG"


@pytest.mark.parametrize("code", ["", "9144030071526726X", "9144030071526726XGG", "91"])
def test_it_rejects_the_wrong_length(code):
    with pytest.raises(credit.CreditCodeError, match="18"):
        credit.validate(code)


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_it_rejects_letters_outside_the_alphabet(letter):
    with pytest.raises(credit.CreditCodeError, match=letter):
        credit.validate(letter + REAL[0][1:])


def test_complete_adds_the_check_character():
    assert credit.complete(REAL[1][:17]) == REAL[1]
    assert credit.is_valid(credit.complete("91321182MA1ABCDEF"))
