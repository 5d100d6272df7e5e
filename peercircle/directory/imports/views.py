"""Pages for an organization's admins: upload a file or give an address → preview of what will
be created, updated, left unchanged or skipped, and why → import → what was done. Works
without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from peercircle.directory.access import (
    import_organization_or_404,
    import_run_or_404,
    import_runs_for,
)
from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.forms import ImportForm
from peercircle.directory.imports.plan import CREATE, SKIP, UNCHANGED, UPDATE
from peercircle.directory.imports.services import (
    listing_import_apply,
    listing_import_discard,
    listing_import_preview,
)
from peercircle.directory.models import ImportStatus
from peercircle.organizations.selectors import organization_detail


def _organization(request, slug):
    return import_organization_or_404(request.user, organization_detail(slug=slug))


@login_required
def imports(request, slug):
    organization = _organization(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = listing_import_preview(actor=request.user, organization=organization,
                                         file=form.cleaned_data["file"], url=form.cleaned_data["url"],
                                         kind=form.cleaned_data["kind"])
        except ListingImportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("directory:import_run", slug=slug, run_id=run.pk)
    runs = import_runs_for(request.user, organization).select_related("created_by").defer("payload", "plan", "result")
    page = Paginator(runs, 20).get_page(request.GET.get("page"))
    return render(request, "directory/imports/start.html", {
        "organization": organization, "form": form, "page": page,
        "chose_file": request.method == "POST" and bool(request.FILES),
    })


SECTIONS = {
    ImportStatus.PREVIEWED: [(CREATE, gettext_lazy("Will be created")), (UPDATE, gettext_lazy("Will be updated")),
                             (SKIP, gettext_lazy("Will be skipped")), (UNCHANGED, gettext_lazy("No change"))],
    ImportStatus.APPLIED: [(CREATE, gettext_lazy("Created")), (UPDATE, gettext_lazy("Updated")),
                           (SKIP, gettext_lazy("Skipped")), (UNCHANGED, gettext_lazy("No change"))],
}


@login_required
def run_detail(request, slug, run_id):
    organization = _organization(request, slug)
    run = import_run_or_404(request.user, organization, run_id)
    rows = run.rows
    titles = SECTIONS.get(run.status, SECTIONS[ImportStatus.PREVIEWED])
    sections = [{"action": action, "title": str(title), "rows": [r for r in rows if r["action"] == action]}
                for action, title in titles]
    return render(request, "directory/imports/run.html", {
        "organization": organization, "run": run, "sections": sections, "counts": run.counts,
        "listings": run.counts.get("listings", 0),
    })


@login_required
@require_POST
def run_apply(request, slug, run_id):
    organization = _organization(request, slug)
    run = import_run_or_404(request.user, organization, run_id)
    try:
        run = listing_import_apply(actor=request.user, run=run)
    except ListingImportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done. Here is what was imported."))
    return redirect("directory:import_run", slug=slug, run_id=run.pk)


@login_required
@require_POST
def run_discard(request, slug, run_id):
    organization = _organization(request, slug)
    run = import_run_or_404(request.user, organization, run_id)
    try:
        listing_import_discard(actor=request.user, run=run)
    except ListingImportError as error:
        messages.error(request, str(error))
        return redirect("directory:import_run", slug=slug, run_id=run.pk)
    messages.success(request, _("Preview discarded. Nothing was imported."))
    return redirect("directory:imports", slug=slug)
