# METADATA
# title: IAM policy helpers
# description: |
#   Read IAM policy statements the way AWS does: a principal or action may be a string or a list,
#   condition keys are case-insensitive, and an external id may be matched by several operators.
package scv.lib.iam

import data.scv.lib.arn
import data.scv.lib.config
import rego.v1

# A value AWS lets be written as a string or a list, always as a list.
as_list(x) := x if is_array(x)

as_list(x) := [x] if is_string(x)

as_list(x) := [] if {
	not is_array(x)
	not is_string(x)
}

is_allow(stmt) if stmt.Effect == "Allow"

# The AWS principals of a statement as a list: `"Principal": "*"` is ["*"].
aws_principals(stmt) := ["*"] if object.get(stmt, "Principal", null) == "*"

aws_principals(stmt) := as_list(object.get(stmt.Principal, "AWS", [])) if is_object(object.get(stmt, "Principal", null))

aws_principals(stmt) := [] if {
	p := object.get(stmt, "Principal", null)
	p != "*"
	not is_object(p)
}

allows_any_principal(stmt) if "*" in aws_principals(stmt)

# Accounts (and "*") a statement's AWS principals belong to.
principal_accounts(stmt) := {acct |
	some p in aws_principals(stmt)
	p != "*"
	acct := arn.principal_account(p)
} | {"*" | allows_any_principal(stmt)}

# Accounts other than `own_account` (or "*") that a statement lets in.
foreign_principal_accounts(stmt, own_account) := {acct |
	some acct in principal_accounts(stmt)
	acct != own_account
}

# An action matches sts:AssumeRole as AWS matches it: case-insensitively, with `*` and `?` wildcards
# ("*", "sts:*", "sts:Assume*", "sts:AssumeRol?").
action_matches_assume_role(action) if {
	is_string(action)
	glob.match(lower(action), null, "sts:assumerole")
}

allows_assume_role(stmt) if {
	some action in as_list(object.get(stmt, "Action", []))
	action_matches_assume_role(action)
}

# `NotAction` covers every action it does not list: sts:AssumeRole unless one of them matches it.
allows_assume_role(stmt) if {
	object.get(stmt, "Action", null) == null
	object.get(stmt, "NotAction", null) != null
	not_actions := as_list(stmt.NotAction)
	not any_matches_assume_role(not_actions)
}

any_matches_assume_role(actions) if {
	some action in actions
	action_matches_assume_role(action)
}

conditions(stmt) := c if {
	c := object.get(stmt, "Condition", {})
	is_object(c)
}

conditions(stmt) := {} if not is_object(object.get(stmt, "Condition", {}))

# Condition operators that make the key required and match its value.
requiring_operators := {
	"stringequals", "stringequalsignorecase", "stringlike",
	"foranyvalue:stringequals", "foranyvalue:stringequalsignorecase", "foranyvalue:stringlike",
}

# Every sts:ExternalId test of a statement: [{operator, values}], whatever the operator.
external_id_tests(stmt) := [{"operator": op, "values": as_list(v)} |
	some op, keys in conditions(stmt)
	is_object(keys)
	some key, v in keys
	lower(key) == "sts:externalid"
]

# The tests that actually require an external id (not `StringNotEquals`, `...IfExists`, `Null`).
requiring_external_id_tests(stmt) := [t |
	some t in external_id_tests(stmt)
	lower(t.operator) in requiring_operators
]

requires_external_id(stmt) if count(requiring_external_id_tests(stmt)) > 0

# A condition operator without its set prefix (`ForAnyValue:`, `ForAllValues:`) and its `IfExists`
# suffix, lower case: `ForAnyValue:StringLikeIfExists` is `stringlike`.
operator_base(op) := trim_suffix(trim_prefix(trim_prefix(lower(op), "foranyvalue:"), "forallvalues:"), "ifexists")

# Every sts:ExternalId test that matches the id against its values (whether or not it also
# requires the key): the StringEquals, StringEqualsIgnoreCase and StringLike families.
matching_external_id_tests(stmt) := [t |
	some t in external_id_tests(stmt)
	operator_base(t.operator) in {"stringequals", "stringequalsignorecase", "stringlike"}
]

# External id values a statement accepts.
external_ids(stmt) := {v |
	some t in requiring_external_id_tests(stmt)
	some v in t.values
	is_string(v)
}

