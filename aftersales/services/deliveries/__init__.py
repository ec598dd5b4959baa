"""Delivery orders: dispatching, the dispatcher's moves, the board, run sheets and per-shop quality."""
