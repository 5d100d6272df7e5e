from peercircle.core.registry import PersonalDataProvider, register_personal_data
from peercircle.directory.models import ImportRun


def _export(user):
    runs = (ImportRun.objects.filter(created_by=user) | ImportRun.objects.filter(applied_by=user)).distinct()
    return {
        "runs": [
            {"organization": run.organization.slug, "source": run.source_name, "kind": run.source_kind,
             "status": run.status, "previewed_by_you": run.created_by_id == user.pk,
             "applied_by_you": run.applied_by_id == user.pk, "created_at": run.created_at.isoformat(),
             "applied_at": run.applied_at.isoformat() if run.applied_at else None, "counts": run.counts}
            for run in runs.select_related("organization").defer("payload", "plan", "result").order_by("created_at", "pk")
        ],
    }


def _erase(user, keep_public_posts: bool) -> None:
    # The organization keeps its record of what was imported; only the link to the person goes.
    ImportRun.objects.filter(created_by=user).update(created_by=None)
    ImportRun.objects.filter(applied_by=user).update(applied_by=None)


register_personal_data(PersonalDataProvider(name="listing_imports", export=_export, erase=_erase))
