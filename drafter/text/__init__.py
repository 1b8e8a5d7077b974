"""Text below the numbers: traditional to simplified, drafter's own marks (〔待核实〕…), token counts."""
