"""Vertical video (#14): a 1080×1920 H.264/AAC MP4 per episode for 视频号/抖音.

Frames are drawn with Pillow (:mod:`.frames`), laid on the episode's timeline (:mod:`.timeline`)
and encoded by the FFmpeg that the ``imageio-ffmpeg`` wheel ships (:mod:`.encode`): each still is
one frame with a duration. ``video/manifest.json`` keys every video on a hash of its inputs.
"""

from .video_set import VideoReport, build_videos, videos_in_full_build

__all__ = ["VideoReport", "build_videos", "videos_in_full_build"]
