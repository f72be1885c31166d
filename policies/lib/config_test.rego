package scv.test.lib.config

import data.scv.lib.config
import rego.v1

test_defaults if {
	config.environment_tag_key == "Environment"
	config.salesforce_account_ids == {"793525387755"}
	config.non_production_phone_number_allowance == 1
	"dev" in config.non_production_lambda_markers
}

test_user_settings_override_defaults if {
	config.non_production_phone_number_allowance == 3 with data.config as {"nonProductionPhoneNumberAllowance": 3}
	config.salesforce_account_ids == {"123456789012"} with data.config as {"salesforceAccountIds": ["123456789012"]}
	config.environment_tag_key == "Environment" with data.config as {"nonProductionPhoneNumberAllowance": 3}
}

test_markers_lowercased if {
	config.production_lambda_markers == {"live"} with data.config as {"productionLambdaMarkers": ["LIVE"]}
}
