"""Camera sources implementing :class:`workshop_app.ports.FrameSource`.

``sources``: USB index, RTSP/HTTP URL, video file, folder of images; ``simulated``: a
camera that renders its own scenes (the demo); ``factory.make_frame_source(settings)``.
"""
