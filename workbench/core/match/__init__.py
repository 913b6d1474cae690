"""Cross-document matching: per-claim features, pair scoring, the learned pair model and its refit, repeats within a document, and the clustering pipeline."""
