"""Stages 5 to 7: the search index, the open data, feeds, sitemap and schemas, and the swap into place."""
