"""Maps where a tile server exists: ``settings.MAP_TILES`` (MINGZHU_MAP_TILES) names the
tile service; a list page whose view sets ``map = True`` then shows the rows of its page
that have coordinates on a Leaflet map (core/includes/map.html, static/mingzhu/map.js).
Without a tile service there is no map element and no map script at all."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings


def map_context(objects: Iterable) -> dict | None:
    """The map of ``objects`` (with ``latitude``, ``longitude`` and a page), or None when
    no tile service is configured."""
    if not getattr(settings, "MAP_TILES", ""):
        return None
    points = [
        {
            "lat": float(obj.latitude),
            "lng": float(obj.longitude),
            "label": str(obj),
            "url": obj.get_absolute_url(),
        }
        for obj in objects
        if obj.latitude is not None and obj.longitude is not None
    ]
    return {
        "tiles": settings.MAP_TILES,
        "attribution": getattr(settings, "MAP_ATTRIBUTION", ""),
        "points": points,
    }
