"""The inputs: the data model of one report, its loaders (YAML, JSON, .xlsx) and the few-shot corpus."""
