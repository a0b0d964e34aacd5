from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .menu import menu_for


def platform(request):
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "DEMO_MODE": settings.ALLOW_DEMO_USERS,
        "menu": SimpleLazyObject(lambda: menu_for(request.user)),
    }
