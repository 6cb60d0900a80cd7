"""A running stage clock times each stage of a load and traces each pass through one; without a
running clock the marks do nothing."""

from __future__ import annotations

from pathlib import Path

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loaders.pipeline import load_inputs
from loaders.stages import StageClock, stage

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
STAGES = {"read", "clean", "dating", "warm-up", "nlp", "resolve", "extract", "store"}


def test_nested_stages_are_timed_once() -> None:
    clock = StageClock()
    with clock.running():
        with stage("outer"), stage("inner"):
            pass
        with stage("outer"):
            pass
    with stage("unclocked"):
        pass
    assert clock.passes == {"outer": 2}
    assert set(clock.seconds) == {"outer"}
    assert clock.summary().startswith("outer ")
    assert clock.summary().endswith("(2×)")
    assert StageClock().summary() == "none ran"


async def test_a_load_is_timed_and_traced_stage_by_stage(session_factory: async_sessionmaker[AsyncSession]) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test")
    clock = StageClock(tracer=tracer)
    with clock.running(), tracer.start_as_current_span("the load") as root:
        report = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000, parse_in_subprocess=True)
    assert report.loaded == 5

    assert set(clock.seconds) == STAGES
    assert clock.passes["store"] == 5
    spans = exporter.get_finished_spans()
    assert {span.name for span in spans} == {f"load.{name}" for name in STAGES} | {"the load"}
    trace_id = root.get_span_context().trace_id
    assert {span.context.trace_id for span in spans} == {trace_id}
    by_id = {span.context.span_id: span for span in spans}
    # Stages marked inside others (the warm-up's cleaning and analysis) are their children.
    parents = {span.name: by_id[span.parent.span_id].name for span in spans if span.parent is not None}
    assert parents["load.store"] == "the load"
    assert {by_id[s.parent.span_id].name for s in spans if s.name == "load.resolve" and s.parent} == {
        "the load",
        "load.warm-up",
    }
