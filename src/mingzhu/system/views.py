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

from mingzhu.core.views import ObjectDetailView, ObjectEditView, ObjectListView, paged

from . import dictionaries, params, tokens
from .forms import EntryForm, NoticeForm, ParametersForm, TokenForm
from .models import ApiToken, DictionaryEntry, Notice, NoticeRead, ParameterValue

L = gettext_lazy


# System parameters --------------------------------------------------------------------


class ParametersView(LoginRequiredMixin, View):
    """Every parameter on one page: read with the view permission, saved with change."""

    template_name = "system/parameters.html"

    def _require(self, action: str) -> None:
        if not self.request.user.has_perm(f"system.{action}_parametervalue"):
            raise PermissionDenied

    def _render(self, form, status=200):
        stored = params.stored()
        context = {
            "form": form,
            "changed": {name for name in stored if name in params.REGISTRY},
            "can_change": self.request.user.has_perm("system.change_parametervalue"),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        self._require("view")
        return self._render(ParametersForm())

    def post(self, request):
        self._require("change")
        form = ParametersForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
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
            messages.success(request, _("%(count)d parameters saved.") % {"count": changed})
        else:
            messages.info(request, _("Nothing changed."))
        return HttpResponseRedirect(reverse("system:parameters"))


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


class TokenListView(LoginRequiredMixin, View):
    """The signed-in user's own tokens: made here (the key shown once), revoked here."""

    template_name = "system/tokens.html"

    def _render(self, form, key=None, status=200):
        mine = ApiToken.objects.filter(user=self.request.user)
        return render(
            self.request,
            self.template_name,
            {"form": form, "tokens": mine, "key": key, "now": timezone.now()},
            status=status,
        )

    def get(self, request):
        return self._render(TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        data = form.cleaned_data
        token, key = tokens.create(
            user=request.user,
            name=data["name"],
            days=data["days"],
            read_only=data["read_only"],
            modules=data["modules"],
        )
        messages.success(
            request,
            _("Token %(name)s made. Copy its key now: it is not shown again.")
            % {"name": token.name},
        )
        return self._render(TokenForm(), key=key)


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


class DictionaryView(LoginRequiredMixin, View):
    """One dictionary: its entries, and the form that adds one."""

    def _dictionary(self, code):
        if code not in dictionaries.REGISTRY:
            raise Http404
        return dictionaries.REGISTRY[code]

    def _render(self, dictionary, form, status=200):
        user = self.request.user
        context = {
            "dictionary": dictionary,
            "builtin": dictionary.builtin_choices(),
            "entries": DictionaryEntry.objects.filter(dictionary=dictionary.code),
            "form": form,
            "can_add": user.has_perm("system.add_dictionaryentry"),
            "can_change": user.has_perm("system.change_dictionaryentry"),
        }
        return render(self.request, "system/dictionary.html", context, status=status)

    def get(self, request, code):
        _require(request.user, "view")
        dictionary = self._dictionary(code)
        return self._render(dictionary, EntryForm(dictionary=code, user=request.user))

    def post(self, request, code):
        _require(request.user, "add")
        dictionary = self._dictionary(code)
        form = EntryForm(request.POST, dictionary=code, user=request.user)
        if not form.is_valid():
            return self._render(dictionary, form, status=400)
        with transaction.atomic():
            entry = form.save()
        messages.success(request, _("Entry added: %(entry)s") % {"entry": entry.label})
        return HttpResponseRedirect(reverse("system:dictionary", args=[code]))


class EntryEditView(LoginRequiredMixin, View):
    """Rename, reorder, disable or enable an added entry (its code stays)."""

    def _render(self, entry, form, status=200):
        context = {
            "entry": entry,
            "form": form,
            "dictionary": dictionaries.REGISTRY.get(entry.dictionary),
        }
        return render(self.request, "system/entry_edit.html", context, status=status)

    def get(self, request, pk):
        _require(request.user, "change")
        entry = get_object_or_404(DictionaryEntry, pk=pk)
        return self._render(
            entry, EntryForm(instance=entry, dictionary=entry.dictionary, user=request.user)
        )

    def post(self, request, pk):
        _require(request.user, "change")
        entry = get_object_or_404(DictionaryEntry, pk=pk)
        form = EntryForm(
            request.POST, instance=entry, dictionary=entry.dictionary, user=request.user
        )
        if not form.is_valid():
            return self._render(entry, form, status=400)
        with transaction.atomic():
            entry = form.save()
        messages.success(request, _("Saved: %(object)s") % {"object": entry.label})
        return HttpResponseRedirect(reverse("system:dictionary", args=[entry.dictionary]))
