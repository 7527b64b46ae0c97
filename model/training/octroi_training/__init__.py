"""Octroi's training pipeline: features CSV (exported by the app's own feature code) -> signed ONNX model."""
