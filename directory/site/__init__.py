"""Stage 4, render: the pages, from templates that only format what derive computed."""
