"""The verification report and the exports: the records, the text every format shares, the sections, and one module per output format (as_*)."""
