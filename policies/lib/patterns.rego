# METADATA
# title: Name patterns
# description: |
#   Glob matching with no delimiters (`*` and `?` cross every character), for name patterns,
#   IAM actions and StringLike values. A `-` outside a character class is matched through a
#   stand-in character, so that patterns like `*-ConnectCallRole` match in every engine.
package scv.lib.patterns

import rego.v1

# Never in IAM names, tag keys, actions or external ids.
stand_in := "\u0000"

# `value` matches glob `pattern`.
matches(pattern, value) if {
	not contains(pattern, "[")
	glob.match(replace(pattern, "-", stand_in), null, replace(value, "-", stand_in))
}

# A pattern with a character class (where `-` may form a range) is matched as written.
matches(pattern, value) if {
	contains(pattern, "[")
	glob.match(pattern, null, value)
}
