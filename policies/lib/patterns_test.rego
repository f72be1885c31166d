package scv.test.lib.patterns

import data.scv.lib.patterns
import rego.v1

test_hyphen_outside_class_matches if {
	patterns.matches("*-ConnectCallRole", "ProdPartnerNew-ConnectCallRole")
	patterns.matches("ext-?", "ext-1")
	not patterns.matches("ext-?", "ext-12")
	not patterns.matches("*-ConnectCallRole", "ProdConnectCallRole")
}

test_wildcards_cross_every_character if {
	patterns.matches("SCV*", "SCV.Recording-Role")
	patterns.matches("sts:assume*", "sts:assumerole")
	not patterns.matches("SCV*", "MySCVRole")
}

test_character_class_as_written if {
	patterns.matches("role[0-9]", "role7")
	not patterns.matches("role[0-9]", "rolex")
}
