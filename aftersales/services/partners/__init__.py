"""Outside service partners: their directory, and referrals of complaints to and from them."""
