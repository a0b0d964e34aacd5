"""Every page names its icon: without one the browser asks /favicon.ico of each visitor,
a request that ends in a 404."""

import re


def test_every_page_names_an_icon_the_site_serves(client):
    page = client.get("/accounts/login/").content.decode()
    icon = re.search(r'<link rel="icon" type="image/png" href="([^"]+)">', page)
    assert icon
    response = client.get(icon.group(1))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
