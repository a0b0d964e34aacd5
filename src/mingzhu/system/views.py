from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mingzhu.core.views import (
    FormPageView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    paged,
)

from . import dictionaries, params, tokens
from .forms import EntryForm, NoticeForm, ParametersForm, TokenForm
from .models import ApiToken, DictionaryEntry, Notice, NoticeRead, ParameterValue

L = gettext_lazy


# System parameters --------------------------------------------------------------------


class ParametersView(FormPageView):
    """Every parameter on one page: read with the view permission, saved with change."""

    template_name = "system/parameters.html"
    form_class = ParametersForm
    model = ParameterValue

    def page_context(self, form):
        stored = params.stored()
        return {
            "changed": {name for name in stored if name in params.REGISTRY},
            "can_change": self.may("change"),
        }

    def save(self, form):
        changed = 0
        with transaction.atomic():
            rows = {row.name: row for row in ParameterValue.objects.select_for_update()}
            for name, parameter in params.REGISTRY.items():
                text = parameter.dump(form.cleaned_data[name])
                row = rows.get(name)
                if row is None:
                    if form.cleaned_data[name] == parameter.default_value():
                        continue
                    ParameterValue.objects.create(name=name, value=text)
                elif row.value != text:
                    row.value = text
                    row.save()
                else:
                    continue
                changed += 1
        params.clear_cache()
        if changed:
            messages.success(self.request, _("%(count)d parameters saved.") % {"count": changed})
        else:
            messages.info(self.request, _("Nothing changed."))
        return reverse("system:parameters")


# Notices ------------------------------------------------------------------------------


class NoticeListView(ObjectListView):
    """The notices a manager may change (their scope's units)."""

    model = Notice
    columns = ["title", "unit", "publish_from", "publish_until", "for_all", "pinned"]


class NoticeDetailView(ObjectDetailView):
    model = Notice
    select_related = ("unit", "author")

    def get_object(self, pk):
        user = self.request.user
        managed = self.restricted("view").filter(pk=pk).first()
        if managed is not None:
            return managed
        return get_object_or_404(Notice.objects.for_reader(user).select_related("unit"), pk=pk)

    def get_extra_context(self, obj):
        NoticeRead.objects.get_or_create(notice=obj, user=self.request.user)
        return {"targets": list(obj.units.all()), "body_lines": obj.body.splitlines()}


class NoticeEditView(ObjectEditView):
    model = Notice
    form_class = NoticeForm

    def get_form(self, obj):
        form = super().get_form(obj)
        if obj.pk is None and not form.initial.get("unit"):
            form.initial["unit"] = self.request.user.unit_id
        return form

    def save_form(self, form):
        notice = form.save(commit=False)
        if notice.author_id is None:
            notice.author = self.request.user
        notice.save()
        form.save_m2m()
        return notice


class NoticeBoardView(LoginRequiredMixin, View):
    """The notices for the signed-in user, newest and pinned first, unread marked."""

    def get(self, request):
        shown = Notice.objects.for_reader(request.user).select_related("unit")
        context = paged(request, shown, per_page=20)
        on_page = [n.pk for n in context["page_obj"].object_list]
        reads = NoticeRead.objects.filter(user=request.user, notice__in=on_page)
        context["read"] = set(reads.values_list("notice_id", flat=True))
        context["can_manage"] = request.user.has_perm("system.view_notice")
        return render(request, "system/notice_board.html", context)


# API tokens ---------------------------------------------------------------------------


class TokenListView(FormPageView):
    """The signed-in user's own tokens: made here (the key shown once), revoked here."""

    template_name = "system/tokens.html"
    form_class = TokenForm

    def page_context(self, form):
        mine = ApiToken.objects.filter(user=self.request.user)
        return {"tokens": mine, "key": None, "now": timezone.now()}

    def save(self, form):
        data = form.cleaned_data
        token, key = tokens.create(
            user=self.request.user,
            name=data["name"],
            days=data["days"],
            read_only=data["read_only"],
            modules=data["modules"],
        )
        messages.success(
            self.request,
            _("Token %(name)s made. Copy its key now: it is not shown again.")
            % {"name": token.name},
        )
        return self.render_page(TokenForm(), key=key)


class TokenRevokeView(LoginRequiredMixin, View):
    """Revoke one of one's own tokens (an administrator: anybody's)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        from mingzhu.core.scope import restrict

        others = restrict(ApiToken.objects.all(), request.user, "change")
        token = get_object_or_404(
            ApiToken.objects.filter(pk=pk).filter(
                Q(user=request.user) | Q(pk__in=others.values("pk"))
            )
        )
        tokens.revoke(token)
        messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
        back = request.POST.get("next") == "all"
        return HttpResponseRedirect(
            reverse("system:apitoken_list" if back else "system:token_list")
        )


class ApiTokenListView(ObjectListView):
    """Every user's tokens, for the administrator (no key is ever shown)."""

    model = ApiToken
    columns = [
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "read_only",
        ("modules", L("modules")),
        "revoked_at",
    ]


# Dictionaries -------------------------------------------------------------------------


def _require(user, action: str) -> None:
    if not user.has_perm(f"system.{action}_dictionaryentry"):
        raise PermissionDenied


class DictionariesView(LoginRequiredMixin, View):
    """Every dictionary, with its built-in and added entries."""

    def get(self, request):
        _require(request.user, "view")
        rows = [
            (d, len(d.builtin_choices()), dictionaries.added(code))
            for code, d in dictionaries.REGISTRY.items()
        ]
        return render(request, "system/dictionaries.html", {"rows": rows})


class EntryPage(FormPageView):
    """The pages with an entry's form: a dictionary's (adding one) and an entry's own;
    the entry saved, the user goes back to its dictionary."""

    form_class = EntryForm
    model = DictionaryEntry

    def saved(self, entry) -> str:
        raise NotImplementedError

    def save(self, form):
        with transaction.atomic():
            entry = form.save()
        messages.success(self.request, self.saved(entry))
        return reverse("system:dictionary", args=[entry.dictionary])


class DictionaryView(EntryPage):
    """One dictionary: its entries, and the form that adds one."""

    template_name = "system/dictionary.html"
    write_action = "add"

    def setup_page(self, code):
        if code not in dictionaries.REGISTRY:
            raise Http404
        self.code, self.dictionary = code, dictionaries.REGISTRY[code]

    def form_kwargs(self):
        return {"dictionary": self.code, "user": self.request.user}

    def page_context(self, form):
        return {
            "dictionary": self.dictionary,
            "builtin": self.dictionary.builtin_choices(),
            "entries": DictionaryEntry.objects.filter(dictionary=self.dictionary.code),
            "can_add": self.may("add"),
            "can_change": self.may("change"),
        }

    def saved(self, entry):
        return _("Entry added: %(entry)s") % {"entry": entry.label}


class EntryEditView(EntryPage):
    """Rename, reorder, disable or enable an added entry (its code stays)."""

    template_name = "system/entry_edit.html"
    read_action = "change"

    def setup_page(self, pk):
        self.entry = get_object_or_404(DictionaryEntry, pk=pk)

    def form_kwargs(self):
        entry = self.entry
        return {"instance": entry, "dictionary": entry.dictionary, "user": self.request.user}

    def page_context(self, form):
        entry = self.entry
        return {"entry": entry, "dictionary": dictionaries.REGISTRY.get(entry.dictionary)}

    def saved(self, entry):
        return _("Saved: %(object)s") % {"object": entry.label}
