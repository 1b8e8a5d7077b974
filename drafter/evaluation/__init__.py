"""Offline evaluation: how faithful drafts are, and how much of what goes wrong the checker catches."""
