from django.contrib import admin

from .models import Indicator, Observation, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "dimension", "direction", "frequency", "accumulates"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "comparator", "value", "deadline"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "period", "value", "is_illustrative"]
    list_filter = ["indicator", "is_illustrative"]
