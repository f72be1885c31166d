# METADATA
# title: Estate indexes
# description: |
#   Lookups over the inventory, each computed once per evaluation so that rules join resources in
#   linear time: resources by ARN, the AWS accounts and instances each active org is linked to,
#   and the reverse maps.
package scv.lib.estate

import data.scv.lib.arn
import data.scv.lib.env
import data.scv.lib.iam
import rego.v1

# ------------------------------------------------------------------ Salesforce side

orgs_by_id := {org.id: org | some org in input.salesforce.orgs}

active_orgs := [org | some org in input.salesforce.orgs; org.status == "active"]

# The inventory holds Salesforce orgs and no org failed to be read (an org that could not be read,
# or whose contact centers could not, is missing or incomplete): rules about "linked to no org"
# need this side complete, and stay silent otherwise (SCV-COLL-001 reports the failure).
salesforce_collected if {
	count(input.salesforce.orgs) > 0
	not salesforce_read_failed
}

salesforce_read_failed if {
	some e in input.collection.errors
	e.source == "salesforce"
}

org_tiers := {org.id: t | some org in input.salesforce.orgs; t := env.org_tier(org)}

# Contact centers of active orgs, with their org.
contact_centers := [{"org": org, "cc": cc} | some org in active_orgs; some cc in org.contactCenters]

# The instance ARN a contact center points at: as given, else found by instance id, else built
# from region, account and instance id.
cc_instance_arn(cc) := cc.connect.instanceArn if is_string(cc.connect.instanceArn)

cc_instance_arn(cc) := instance_arn_by_id[cc.connect.instanceId] if not is_string(cc.connect.instanceArn)

cc_instance_arn(cc) := sprintf("arn:aws:connect:%s:%s:instance/%s", [c.region, c.awsAccountId, c.instanceId]) if {
	c := cc.connect
	not is_string(c.instanceArn)
	not instance_arn_by_id[c.instanceId]
	is_string(c.region)
	arn.is_account_id(c.awsAccountId)
	is_string(c.instanceId)
}

# A contact center known only by its instance's alias (reqInstanceName): the instance of that alias
# when exactly one instance has it where the instance may be (see alias_instance_arns).
cc_instance_arn(cc) := instance_arn if {
	alias_only(cc)
	arns := {a | some key, a in alias_instance_arns; key[1] == cc.id}
	count(arns) == 1
	some instance_arn in arns
}

# ------------------------------------------------------------------ contact centers known by alias

# A contact center that names its instance only by alias (reqInstanceName): no ARN, no id.
alias_only(cc) if {
	not is_string(cc.connect.instanceArn)
	not is_string(cc.connect.instanceId)
	is_string(object.get(cc.connect, "instanceAlias", null))
}

# Where the instance of an alias-only contact center may be. An alias is unique per account and
# region only, not globally: the contact center's own Connect account when its call center names
# one (its role ARNs), else the accounts the config maps to its org's environment. Undefined when
# neither is known.
alias_scope(_, cc) := {"accounts": {id}, "text": sprintf("account %s", [id])} if {
	id := cc.connect.awsAccountId
	account_known(id)
}

alias_scope(org, cc) := {"accounts": ids, "text": sprintf("the accounts of environment %s (%s)", [org.environment, concat(", ", sort(ids))])} if {
	not account_known(cc.connect.awsAccountId)
	is_string(org.environment)
	ids := {a.id | some a in input.aws.accounts; object.get(a, "environment", null) == org.environment; account_known(a.id)}
	count(ids) > 0
}

# The instances of the inventory in `scope` whose alias is the contact center's (and region, when
# the contact center names one).
alias_matches(scope, cc) := {i.arn |
	some id in scope.accounts
	some i in accounts_by_id[id].connectInstances
	i.alias == cc.connect.instanceAlias
	not i.known == false
	alias_region_matches(cc, i)
}

alias_region_matches(cc, _) if not is_string(cc.connect.region)

alias_region_matches(cc, i) if cc.connect.region == i.region

# [org id, contact center id] -> the instance ARN of an alias-only contact center, when exactly one
# instance where its instance may be has its alias. Never a guess: otherwise it is in
# unresolved_aliases.
alias_instance_arns[[org.id, cc.id]] := instance_arn if {
	some org in input.salesforce.orgs
	some cc in org.contactCenters
	alias_only(cc)
	matches := alias_matches(alias_scope(org, cc), cc)
	count(matches) == 1
	some instance_arn in matches
}

