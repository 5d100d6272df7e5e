from django.db.models import Prefetch

from peercircle.experiences.models import NodeKind, TaxonomyNode


def taxonomy_tree(*, kind: str | None = None) -> list[TaxonomyNode]:
    """Active roots with their active children prefetched (two queries)."""
    roots = TaxonomyNode.objects.filter(parent__isnull=True, is_active=True)
    if kind:
        roots = roots.filter(kind=kind)
    return list(
        roots.prefetch_related(
            Prefetch("children", queryset=TaxonomyNode.objects.filter(is_active=True),
                     to_attr="active_children")
        )
    )


def leaf_nodes(*, kind: str = NodeKind.EXPERIENCE):
    return TaxonomyNode.objects.filter(kind=kind, is_active=True, parent__isnull=False).select_related("parent")


def nodes_by_codes(codes: list[str]):
    return TaxonomyNode.objects.filter(code__in=codes)


def node_by_code(code: str) -> TaxonomyNode | None:
    return TaxonomyNode.objects.filter(code=code, is_active=True).select_related("parent").first()
