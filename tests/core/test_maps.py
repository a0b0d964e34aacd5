"""Maps where a tile server exists (core.maps): with MINGZHU_MAP_TILES the lists of events,
hazards and projects show their rows with coordinates on a map; without it, no map
element and no map script."""

import json
import re

import pytest

from mingzhu.settings import map_tile_source

TILES = "https://tiles.example.gov.cn/{z}/{x}/{y}.png"
LISTS = ["/grid/events/", "/risks/hazards/", "/projects/"]


def _points(page: str) -> list:
    found = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))


@pytest.mark.parametrize("path", LISTS)
def test_no_tile_service_no_map(as_user, leader, settings, path):
    settings.MAP_TILES = ""
    response = as_user(leader).get(path)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="map"' not in page and "leaflet" not in page and "map.js" not in page


@pytest.mark.parametrize("path", LISTS)
def test_a_tile_service_shows_the_map(as_user, leader, settings, path):
    settings.MAP_TILES = TILES
    response = as_user(leader).get(path)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="map"' in page and f'data-tiles="{TILES}"' in page
    assert "vendor/leaflet/dist/leaflet.js" in page and "mingzhu/map.js" in page
    shown = {row[0].pk for row in response.context["rows"]}
    with_coordinates = {
        row[0].pk for row in response.context["rows"] if row[0].latitude is not None
    }
    points = _points(page)
    assert len(points) == len(with_coordinates) and len(shown) >= len(points)


def test_the_map_shows_a_reported_event_at_its_place(as_user, grid_worker, settings, unit):
    from mingzhu.grid import actions
    from mingzhu.grid.models import EventCategory

    settings.MAP_TILES = TILES
    event = actions.report_event(
        actor=grid_worker,
        grid=unit("YZ-XINBA-V02-G01"),
        category=EventCategory.objects.filter(is_active=True).first(),
        description="地图上的事件",
        latitude="32.236100",
        longitude="119.817200",
    )
    points = _points(as_user(grid_worker).get("/grid/events/").content.decode())
    mine = [p for p in points if p["url"] == f"/grid/events/{event.pk}/"]
    assert mine == [{"lat": 32.2361, "lng": 119.8172, "label": str(event), "url": mine[0]["url"]}]


def test_the_tile_host_is_allowed_for_images():
    assert map_tile_source("") == ""
    assert map_tile_source(TILES) == " https://tiles.example.gov.cn"
    tianditu = "https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&TILEMATRIX={z}"
    assert map_tile_source(tianditu) == " https://*.tianditu.gov.cn"
