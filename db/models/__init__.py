"""The relational model: articles, actors, venues, topics, events and the provenance that links them."""

from db.base import Base
from db.models.actors import Actor, ActorAlias, ActorPosition
from db.models.articles import Article, ArticleTopic
from db.models.data_version import DataVersion
from db.models.events import Event, EventParticipant, EventTopic
from db.models.jobs import JobOutcome
from db.models.provenance import Evidence, Mention
from db.models.reports import ArticleReport
from db.models.topics import Topic
from db.models.venues import Venue

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorPosition",
    "Article",
    "ArticleReport",
    "ArticleTopic",
    "Base",
    "DataVersion",
    "Event",
    "EventParticipant",
    "EventTopic",
    "Evidence",
    "JobOutcome",
    "Mention",
    "Topic",
    "Venue",
]