# Alias-only contact centers whose instance cannot be told: {org, cc, alias, active, reason}. Rules
# that need the instance say they cannot know (their `incomplete` set) with the reason.
unresolved_aliases contains {"org": org.id, "cc": cc.id, "alias": cc.connect.instanceAlias, "active": org.status == "active", "reason": reason} if {
	some org in input.salesforce.orgs
	some cc in org.contactCenters
	alias_only(cc)
	reason := alias_unresolved_reason(org, cc)
}

alias_unresolved_reason(org, cc) := sprintf("%s names its Amazon Connect instance only by alias %s, and no AWS account is known for it (its call center names none, and the config maps no account to %s)", [alias_cc_text(org, cc), cc.connect.instanceAlias, environment_text(org)]) if {
	not alias_scope(org, cc)
}

alias_unresolved_reason(org, cc) := sprintf("%s names its Amazon Connect instance only by alias %s, and %d instances in %s have that alias (%s)", [alias_cc_text(org, cc), cc.connect.instanceAlias, count(matches), scope.text, concat(", ", sort(matches))]) if {
	scope := alias_scope(org, cc)
	matches := alias_matches(scope, cc)
	count(matches) > 1
}

alias_unresolved_reason(org, cc) := sprintf("%s names its Amazon Connect instance only by alias %s, and no instance in %s has that alias", [alias_cc_text(org, cc), cc.connect.instanceAlias, scope.text]) if {
	scope := alias_scope(org, cc)
	count(alias_matches(scope, cc)) == 0
	every id in scope.accounts {
		accounts_by_id[id]
	}
}

alias_unresolved_reason(org, cc) := sprintf("%s names its Amazon Connect instance only by alias %s, in %s, which this scan does not hold", [alias_cc_text(org, cc), cc.connect.instanceAlias, scope.text]) if {
	scope := alias_scope(org, cc)
	count(alias_matches(scope, cc)) == 0
	some id in scope.accounts
	not accounts_by_id[id]
}

alias_cc_text(org, cc) := sprintf("contact center %s of org %s", [cc_label(cc), org_label(org)])

environment_text(org) := sprintf("its org's environment %s", [org.environment]) if is_string(org.environment)

environment_text(org) := "its org, whose environment is not known" if not is_string(org.environment)

# Alias-only contact centers of active orgs whose instance cannot be told, by alias: an instance of
# that alias may be theirs.
unresolved_active_aliases := {u.alias | some u in unresolved_aliases; u.active}

# Aliases of the global-resiliency replicas active orgs' contact centers name
# (reqSecondaryInstanceName): an instance of that alias may be the replica of a linked instance.
replica_aliases := {a | some entry in contact_centers; a := object.get(entry.cc.connect, "replicaInstanceAlias", null); is_string(a)}

cc_role_arns(cc) := {r | some _, r in cc.roles; is_string(r)}

# AWS accounts a contact center is linked to: its Connect account, its instance's, its roles'.
cc_account_ids(cc) := (({id | id := cc.connect.awsAccountId; arn.is_account_id(id)} | {id | id := arn.account(cc_instance_arn(cc))}) | {id | some r in cc_role_arns(cc); id := arn.account(r)})

# AWS accounts an org is linked to: through its contact centers and its AwsAccountKey.
org_account_ids(org) := {id | some cc in org.contactCenters; some id in cc_account_ids(cc)} | {id | id := org.awsAccountKey; arn.is_account_id(id)}

# org id -> accounts, for active orgs.
org_accounts := {org.id: org_account_ids(org) | some org in active_orgs}

# account id -> active orgs linked to it.
orgs_by_account[account_id] contains org_id if {
	some org_id, ids in org_accounts
	some account_id in ids
}

# account id -> deleted orgs that were linked to it.
deleted_orgs_by_account[account_id] contains org.id if {
	some org in input.salesforce.orgs
	org.status == "deleted"
	some account_id in org_account_ids(org)
}

# instance ARN -> contact centers of active orgs ({org, cc} ids).
ccs_by_instance[instance_arn] contains {"org": entry.org.id, "cc": entry.cc.id} if {
	some entry in contact_centers
	instance_arn := cc_instance_arn(entry.cc)
}

