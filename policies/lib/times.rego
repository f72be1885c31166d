# METADATA
# title: Time helpers
# description: |
#   Order RFC 3339 times without time.* builtins (which OPA Wasm leaves to the SDK): a UTC time
#   (`Z`, `+00:00` or `+0000`) maps to a key that sorts like the instant it names, with the
#   fraction padded to nanoseconds. Times in other offsets have no key: unknown, not guessed.
package scv.lib.times

import rego.v1

utc_pattern := `^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-]00:?00)$`

utc_key(t) := concat("", [substring(t, 0, 10), "T", substring(t, 11, 8), ".", fraction9(t)]) if {
	is_string(t)
	regex.match(utc_pattern, t)
}

# Fraction digits after the seconds, padded or cut to nine; trailing zeros and zone characters
# do not change the value, so they may be trimmed together.
fraction9(t) := substring(concat("", [digits, "000000000"]), 0, 9) if {
	rest := substring(t, 19, count(t) - 19)
	startswith(rest, ".")
	digits := trim_right(substring(rest, 1, count(rest) - 1), "Zz+-:0")
}

fraction9(t) := "000000000" if not startswith(substring(t, 19, count(t) - 19), ".")

# The key of the last instant of a date (YYYY-MM-DD), UTC: a date-only expiry lasts the whole day.
end_of_day_key(date) := concat("", [date, "T23:59:59.999000000"]) if regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, date)

# a is strictly before b; undefined when either is not a UTC RFC 3339 time.
before(a, b) if utc_key(a) < utc_key(b)
