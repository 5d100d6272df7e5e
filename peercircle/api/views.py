from functools import lru_cache

from django.shortcuts import render

from peercircle.api.api import api

METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def _operations_by_tag() -> list[tuple[str, list[dict]]]:
    schema = api.get_openapi_schema()
    groups: dict[str, list[dict]] = {}
    for path, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            tag = (operation.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append({
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "parameters": [p["name"] for p in operation.get("parameters", [])],
                "has_body": "requestBody" in operation,
            })
    return sorted(groups.items())


def docs(request):
    """A readable, accessible overview of the API, built from the OpenAPI document itself."""
    return render(request, "api/docs.html", {
        "groups": _operations_by_tag(),
        "title": api.title,
        "description": api.description,
    })