# role ARN -> active orgs whose contact centers reference it.
orgs_by_role[role_arn] contains entry.org.id if {
	some entry in contact_centers
	some role_arn in cc_role_arns(entry.cc)
}

# Role ARNs any contact center references (deleted orgs included: their roles still are SCV roles).
referenced_role_arns := {r | some org in input.salesforce.orgs; some cc in org.contactCenters; some r in cc_role_arns(cc)}

# ------------------------------------------------------------------ AWS side

accounts_by_id := {a.id: a | some a in input.aws.accounts}

# Ids of the accounts that stand for "not known" (`known: false`): what pre-deploy files declare
# when neither an ARN, --environment nor the config says where they deploy. Their id is a
# placeholder, never a real account.
unknown_account_ids := {a.id | some a in input.aws.accounts; a.known == false}

# An AWS account id that names a real account: a 12-digit id that is not a placeholder. Rules that
# compare accounts (or print them) do so only when this holds, and stay silent otherwise.
account_known(id) if {
	arn.is_account_id(id)
	not id in unknown_account_ids
}

# An Amazon Connect instance that is a real one: not a placeholder for the instance flows deploy to
# (`known: false`), and in a known account. Rules that compare instance ids or accounts need it.
instance_known(instance) if {
	not instance.known == false
	account_known(arn.account(instance.arn))
}

# How a message names an instance: `instance <ARN>`; a placeholder (`known: false`, the instance
# pre-deploy files deploy to when none of them names it) by what it stands for, never by its
# stand-in id or ARN, which name no real instance.
instance_text(instance) := sprintf("instance %s", [instance.arn]) if not instance.known == false

instance_text(instance) := placeholder_instance_text if instance.known == false

placeholder_instance_text := "the instance the scanned files deploy to (not known before deployment)"

# The same, for an instance named by its ARN (one the inventory does not hold: by that ARN).
instance_text_by_arn(instance_arn) := instance_text(instances_by_arn[instance_arn].instance)

instance_text_by_arn(instance_arn) := sprintf("instance %s", [instance_arn]) if not instances_by_arn[instance_arn]

account_environments := {a.id: e | some a in input.aws.accounts; e := env.account_environment(a)}

# The config's account id -> environment mapping (`aws.accounts[].environment`, handed on as
# `data.scanner.accountEnvironments`). It also names accounts this scan holds no record of (a
# `--plan` scan holds only the accounts its files deploy to): their environment is known from the
# config although nothing of them was collected.
default configured_account_environments := {}

configured_account_environments := data.scanner.accountEnvironments if is_object(data.scanner.accountEnvironments)

# Environment of an account the inventory does not hold, as the config maps it.
uncollected_account_environment(id) := configured_account_environments[id] if {
	not accounts_by_id[id]
	account_known(id)
}

instances := [{"account": a, "instance": i} | some a in input.aws.accounts; some i in a.connectInstances]

instances_by_arn := {e.instance.arn: e | some e in instances}

instance_arn_by_id := {e.instance.id: e.instance.arn | some e in instances}

instance_environments := {e.instance.arn: v | some e in instances; v := env.resource_environment(e.account, e.instance)}

buckets_by_arn := {b.arn: {"account": a, "bucket": b} | some a in input.aws.accounts; some b in a.s3Buckets}

bucket_environments := {arn_: v | some arn_, e in buckets_by_arn; v := env.resource_environment(e.account, e.bucket)}

roles_by_arn := {r.arn: {"account": a, "role": r} | some a in input.aws.accounts; some r in a.iamRoles}

# A role is an SCV role when a contact center references it or its trust policy lets a Salesforce
# account (`salesforceAccountIds`) in. A name matching a configured pattern adds a role only when
# it also trusts a foreign account: one outside the estate (not an account of the inventory), or
# anyone. A pipeline role named `SCV-Deploy` trusted by the estate's tooling account, a role only
# AWS services or a SAML provider can assume, the scanner's own read-only role: none is an SCV role.
is_scv_role(role) if role.arn in referenced_role_arns

is_scv_role(role) if iam.trusts_salesforce(role)

is_scv_role(role) if {
	iam.name_matches_scv_pattern(role.name)
	trusts_foreign_account(role)
}

estate_account_ids := {a.id | some a in input.aws.accounts}