# Allow statements of a role's trust policy that let a principal assume it.
trust_statements(role) := [stmt |
	is_object(role.trustPolicy)
	some stmt in role.trustPolicy.Statement
	is_allow(stmt)
	allows_assume_role(stmt)
]

role_account(role) := arn.account(role.arn)

# Deny statements for any principal that deny assuming the role unless the external id is one of
# their values (`"Effect": "Deny", "Principal": "*", "Condition": {"StringNotEquals":
# {"sts:ExternalId": "ID"}}`, and no other condition): each gives the ids it lets through. Such a
# statement requires an external id of every Allow statement of the policy.
external_id_gates(role) := [ids | some [_, ids] in external_id_gate_statements(role)]

# The gates with their position in the policy's Statement list: [index, ids].
external_id_gate_statements(role) := [[i, ids] |
	is_object(role.trustPolicy)
	some i, stmt in role.trustPolicy.Statement
	stmt.Effect == "Deny"
	allows_any_principal(stmt)
	allows_assume_role(stmt)
	tests := external_id_tests(stmt)
	count(tests) > 0
	count(tests) == count([k | some _, keys in conditions(stmt); some k, _ in keys])
	every t in tests {
		not startswith(lower(t.operator), "for")
		operator_base(t.operator) in {"stringnotequals", "stringnotequalsignorecase", "stringnotlike"}
	}
	ids := {v | some t in tests; some v in t.values; is_string(v)}
]

# Allow statements of a role's trust policy that let a principal assume it, with their position
# in the policy's Statement list: [index, statement].
indexed_trust_statements(role) := [[i, stmt] |
	is_object(role.trustPolicy)
	some i, stmt in role.trustPolicy.Statement
	is_allow(stmt)
	allows_assume_role(stmt)
]

external_id_gated(role) if count(external_id_gates(role)) > 0

# The ids that pass every gate.
gate_external_ids(role) := intersection({ids | some ids in external_id_gates(role)})

# An Allow statement of `role` that admits a principal only with an external id: by its own
# condition, or because a gate of the policy denies every other request.
statement_requires_external_id(_, stmt) if requires_external_id(stmt)

statement_requires_external_id(role, _) if external_id_gated(role)

# How a statement matches external ids: [operator base, value] (`stringequals`,
# `stringequalsignorecase` or `stringlike`).
external_id_matchers(stmt) := {[operator_base(t.operator), v] |
	some t in requiring_external_id_tests(stmt)
	some v in t.values
	is_string(v)
}

# The matchers of an Allow statement of `role`, gates applied (a gate lets its ids through exactly).
statement_external_id_matchers(role, stmt) := external_id_matchers(stmt) if not external_id_gated(role)

statement_external_id_matchers(role, stmt) := {m | some m in external_id_matchers(stmt); m[1] in gate_external_ids(role)} if {
	external_id_gated(role)
	requires_external_id(stmt)
}

statement_external_id_matchers(role, stmt) := {["stringequals", v] | some v in gate_external_ids(role)} if {
	external_id_gated(role)
	not requires_external_id(stmt)
}

# How a role's trust policy matches external ids, over all its statements.
role_external_id_matchers(role) := {m |
	some stmt in trust_statements(role)
	some m in statement_external_id_matchers(role, stmt)
}

# External id values a role's trust policy names.
role_external_ids(role) := {m[1] | some m in role_external_id_matchers(role)}

# Whether matchers accept external id `id`, as AWS compares: exactly, ignoring case, or with the
# `*` and `?` wildcards of StringLike.
accepts_external_id(matchers, id) if ["stringequals", id] in matchers

accepts_external_id(matchers, id) if {
	some [base, v] in matchers
	base == "stringequalsignorecase"
	lower(v) == lower(id)
}

accepts_external_id(matchers, id) if {
	some [base, v] in matchers
	base == "stringlike"
	glob.match(v, null, id)
}

# Accounts other than the role's own that its trust policy lets in ("*" for anyone; see
# admitted_foreign_accounts for a restricted `*`).
role_foreign_accounts(role) := {acct |
	some stmt in trust_statements(role)
	some acct in role_admitted_foreign_accounts(role, stmt)
}

# ------------------------------------------------------------------ principal scoping conditions

