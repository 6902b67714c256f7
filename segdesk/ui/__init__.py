"""The Qt interface: one module per view, item models, workers, settings, translations."""
