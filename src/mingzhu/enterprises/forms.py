from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedForm, ScopedModelForm, StyledForm, text_field, yes_or_no
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.core.widgets import searchable
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.system import dictionaries

from . import services
from .choices import (
    INDICATOR_LABELS,
    BenchmarkRule,
    Channel,
    Classing,
    DemandCategory,
    LandPolicy,
    MissingPolicy,
    MuClass,
    Rating,
)
from .models import Enterprise, MuScheme, own_enterprise


class EnterpriseForm(ScopedModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "credit_code",
            "name",
            "town",
            "account_unit",
            "industry",
            "scale",
            "land_mu",
            "high_tech_certificate",
            "high_tech_from",
            "high_tech_until",
            "listing",
            "digital",
        ]
        widgets = {
            "high_tech_from": forms.DateInput(attrs={"type": "date"}),
            "high_tech_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        units = units_in_scope(user, "enterprises.add_enterprise")
        self.fields["town"].queryset = units.filter(kind__in=TOWN_KINDS)
        self.fields["account_unit"].queryset = units.filter(kind=UnitKind.COMPANY)


class SchemeForm(ScopedModelForm):
    class Meta:
        model = MuScheme
        fields = ["name", "data", "notes"]
        widgets = {"data": forms.Textarea(attrs={"rows": 18, "class": "font-monospace"})}

    def clean_data(self):
        data = self.cleaned_data["data"]
        try:
            services.Scheme.from_data(0, data)
        except services.SchemeError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


@searchable("enterprise")
class VisitForm(ScopedForm):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("Enterprise"))
    kind = forms.ChoiceField(
        choices=dictionaries.offered("enterprises.visit_kind"), label=_("Kind")
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.CharField(label=_("Visitors"), max_length=200)
    notes = text_field(_("Notes"), rows=3, required=False)
    demand_category = forms.ChoiceField(
        choices=[("", "—"), *DemandCategory.choices], required=False, label=_("Demand raised")
    )
    demand_content = text_field(_("Demand content"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["enterprise"].queryset = restrict(Enterprise.objects.all(), user, "view")

    def clean(self):
        data = super().clean()
        if bool(data.get("demand_category")) != bool((data.get("demand_content") or "").strip()):
            raise forms.ValidationError(_("A demand needs both its category and its content."))
        return data


@searchable("enterprise")
class DemandForm(ScopedForm):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("Enterprise"))
    category = forms.ChoiceField(choices=DemandCategory.choices, label=_("Category"))
    content = text_field(_("Content"), rows=4)
    channel = forms.ChoiceField(
        choices=[(Channel.HOTLINE, Channel.HOTLINE.label), (Channel.VISIT, Channel.VISIT.label)],
        label=_("Channel"),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        visible = restrict(Enterprise.objects.all(), user, "view")
        self.fields["enterprise"].queryset = visible
        own = own_enterprise(visible, user)
        if own is not None:
            # The enterprise's own user raises demands online, for itself only.
            self.fields["enterprise"].queryset = visible.filter(pk=own.pk)
            self.fields["enterprise"].initial = own.pk
            del self.fields["channel"]


class DispatchForm(StyledForm):
    department = forms.ModelChoiceField(
        queryset=OrgUnit.objects.filter(kind__in=(UnitKind.DEPARTMENT, *TOWN_KINDS)),
        label=_("Department"),
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (working days)"),
        min_value=1,
        max_value=365,
        required=False,
        help_text=_("Leave empty for the category's time limit."),
    )
    comment = text_field(_("Comment"), required=False)


class RateForm(StyledForm):
    rating = forms.ChoiceField(choices=Rating.choices, label=_("Rating"), widget=forms.RadioSelect)
    comment = text_field(_("Comment"), required=False)


# --- the scheme form (the JSON edit stays for scripts: SchemeForm above) ------------------

GROUP_CHOICES = [("above", _("Above designated size")), ("below", _("Below designated size"))]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class IndicatorForm(StyledForm):
    """One indicator of a group: weight and benchmark rule with its parameter."""

    # The empty choices leave a blank row (the formset's extra rows) unchanged: not saved.
    group = forms.ChoiceField(choices=[("", "—"), *GROUP_CHOICES], label=_("Group"))
    indicator = forms.ChoiceField(
        choices=[("", "—"), *INDICATOR_LABELS.items()], label=_("Indicator")
    )
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=7, decimal_places=3)
    rule = forms.ChoiceField(
        choices=BenchmarkRule.choices, label=_("Benchmark rule"), initial=BenchmarkRule.GROUP_RATIO
    )
    value = forms.DecimalField(
        label=_("Published value"), required=False, min_value=0, max_digits=16, decimal_places=6
    )
    k = forms.DecimalField(
        label=_("k"), required=False, min_value=0, max_digits=6, decimal_places=3, initial=1
    )
    offset = forms.IntegerField(
        label=_("Years back"), required=False, min_value=1, max_value=10, initial=1
    )

    def clean(self):
        data = super().clean()
        rule = data.get("rule")
        if rule == BenchmarkRule.PUBLISHED and not data.get("value"):
            self.add_error("value", _("A published benchmark needs its value (above 0)."))
        if rule == BenchmarkRule.PREVIOUS:
            if not data.get("k"):
                self.add_error("k", _("Give k (above 0)."))
            if not data.get("offset"):
                self.add_error("offset", _("Give how many years back (1 = the year before)."))
        return data

    def rule_data(self) -> dict:
        d = self.cleaned_data
        if d["rule"] == BenchmarkRule.PUBLISHED:
            return {"rule": d["rule"], "value": float(d["value"])}
        if d["rule"] == BenchmarkRule.PREVIOUS:
            return {"rule": d["rule"], "k": float(d["k"]), "offset": int(d["offset"])}
        return {"rule": d["rule"]}


class BaseIndicatorFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            key = (form.cleaned_data["group"], form.cleaned_data["indicator"])
            if key in seen:
                raise forms.ValidationError(
                    _("%(indicator)s is given twice for the same group.")
                    % {"indicator": INDICATOR_LABELS[key[1]]}
                )
            seen.add(key)
        if not seen:
            raise forms.ValidationError(_("Give at least one indicator."))


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=BaseIndicatorFormSet, extra=2, can_delete=True
)


class PolicyForm(StyledForm):
    """The differentiated policies of one class (差别化政策)."""

    klass = forms.ChoiceField(choices=MuClass.choices, widget=forms.HiddenInput)
    electricity_surcharge = forms.DecimalField(
        label=_("Electricity surcharge (yuan/kWh)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=3,
    )
    water_surcharge = forms.DecimalField(
        label=_("Water surcharge (share of the price)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=3,
    )
    discharge_surcharge = forms.DecimalField(
        label=_("Discharge rights surcharge (share of the price)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=3,
    )
    land = forms.ChoiceField(choices=LandPolicy.choices, required=False, label=_("Land"))
    note = forms.CharField(label=_("Other measures"), required=False, max_length=300)

    def policy_data(self) -> dict:
        d = self.cleaned_data
        out = {
            k: float(d[k])
            for k in ("electricity_surcharge", "water_surcharge", "discharge_surcharge")
            if d.get(k)
        }
        if d.get("land"):
            out["land"] = d["land"]
        if d.get("note"):
            out["note"] = d["note"].strip()
        return out


PolicyFormSet = forms.formset_factory(PolicyForm, extra=0)


class SchemeEditForm(StyledForm):
    """The scheme as an office writes it: the main fields here, the indicators and the
    policies per class in their formsets (``indicators``, ``policies``); ``data`` in
    cleaned_data is the scheme's JSON, checked by ``services.Scheme.from_data``."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=30,
        help_text=_("“city” for the city's own scheme; another code starts a scheme of its own."),
    )
    name = forms.CharField(label=_("Name"), max_length=100)
    notes = text_field(_("Notes (the document it follows)"), rows=2, required=False)
    include_below = yes_or_no(
        _("Below designated size enterprises"), _("Evaluated"), _("Not evaluated")
    )
    min_land_below = forms.DecimalField(
        label=_("… from a land area of (mu)"), min_value=0, max_digits=8, decimal_places=2
    )
    missing = forms.ChoiceField(choices=MissingPolicy.choices, label=_("Missing data scores"))
    cap = forms.DecimalField(
        label=_("Ratio cap"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        help_text=_("Leave empty for no cap."),
    )
    classing = forms.ChoiceField(
        choices=Classing.choices, label=_("Classes by"), widget=forms.RadioSelect
    )
    share_a = forms.DecimalField(
        label=_("Share A (0–1)"), min_value=0, max_value=1, max_digits=4, decimal_places=3
    )
    share_b = forms.DecimalField(
        label=_("Share A+B (0–1)"), min_value=0, max_value=1, max_digits=4, decimal_places=3
    )
    share_d = forms.DecimalField(
        label=_("Share D (0–1)"), min_value=0, max_value=1, max_digits=4, decimal_places=3
    )
    cutoff_a = forms.DecimalField(label=_("Lowest score of A"), required=False, max_digits=8)
    cutoff_b = forms.DecimalField(label=_("Lowest score of B"), required=False, max_digits=8)
    cutoff_c = forms.DecimalField(
        label=_("Lowest score of C"),
        required=False,
        max_digits=8,
        help_text=_("Below it: D."),
    )
    exempt_items = text_field(_("Exemptions (class T), one a line"), rows=3, required=False)
    veto_items = text_field(_("Veto items (一票否决, class D), one a line"), rows=3, required=False)
    preview_year = forms.IntegerField(
        label=_("Preview with the figures of"),
        required=False,
        min_value=2000,
        max_value=2100,
    )

    def __init__(self, data=None, *, initial_data=None, locked_code=False, **kwargs):
        initial, indicators, policies = scheme_initial(initial_data or {})
        super().__init__(data, initial=initial | kwargs.pop("initial", {}), **kwargs)
        if locked_code:
            self.fields["code"].disabled = True
        self.indicators = IndicatorFormSet(data, initial=indicators, prefix="ind")
        self.policies = PolicyFormSet(data, initial=policies, prefix="pol")

    def is_valid(self) -> bool:
        valid = super().is_valid()
        formsets = self.indicators.is_valid() & self.policies.is_valid()
        if valid and formsets:
            try:
                self.cleaned_data["data"] = self.scheme_data()
                services.Scheme.from_data(0, self.cleaned_data["data"])
            except services.SchemeError as exc:
                self.add_error(None, _("The scheme does not hold together: %(e)s") % {"e": exc})
                return False
            return True
        return False

    def clean(self):
        d = super().clean()
        if d.get("classing") == Classing.CUTOFFS:
            cuts = [d.get(k) for k in ("cutoff_a", "cutoff_b", "cutoff_c")]
            if any(c is None for c in cuts):
                self.add_error(
                    "cutoff_c", _("Classes by score need the lowest score of A, B and C.")
                )
            elif not cuts[0] >= cuts[1] >= cuts[2]:
                self.add_error("cutoff_b", _("The lowest scores must go down from A to C."))
        elif None not in (d.get("share_a"), d.get("share_b")) and d["share_a"] > d["share_b"]:
            self.add_error("share_b", _("The share A+B cannot be below the share A."))
        return d

    def scheme_data(self) -> dict:
        d = self.cleaned_data
        weights = {"above": {}, "below": {}}
        rules = {"above": {}, "below": {}}
        for form in self.indicators.forms:
            c = form.cleaned_data
            if not c or c.get("DELETE"):
                continue
            weights[c["group"]][c["indicator"]] = float(c["weight"])
            rules[c["group"]][c["indicator"]] = form.rule_data()
        data = {
            "weights": weights,
            "benchmarks": rules,
            "missing": d["missing"],
            "quotas": {
                "A": float(d["share_a"]),
                "B": float(d["share_b"]),
                "D": float(d["share_d"]),
            },
            "classing": d["classing"],
            "cap": float(d["cap"]) if d.get("cap") else None,
            "include_below": d["include_below"],
            "min_land_below": float(d["min_land_below"]),
            "exempt_items": _lines(d.get("exempt_items")),
            "veto_items": _lines(d.get("veto_items")),
            "policies": {},
        }
        if d["classing"] == Classing.CUTOFFS:
            data["cutoffs"] = {k: float(d[f"cutoff_{k.lower()}"]) for k in ("A", "B", "C")}
        for form in self.policies.forms:
            policy = form.policy_data()
            if policy:
                data["policies"][form.cleaned_data["klass"]] = policy
        return data


def scheme_initial(data: dict) -> tuple[dict, list[dict], list[dict]]:
    """The form's, the indicators' and the policies' initial values from stored data."""
    try:
        scheme = services.Scheme.from_data(0, data) if data else services.DEFAULT_SCHEME
    except services.SchemeError:
        scheme = services.DEFAULT_SCHEME
    initial = {
        "include_below": "yes" if scheme.include_below else "no",
        "min_land_below": scheme.min_land_below,
        "missing": scheme.missing,
        "cap": scheme.cap,
        "classing": scheme.classing,
        "share_a": scheme.quotas["A"],
        "share_b": scheme.quotas["B"],
        "share_d": scheme.quotas["D"],
        "cutoff_a": scheme.cutoffs.get("A"),
        "cutoff_b": scheme.cutoffs.get("B"),
        "cutoff_c": scheme.cutoffs.get("C"),
        "exempt_items": "\n".join(scheme.exempt_items),
        "veto_items": "\n".join(scheme.veto_items),
    }
    indicators = [
        {"group": g, "indicator": k, "weight": w, **scheme.rules[g][k]}
        for g in services.GROUPS
        for k, w in scheme.weights[g].items()
    ]
    policies = [{"klass": c, **scheme.policies.get(c, {})} for c in services.CLASSES]
    return initial, indicators, policies
