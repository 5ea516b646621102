"""One router per resource: auth, files, processing, results, health and docs."""
