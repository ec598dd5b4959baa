"""The desk in a browser: `aftersales serve` runs one desk process per browser tab (textual-serve)."""
