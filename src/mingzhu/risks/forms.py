from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import StyledForm, model_form, text_field
from mingzhu.core.scope import units_in_scope
from mingzhu.core.uploads import PHOTO_KINDS, FilesField
from mingzhu.core.views import style_form
from mingzhu.org.choices import UnitKind

from .models import DebtEntity, DebtInstrument, FiscalYear, Hazard


class HazardForm(forms.ModelForm):
    """Registering a hazard: the unit is one the registrar may assign to."""

    accepts_user = True  # the units offered are the user's (ActionFormView passes it)
    photos = FilesField(label=_("Photos"), kinds=PHOTO_KINDS)
    # Not a field of the hazard: it becomes the deadline of the rectification task.
    deadline = forms.DateField(label=_("Rectification deadline"), widget=forms.DateInput())

    class Meta:
        model = Hazard
        fields = [
            "title",
            "domain",
            "level",
            "unit",
            "found_on",
            "found_by",
            "description",
            "address",
            "latitude",
            "longitude",
            "owner",
            "measures",
            "deadline",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "found_on": forms.DateInput(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            units_in_scope(user, "risks.add_hazard")
            .exclude(kind__in=(UnitKind.PEER, UnitKind.GRID, UnitKind.NATURAL_VILLAGE))
            .order_by("path")
        )
        style_form(self)


class HazardPlanForm(StyledForm):
    owner = forms.CharField(label=_("Owner (责任人)"), max_length=100, required=False)
    measures = text_field(_("Measures"), rows=4, required=False)


DebtInstrumentForm = model_form(
    DebtInstrument,
    "code entity kind budget lender principal rate start maturity refinanceable max_defer_months",
    start=forms.DateInput(),
    maturity=forms.DateInput(),
)


FiscalYearForm = model_form(
    FiscalYear,
    "unit year general_budget_revenue transfer_revenue remittance "
    "fund_revenue state_capital_revenue general_budget_expenditure "
    "fund_expenditure overdue_debt balance_target cost_target ratio_yellow "
    "ratio_orange ratio_red high_cost_rate",
)


RATE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(30))]


class PlanForm(StyledForm):
    window = forms.IntegerField(
        label=_("Window (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("At most this many months later; empty: each instrument's own limit."),
    )
    refi_rate = forms.DecimalField(
        label=_("Refinancing rate (%)"),
        required=False,
        max_digits=6,
        decimal_places=3,
        validators=RATE,
        help_text=_("Prices every move; empty: each instrument's own rate."),
    )
    use_cash = forms.BooleanField(label=_("Cash and expected inflows as capacity"), required=False)


class SavePlanForm(PlanForm):
    name = forms.CharField(label=_("Name"), max_length=200)


class HighCostForm(StyledForm):
    threshold = forms.DecimalField(
        label=_("Rate above (%)"), required=False, max_digits=6, decimal_places=3, validators=RATE
    )
    replace_at = forms.DecimalField(
        label=_("Replaced at (%)"), required=False, max_digits=6, decimal_places=3, validators=RATE
    )


class InstrumentImportForm(forms.Form):
    """The instrument import's option: the borrower of a sheet that has no 主体 column
    (a company's own 债务明细表), among the entities the user may add instruments for."""

    accepts_user = True

    entity = forms.ModelChoiceField(
        label=_("Borrower (for a sheet without a 主体 column)"),
        queryset=DebtEntity.objects.none(),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        from .debt.io import entities_for

        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["entity"].queryset = entities_for(user).order_by("kind", "name")
        style_form(self)
