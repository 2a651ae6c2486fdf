"""Local speech recognition (issue 16): transcribe media, and give a transcript a second opinion,
new times and audio checks, with faster-whisper (CTranslate2) and its Silero VAD.

Optional: ``pip install 'proofreel[asr]'``. Nothing here imports faster-whisper until a job
runs, so the commands and the window start without it and say what to install
(app.asr.errors.AsrUnavailable).

- app.asr.models: where a model folder is (the user's, or the bundled tiny.en);
- app.asr.engine: the recogniser and TranscribeJob (progress, cancel, lines as recognised);
- app.asr.vad: speech stretches of the audio;
- app.asr.cache: recognitions kept on disk, so one pass serves every use of the same media;
- app.asr.storing: a transcription kept as a new project;
- app.asr.analysis: one recognition pass joined to the pure logic of app.core (asr_opinion,
  asr_retime, audio_checks);
- app.asr.whisper_json: a transcription as Whisper-style JSON.
"""
