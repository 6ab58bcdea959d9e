"""The decision templates, one per topic, each `decide(ctx) -> Decision`."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from assistant.decide.templates.base import Context, Decision

TOPICS = (
    "gifts", "hospitality", "bequests", "outside_work", "interests", "relationships", "recruitment", "media",
    "social_media", "political", "convictions", "confidentiality", "equipment", "purchases", "whistleblowing",
    "alcohol_drugs", "appearance",
)

TOPIC_NAMES = {
    "gifts": "gifts", "hospitality": "hospitality", "bequests": "bequests and gifts from people you care for",
    "outside_work": "outside work and second jobs", "interests": "declaring interests",
    "relationships": "personal relationships at work", "recruitment": "recruiting or managing relatives",
    "media": "contact with the media", "social_media": "social media and public criticism",
    "political": "political activity", "convictions": "arrest, charges and convictions",
    "confidentiality": "confidential information", "equipment": "council equipment, phones and IT",
    "purchases": "personal purchases and discounts", "whistleblowing": "reporting concerns and fraud",
    "alcohol_drugs": "alcohol, drugs and smoking", "appearance": "dress and appearance",
}


def template_for(topic: str) -> Callable[[Context], Decision]:
    if topic not in TOPICS:
        raise KeyError(topic)
    return import_module(f"assistant.decide.templates.{topic}").decide
