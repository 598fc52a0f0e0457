"""Relations of a loaded dossier marked as already fetched, so that reading them costs no query: the
rows a selector read inside the dossier's own query (selectors.dossier_get), or those the lifecycle
wrote when it created the dossier (action_view.hold_new)."""

from __future__ import annotations


def hold(instance, name: str, rows: list) -> None:
    """Mark the relation `name` of `instance` as prefetched with `rows` (no query when it is read)."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = getattr(instance, "_prefetched_objects_cache", {})
    instance._prefetched_objects_cache[name] = queryset


def hold_components(dossier, components: list, files: list) -> None:
    """The dossier's components (sorted as the model orders them) each holding its files."""
    by_component: dict[int, list] = {}
    for f in sorted(files, key=lambda f: f.pk):
        by_component.setdefault(f.component_id, []).append(f)
    components = sorted(components, key=lambda c: (c.position, c.pk))
    for component in components:
        hold(component, "files", by_component.get(component.pk, []))
    hold(dossier, "components", components)
