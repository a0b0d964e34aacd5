import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from mingzhu.livelihood import protect


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_it_decrypts_what_it_encrypts(text):
    stored = protect.encrypt(text)
    assert stored.startswith(f"{protect.VERSION}:")
    assert protect.decrypt(stored) == text


def test_it_does_not_store_the_plain_value():
    assert "13812345678" not in protect.encrypt("13812345678")
    assert "王建国".encode() not in protect.encrypt("王建国").encode()


def test_it_uses_a_fresh_nonce_each_time():
    assert protect.encrypt("13812345678") != protect.encrypt("13812345678")


def test_it_refuses_a_changed_ciphertext():
    stored = protect.encrypt("13812345678")
    raw = stored[:-4] + ("AAAA" if not stored.endswith("AAAA") else "BBBB")
    with pytest.raises((protect.TamperedError, ValueError)):
        protect.decrypt(raw)


def test_it_refuses_another_key(settings):
    stored = protect.encrypt("13812345678")
    settings.PERSONAL_DATA_KEY = "another key"
    with pytest.raises(protect.TamperedError):
        protect.decrypt(stored)


def test_it_masks():
    assert protect.mask_phone("13812345678") == "138****5678"
    assert protect.mask_phone("0511-88881234") == "051******1234"
    assert protect.mask_id("32118219800101123X") == "321182********123X"
    assert protect.mask_name("王建国") == "王**"
    assert protect.mask_name("王") == "王**"
    # The mask never tells the length of the name.
    assert protect.mask_name("欧阳建国") == "欧**"
    assert protect.mask_name("张三") == protect.mask_name("张三丰丰丰丰丰丰丰") == "张**"


@pytest.mark.parametrize("value", ["1381234567", "23812345678", "138-1234-5678x", "hello", "12345"])
def test_it_refuses_what_is_not_a_phone_number(value):
    with pytest.raises(ValidationError):
        protect.clean_phone(value)


@pytest.mark.parametrize("value", ["13812345678", "138 1234 5678", "0511-88881234", "051188881234"])
def test_it_accepts_phone_numbers(value):
    assert protect.clean_phone(value)


def test_it_checks_the_id_check_digit():
    first = "32118219800101123"
    good = first + protect.id_check_digit(first)
    assert protect.clean_id_number(good.lower()) == good
    wrong = first + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError):
        protect.clean_id_number(wrong)
    with pytest.raises(ValidationError):
        protect.clean_id_number("1234")


def test_the_digest_finds_the_same_number_without_storing_it():
    assert protect.digest("13812345678") == protect.digest("13812345678")
    assert protect.digest("13812345678") != protect.digest("13812345679")
    assert "13812345678" not in protect.digest("13812345678")
