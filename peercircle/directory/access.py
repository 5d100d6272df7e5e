"""Who may import listings into an organization: its admins (and site staff). Anyone else
gets 404 for the import pages and runs, the same as for something that does not exist."""

import rules
from django.http import Http404

from peercircle.organizations.access import is_org_admin


def can_import_listings(user, organization) -> bool:
    return bool(user.is_authenticated and organization.is_active and is_org_admin(user, organization))


def import_organization_or_404(user, organization):
    if not can_import_listings(user, organization):
        raise Http404
    return organization


def import_runs_for(user, organization):
    """The organization's import runs, for someone who may import into it (else 404)."""
    from peercircle.directory.models import ImportRun

    import_organization_or_404(user, organization)
    return ImportRun.objects.filter(organization=organization)


def import_run_or_404(user, organization, run_id: int):
    run = import_runs_for(user, organization).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


@rules.predicate
def may_import_listings(user, organization) -> bool:
    return can_import_listings(user, organization)


rules.add_perm("directory.import_listings", may_import_listings)
