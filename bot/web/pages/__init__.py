"""The Mini App's pages: each an HTML fragment the shell swaps in."""
