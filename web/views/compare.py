"""Every council side by side, as the chat's `/compare`: a topic for an overview, a situation for verdicts."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from web.conversation import clean_line, handle
from web.site import Site, text_field


async def compare_page(request: Request) -> Response:
    site: Site = request.app.state.site
    from assistant.decide.topics import TOPIC_NAMES

    asked = clean_line(text_field(request.query_params, "q"))
    reply, errors = None, []
    if "q" in request.query_params:
        if asked:
            reply = handle(site.conversations.session(None), f"/compare {asked}")
        else:
            errors = [{"field": "q", "text": "Enter a topic or a situation to compare"}]
    topics = [(topic.replace("_", " "), name) for topic, name in TOPIC_NAMES.items()]
    return site.page(request, "compare.html", status=400 if errors else 200, section="compare", errors=errors,
                     asked=asked, reply=reply, topics=topics)
