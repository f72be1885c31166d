package scv.test.lib.times

import data.scv.lib.times
import rego.v1

test_orders_like_the_instant if {
	times.before("2025-06-01T00:00:00Z", "2025-06-01T00:00:00.5Z")
	times.before("2025-06-01T00:00:00.09Z", "2025-06-01T00:00:00.1Z")
	times.before("2025-05-31T23:59:59.999999999Z", "2025-06-01T00:00:00Z")
	not times.before("2025-06-01T00:00:00.000Z", "2025-06-01T00:00:00Z")
	not times.before("2025-06-01T00:00:01Z", "2025-06-01T00:00:00.999Z")
}

test_utc_offsets_and_separators if {
	times.utc_key("2025-06-01T10:00:00.120+00:00") == "2025-06-01T10:00:00.120000000"
	times.utc_key("2025-06-01 10:00:00+0000") == "2025-06-01T10:00:00.000000000"
	times.utc_key("2025-06-01t10:00:00.000z") == "2025-06-01T10:00:00.000000000"
}

test_other_offsets_and_garbage_are_unknown if {
	not times.utc_key("2025-06-01T10:00:00+02:00")
	not times.utc_key("2025-06-01")
	not times.utc_key(null)
	not times.before("2025-06-01T10:00:00+02:00", "2026-01-01T00:00:00Z")
}

test_end_of_day if {
	times.end_of_day_key("2027-03-31") == "2027-03-31T23:59:59.999000000"
	times.utc_key("2027-03-31T23:59:59.999Z") == times.end_of_day_key("2027-03-31")
	not times.end_of_day_key("2027-03-31T00:00:00Z")
}
