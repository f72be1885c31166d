# METADATA
# title: AWS-side SCV evidence
# description: |
#   Lookups over the evidence sections of an account (CloudFormation stacks, Lambda functions,
#   SAML providers, KMS keys, Firehoses), each computed once per evaluation. A section an account
#   does not have was not collected: it holds no evidence either way. Salesforce org ids are
#   compared by their first 15 characters, so 15- and 18-character forms name the same org.
package scv.lib.evidence

import data.scv.lib.arn
import data.scv.lib.env
import data.scv.lib.estate
import rego.v1

# Parameters only Service Cloud Voice's stacks declare.
scv_stack_parameters := {"SalesforceOrgId", "EnvironmentType", "CallCenterApiName", "ConnectInstanceId", "InstanceType"}

# An SCV stack: it names a Salesforce org, or a call center together with its instance or tier.
is_scv_stack(stack) if is_string(stack.parameters.SalesforceOrgId)

is_scv_stack(stack) if {
	is_string(stack.parameters.CallCenterApiName)
	some k in {"ConnectInstanceId", "InstanceType", "EnvironmentType"}
	is_string(stack.parameters[k])
}

# An AWS account id that names a real account (not a placeholder of pre-deploy files).
account_known(id) if estate.account_known(id)

stacks := [{"account": a, "stack": s} | some a in input.aws.accounts; some s in object.get(a, "cloudFormationStacks", [])]

scv_stacks := [e | some e in stacks; is_scv_stack(e.stack)]

functions := [{"account": a, "function": f} | some a in input.aws.accounts; some f in object.get(a, "lambdaFunctions", [])]

functions_by_arn := {e.function.arn: e | some e in functions}

# A function ARN without its qualifier (alias or version).
unqualified(function_arn) := concat(":", array.slice(p, 0, 7)) if {
	p := arn.parts(function_arn)
	p[2] == "lambda"
	count(p) >= 7
}

# The 15-character key of a Salesforce org id (15 or 18 characters), undefined for anything else.
org_key(id) := substring(id, 0, 15) if {
	is_string(id)
	regex.match(`^00D[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$`, id)
}

# org key -> ids of the orgs with it; an org key shared by two records (a malformed id) is ambiguous.
org_ids_by_key[org_key(org.id)] contains org.id if some org in input.salesforce.orgs

# org key -> the one org with that key; ambiguous keys are left out (rules then cannot know).
orgs_by_key := {k: estate.orgs_by_id[id] | some k, ids in org_ids_by_key; count(ids) == 1; some id in ids}

saml_provider_prefix := "SalesforceServiceVoiceIdp_"

# The org a SAML provider stands for (SalesforceServiceVoiceIdp_<org id>).
saml_provider_org(name) := id if {
	startswith(name, saml_provider_prefix)
	id := substring(name, count(saml_provider_prefix), -1)
	org_key(id)
}

# Evidence that ties an account to an org: [{account, org (as written), key, what}].
org_evidence contains {"account": a.id, "org": id, "key": org_key(id), "what": sprintf("SAML provider %s", [p.name])} if {
	some a in input.aws.accounts
	some p in object.get(a, "samlProviders", [])
	id := saml_provider_org(p.name)
}

org_evidence contains {"account": e.account.id, "org": id, "key": org_key(id), "what": sprintf("stack %s (SalesforceOrgId)", [e.stack.name])} if {
	some e in scv_stacks
	id := e.stack.parameters.SalesforceOrgId
	org_key(id)
}

org_evidence contains {"account": e.account.id, "org": id, "key": org_key(id), "what": sprintf("Lambda function %s (SALESFORCE_ORG_ID)", [e.function.name])} if {
	some e in functions
	id := e.function.salesforceOrgId
	org_key(id)
}

# account id -> evidence entries.
org_evidence_by_account[account_id] contains e if {
	some e in org_evidence
	account_id := e.account
}

# Tier an SCV stack declares for its org (EnvironmentType PRODUCTION / SANDBOX).
declared_tiers[org_key(e.stack.parameters.SalesforceOrgId)] contains t if {
	some e in scv_stacks
	t := stack_tier(e.stack.parameters.EnvironmentType)
}

stack_tier("PRODUCTION") := "production"

stack_tier("SANDBOX") := "non-production"

# Tier of an org by its key: the scanned org's, else the one its SCV stacks declare (when they agree).
org_tier_by_key(key) := env.org_tier(orgs_by_key[key])

org_tier_by_key(key) := t if {
	not orgs_by_key[key]
	tiers := declared_tiers[key]
	count(tiers) == 1
	some t in tiers
}

# Tier of an account: the tier of its environment.
account_tier(account_id) := estate.tier_of_environment(estate.account_environments[account_id])

# ------------------------------------------------------------------ data paths beyond the stream

firehoses_by_arn := {f.arn: f | some a in input.aws.accounts; some f in object.get(a, "firehoseStreams", [])}

# Firehoses that read a Kinesis stream, by the stream's ARN.
firehoses_by_source[f.sourceStreamArn] contains f.arn if {
	some f in firehoses_by_arn
	is_string(f.sourceStreamArn)
}

# Where an instance's streamed data ends up through Firehoses ([instance, destination, Firehose]): the destinations of the Firehose it
# writes to, and of every Firehose that reads the Kinesis stream it writes to.
delivery_targets contains [e.instance.arn, d.target, firehose_arn] if {
	some e in estate.instances
	some s in e.instance.storage
	is_string(s.streamArn)
	some firehose_arn in ({s.streamArn} | object.get(firehoses_by_source, s.streamArn, set()))
	some d in firehoses_by_arn[firehose_arn].destinations
	is_string(d.target)
}

# destination -> instance ARNs whose data a Firehose delivers there.
instances_by_delivery_target[t[1]] contains t[0] if some t in delivery_targets

# destination -> the Firehoses delivering there.
firehoses_by_delivery_target[t[1]] contains t[2] if some t in delivery_targets

# [account, region, prefix] of Kinesis Video Streams -> instance ARNs streaming media under it.
instances_by_video_prefix[[e.account.id, e.instance.region, s.kinesisVideo.prefix]] contains e.instance.arn if {
	some e in estate.instances
	some s in e.instance.storage
	is_string(object.get(object.get(s, "kinesisVideo", {}), "prefix", null))
	s.kinesisVideo.prefix != ""
}
