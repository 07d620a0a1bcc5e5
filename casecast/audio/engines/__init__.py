"""Text-to-speech engines behind one small interface: ``synthesize(text, voice) -> Audio``."""

from .base import Audio, Boundary, Engine, EngineError

__all__ = ["Audio", "Boundary", "Engine", "EngineError"]
