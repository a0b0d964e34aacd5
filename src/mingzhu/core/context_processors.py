from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .menu import menu_for, menu_html


def platform(request):
    menu = SimpleLazyObject(lambda: menu_for(request.user))
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "DEMO_MODE": settings.ALLOW_DEMO_USERS,
        "menu": menu,
        # The menu bar, drawn in Python and kept per process (core.menu.menu_html).
        "menu_html": SimpleLazyObject(lambda: menu_html(menu)),
    }
