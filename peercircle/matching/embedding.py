"""Sentence embeddings of stories for the engine, when the semantic backend is configured.

Supporters' "about me" and requests' stories are embedded once, in a task after they are
saved, and kept as float32 bytes next to the text; the engine compares them with a dot
product (the vectors are unit length)."""

import numpy as np
from django.utils import timezone


def embed_story(kind: str, pk: int) -> bool:
    from peercircle.experiences import suggest
    from peercircle.matching.models import SupporterProfile, SupportRequest

    if not suggest.semantic_enabled():
        return False
    from peercircle.experiences.embeddings import embed

    if kind == "supporter":
        profile = SupporterProfile.objects.filter(pk=pk).select_related("user").first()
        if profile is None or not profile.about:
            return False
        vector = np.asarray(embed([profile.about], lang=profile.user.language)[0], dtype=np.float32)
        SupporterProfile.objects.filter(pk=pk, about=profile.about).update(
            about_embedding=vector.tobytes(), updated_at=timezone.now())
        return True
    request = SupportRequest.objects.filter(pk=pk).select_related("user").first()
    if request is None or not request.story:
        return False
    vector = np.asarray(embed([request.story], lang=request.user.language)[0], dtype=np.float32)
    SupportRequest.objects.filter(pk=pk).update(story_embedding=vector.tobytes())
    return True
