from django import template

from ..models import Notice

register = template.Library()

HOME_NOTICES = 5


@register.inclusion_tag("system/_home_notices.html", takes_context=True)
def home_notices(context):
    """The newest notices for the signed-in user, for the home page (one query)."""
    user = context["request"].user
    notices = []
    if user.is_authenticated:
        notices = list(Notice.objects.for_reader(user)[:HOME_NOTICES])
    return {"notices": notices}
