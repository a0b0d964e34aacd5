from django import forms


class ScopedModelForm(forms.ModelForm):
    """A model form whose choice fields only offer what the user may see."""

    def __init__(self, *args, user=None, **kwargs):
        from .views import style_form

        super().__init__(*args, **kwargs)
        self.user = user
        for form_field in self.fields.values():
            queryset = getattr(form_field, "queryset", None)
            if user is not None and queryset is not None and hasattr(queryset, "restrict"):
                form_field.queryset = queryset.restrict(user, "view")
        style_form(self)
