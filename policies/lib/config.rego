# METADATA
# title: Rule settings
# description: |
#   Settings the rules read from `data.config` (the scanner config's `settings:` section), each with
#   a documented default used when the setting is absent.
package scv.lib.config

import rego.v1

# The defaults, one per setting. docs/rules.md lists them.
defaults := {
	# Tag whose value names the environment of a resource (after the explicit config mapping).
	"environmentTagKey": "Environment",
	# AWS accounts Salesforce uses to assume the Service Cloud Voice cross-account roles.
	"salesforceAccountIds": ["793525387755"],
	# Glob patterns (no delimiters) for role names that are Service Cloud Voice roles, besides the
	# role ARNs the contact centers reference.
	"scvRoleNamePatterns": [
		"SCV*",
		"*SCVProvisioningRole*",
		"*AmazonConnectManagementRole*",
		"*UpdateCredentialRole*",
		"*InstanceRecordingRole*",
		"*SCVS3Role*",
		"*-ConnectCallRole",
	],
	# Glob patterns for tag keys that mark a Connect instance as set up for Service Cloud Voice.
	"scvTagKeyPatterns": ["salesforce*", "Salesforce*", "scv*", "SCV*", "sfdc*"],
	# Claimed phone numbers a non-production instance may hold (dev/test use dummy numbers).
	"nonProductionPhoneNumberAllowance": 1,
	# Words in a Lambda function name or alias that mark it as belonging to a non-production
	# environment, and to production.
	"nonProductionLambdaMarkers": ["dev", "develop", "development", "test", "tst", "qa", "uat", "stage", "staging", "sandbox", "sbx", "nonprod"],
	"productionLambdaMarkers": ["prod", "prd", "production", "live"],
	"multiOrg": [],
}

default user_settings := {}

user_settings := data.config if is_object(data.config)

# Every setting, the user's value where given.
settings := {key: value |
	some key, default_value in defaults
	value := object.get(user_settings, key, default_value)
}

environment_tag_key := settings.environmentTagKey

salesforce_account_ids := {id | some id in settings.salesforceAccountIds}

scv_role_name_patterns := settings.scvRoleNamePatterns

scv_tag_key_patterns := settings.scvTagKeyPatterns

non_production_phone_number_allowance := settings.nonProductionPhoneNumberAllowance

non_production_lambda_markers := {lower(m) | some m in settings.nonProductionLambdaMarkers}

production_lambda_markers := {lower(m) | some m in settings.productionLambdaMarkers}

# Declared multi-org setups (contact center stack InstanceType SOURCE | REPLICA | MULTIORG):
# [{orgs, accounts, instances}], each list optional but orgs (checked when the config is loaded).
multi_org_groups := [{"orgs": object.get(g, "orgs", []), "accounts": object.get(g, "accounts", []), "instances": object.get(g, "instances", [])} | some g in settings.multiOrg]