# Operators that restrict a key to the listed values: not negated (`StringNotEquals` only excludes),
# not `...IfExists` or `ForAllValues:` (both pass when the key is absent), not `Null`.
restricting(op) if {
	not startswith(lower(op), "forallvalues:")
	not endswith(lower(op), "ifexists")
	operator_base(op) in {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"}
}

# The values a statement restricts condition keys to: [{key (lower case), values}].
restricting_tests(stmt) := [{"key": lower(key), "values": as_list(v)} |
	some op, keys in conditions(stmt)
	restricting(op)
	is_object(keys)
	some key, v in keys
]

# A wildcard alone (`*`, `?*`, ...) restricts nothing.
narrowing(values) if {
	count(values) > 0
	every v in values {
		is_string(v)
		not regex.match(`^[*?]*$`, v)
	}
}

# Keys that restrict who the principal is (IAM-004 accepts these on a `*` principal).
principal_scoping_keys := {"aws:principalorgid", "aws:principalarn", "aws:principalaccount"}

# A `*` principal restricted to an organization, an account or principal ARNs.
any_principal_restricted(stmt) if {
	some t in restricting_tests(stmt)
	t.key in principal_scoping_keys
	narrowing(t.values)
}

# Accounts a statement's `aws:PrincipalAccount` / `aws:PrincipalArn` conditions name.
principal_condition_accounts(stmt) := {acct |
	some t in restricting_tests(stmt)
	t.key in {"aws:principalaccount", "aws:principalarn"}
	narrowing(t.values)
	some v in t.values
	acct := arn.principal_account(v)
}

# Accounts other than `own_account` a statement lets in, reading a restricted `*` as AWS does: a
# `*` limited by `aws:PrincipalAccount`/`aws:PrincipalArn` lets in those accounts, one limited by
# `aws:PrincipalOrgID` the accounts of that organization (not a third party; left out), an
# unrestricted `*` anyone ("*").
admitted_foreign_accounts(stmt, own_account) := foreign_principal_accounts(stmt, own_account) if not allows_any_principal(stmt)

admitted_foreign_accounts(stmt, own_account) := {"*"} | {a | some a in foreign_principal_accounts(stmt, own_account); a != "*"} if {
	allows_any_principal(stmt)
	not any_principal_restricted(stmt)
}

admitted_foreign_accounts(stmt, own_account) := {a |
	some a in principal_condition_accounts(stmt)
	a != own_account
} | {a | some a in foreign_principal_accounts(stmt, own_account); a != "*"} if {
	allows_any_principal(stmt)
	any_principal_restricted(stmt)
}

# ------------------------------------------------------------------ SCV roles

name_matches_scv_pattern(name) if {
	some pattern in config.scv_role_name_patterns
	glob.match(pattern, null, name)
}

trusts_salesforce(role) if {
	some acct in role_foreign_accounts(role)
	acct in config.salesforce_account_ids
}

# How a message names a statement: its Sid when it has one, and its position (from 0).
statement_label(i, stmt) := sprintf("statement %d (Sid %s)", [i, stmt.Sid]) if {
	is_string(object.get(stmt, "Sid", null))
	stmt.Sid != ""
}

statement_label(i, stmt) := sprintf("statement %d", [i]) if {
	not is_string(object.get(stmt, "Sid", null))
}

statement_label(i, stmt) := sprintf("statement %d", [i]) if stmt.Sid == ""

# Why an sts:ExternalId test does not require the id, for messages.
external_id_test_weakness(op) := sprintf("%s passes when the key is absent", [op]) if startswith(lower(op), "forallvalues:")

external_id_test_weakness(op) := sprintf("%s passes when the key is absent", [op]) if {
	not startswith(lower(op), "forallvalues:")
	endswith(lower(op), "ifexists")
}

external_id_test_weakness(op) := sprintf("%s does not match the id", [op]) if {
	not startswith(lower(op), "forallvalues:")
	not endswith(lower(op), "ifexists")
}

# admitted_foreign_accounts for a role's own trust statement. When the role's account is not known
# (a planned role whose file does not say where it deploys), only what is foreign to every
# customer account counts: any principal ("*") and the Salesforce accounts.
role_admitted_foreign_accounts(role, stmt) := admitted_foreign_accounts(stmt, role_account(role))

role_admitted_foreign_accounts(role, stmt) := accounts if {
	not role_account(role)
	accounts := {acct | some acct in admitted_foreign_accounts(stmt, ""); acct in ({"*"} | config.salesforce_account_ids)}
}
