"""A saved or deleted parameter value or dictionary entry clears the process's cache of
them at once."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import dictionaries, params
from .models import DictionaryEntry, ParameterValue


@receiver(post_save, sender=ParameterValue, dispatch_uid="system_parameter_saved")
@receiver(post_delete, sender=ParameterValue, dispatch_uid="system_parameter_deleted")
def _clear(sender, **kwargs) -> None:
    params.clear_cache()


@receiver(post_save, sender=DictionaryEntry, dispatch_uid="system_entry_saved")
@receiver(post_delete, sender=DictionaryEntry, dispatch_uid="system_entry_deleted")
def _clear_entries(sender, **kwargs) -> None:
    dictionaries.clear_cache()
