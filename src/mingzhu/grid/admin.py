from django.contrib import admin

from .models import Campaign, EventCategory


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "issuer"]


@admin.register(EventCategory)
class EventCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "responsible_unit", "time_limit", "time_limit_basis", "is_active"]
