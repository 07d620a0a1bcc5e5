"""One episode of a case: planning, synthesis, assembly, MP3 tags, chapters, transcript, and the manifest of episodes."""
