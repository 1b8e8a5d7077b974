"""The reviewer's side: decisions kept across runs, regenerating sections, listings of a finished draft."""