trusts_foreign_account(role) if {
	some acct in iam.role_foreign_accounts(role)
	not acct in estate_account_ids
}

# Environment of an instance, or of its account when the instance is not in the inventory.
environment_of_instance(instance_arn) := instance_environments[instance_arn]

environment_of_instance(instance_arn) := account_environments[arn.account(instance_arn)] if not instances_by_arn[instance_arn]

tier_of_environment(name) := env.tiers[name]

# Storage targets of every instance: [{instance (ARN), resourceType, bucket (ARN) | stream (ARN)}].
storage_targets := [t |
	some e in instances
	some s in e.instance.storage
	t := storage_target(e.instance.arn, s)
]

storage_target(instance_arn, s) := {"instance": instance_arn, "resourceType": s.resourceType, "bucket": arn.s3_bucket_arn(s.s3.bucket)} if is_string(s.s3.bucket)

storage_target(instance_arn, s) := {"instance": instance_arn, "resourceType": s.resourceType, "stream": s.streamArn} if {
	is_string(s.streamArn)
	not is_string(s.s3.bucket)
}

# bucket ARN -> instance ARNs storing in it; stream ARN -> instance ARNs writing to it.
instances_by_bucket[bucket_arn] contains t.instance if {
	some t in storage_targets
	bucket_arn := t.bucket
}

instances_by_stream[stream_arn] contains t.instance if {
	some t in storage_targets
	stream_arn := t.stream
}

# Connect storage resource types that hold recordings or transcripts of customer contacts.
recording_resource_types := {
	"CALL_RECORDINGS", "CHAT_TRANSCRIPTS", "SCREEN_RECORDINGS", "EMAIL_MESSAGES", "ATTACHMENTS",
	"REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
	"REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "CONTACT_EVALUATIONS",
}

recording_bucket_arns := {t.bucket | some t in storage_targets; t.resourceType in recording_resource_types}

# ------------------------------------------------------------------ finding locations

# bucket or stream ARN -> where the storage configs that point an instance at it were declared
# (their inventory `origin`: plan, template). A finding about a shared bucket lists them as its
# `origins`, so it is shown at the planned change that introduced it.
storage_origins_by_target[target] contains s.origin if {
	some e in instances
	some s in e.instance.storage
	is_object(s.origin)
	some target in storage_target_arns(s)
}

storage_target_arns(s) := {arn.s3_bucket_arn(s.s3.bucket) | is_string(s.s3.bucket)} | {s.streamArn | is_string(s.streamArn)}

# The declarations of the storage configs pointing `instance_arns` at `target` (bucket or stream
# ARN), in a stable order, for a finding's `origins`.
storage_origins(target, instance_arns) := sort([s.origin |
	some instance_arn in instance_arns
	some s in instances_by_arn[instance_arn].instance.storage
	is_object(s.origin)
	target in storage_target_arns(s)
])

# The declarations of flow references or secrets (flow actions: `origin` where the reader gives
# one), in a stable order, for a finding's `origins`.
action_origins(items) := sort([o | some item in items; o := object.get(item, "origin", null); is_object(o)])

# ------------------------------------------------------------------ finding parts

# A resource reference with its environment when known.
ref(type, id, environment) := {"type": type, "id": id, "environment": environment} if is_string(environment)

ref(type, id, environment) := {"type": type, "id": id} if not is_string(environment)

org_ref(org) := ref("salesforce-org", org.id, object.get(org, "environment", null))

org_label(org) := sprintf("%s (%s)", [org.name, org.id])

org_label_by_id(id) := org_label(orgs_by_id[id])

org_label_by_id(id) := id if not orgs_by_id[id]

cc_ref(cc, org) := ref("contact-center", cc.id, object.get(org, "environment", null))

cc_label(cc) := sprintf("%s (%s)", [cc.internalName, cc.id])

account_ref(id) := ref("aws-account", id, object.get(account_environments, id, null))

instance_ref(instance_arn) := ref("connect-instance", instance_arn, object.get(instance_environments, instance_arn, null))

bucket_ref(bucket_arn) := ref("s3-bucket", bucket_arn, object.get(bucket_environments, bucket_arn, null))

role_ref(role_arn) := ref("iam-role", role_arn, object.get(account_environments, arn.account_or_empty(role_arn), null))
