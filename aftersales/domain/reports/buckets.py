"""How the reports' summaries count: the mall's days at a fixed offset from UTC, and time histograms in
buckets of whole minutes, a minute wide under 32 minutes; from 2^k minutes on (k ≥ 5), 2^(k-4) minutes wide,
so a bucket is never wider than 1/16 of the times in it."""

# Asia/Shanghai, the SLA policy's default zone (China keeps no summer time).
LOCAL_OFFSET_SECONDS = 8 * 3600
DAY_SECONDS = 86400
# Buckets are exact minutes below 2^EXACT_BITS; above, each power of two splits into 2^(EXACT_BITS-1).
EXACT_BITS = 5
# Histogram rows over every shop (shop 0) or every severity (-1).
ALL_SHOPS = 0
ALL_SEVERITIES = -1


def bucket_of(minutes: int) -> int:
    """The bucket (its first minute) that a time of `minutes` (whole, ≥ 0) counts in."""
    if minutes < 2 ** EXACT_BITS:
        return minutes
    shift = minutes.bit_length() - EXACT_BITS
    return (minutes >> shift) << shift


def bucket_width(bucket: int) -> int:
    """How many minutes the bucket starting at `bucket` spans."""
    if bucket < 2 ** EXACT_BITS:
        return 1
    return 1 << (bucket.bit_length() - EXACT_BITS)
