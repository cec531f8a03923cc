"""The venue and practical information: ``data/practical.yaml``, checked and served."""
