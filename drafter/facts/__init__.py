"""The fact base: every figure of the data as a Fact, stated or derived, with the words that name it."""
