"""What `mingzhu serve` tells gunicorn and waitress to trust, from MINGZHU_BEHIND_PROXY and
MINGZHU_TRUSTED_PROXIES (the servers themselves are driven behind nginx in
test_proxy.py)."""

from mingzhu.core import proxy


def test_without_the_proxy_setting_nobody_is_trusted(settings):
    settings.BEHIND_PROXY = False
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert proxy.gunicorn_options() == {"forwarded_allow_ips": "", "secure_scheme_headers": {}}
    assert proxy.waitress_options() == {"clear_untrusted_proxy_headers": True}


def test_behind_the_proxy_only_its_addresses_and_only_the_scheme_header(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.9", "not-an-address", "::1"]
    assert proxy.gunicorn_options() == {
        "forwarded_allow_ips": "10.0.0.9,::1",
        "secure_scheme_headers": {"X-FORWARDED-PROTO": "https"},
    }
    options = proxy.waitress_options()
    assert options["trusted_proxy"] == "*"  # several: only_trusted_scheme tells them apart
    assert options["trusted_proxy_headers"] == {"x-forwarded-proto"}
    settings.TRUSTED_PROXIES = ["10.0.0.9"]
    assert proxy.waitress_options()["trusted_proxy"] == "10.0.0.9"


def test_only_a_trusted_proxy_may_leave_the_scheme_https(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.9", "::1"]
    seen = []
    app = proxy.only_trusted_scheme(lambda environ, start: seen.append(environ["wsgi.url_scheme"]))
    app({"REMOTE_ADDR": "10.0.0.9", "wsgi.url_scheme": "https"}, None)
    app({"REMOTE_ADDR": "10.0.0.10", "wsgi.url_scheme": "https"}, None)
    assert seen == ["https", "http"]
