"""Numbered sales documents (合同书、销售单据、价格签): ranges, their states and the moves between them."""
