"""The drafting run: sections drafted, checked, re-asked, repaired or marked, then stored."""
