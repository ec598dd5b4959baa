"""Complaint numbers: TS-YYYYMMDD-NNNN (a fifth digit once a day passes 9,999)."""

from datetime import date


def complaint_number(day: date, sequence: int) -> str:
    return f"TS-{day:%Y%m%d}-{sequence:04d}"
