/**
 * The commented starter config written by `scv-guard init`. It must load cleanly through
 * loadConfig once the variables it names are set (a test holds it to that).
 */
export const INIT_TEMPLATE = `# scv-guard configuration. Reference: docs/config.md in the scv-guard package
# (https://github.com/scv-guard/scv-guard/blob/main/docs/config.md).
# Credentials come only from environment variables (\${VAR}), files, AWS profiles/roles or
# Salesforce JWT / refresh-token / access-token auth: never write a secret into this file.
# Unknown keys are errors. Relative paths are relative to this file's folder.

# Environments and their tier. Orgs, accounts and waivers refer to them by name.
environments:
  - { name: prod, tier: production }
  - { name: uat, tier: non-production }

salesforce:
  apiVersion: "62.0"
  orgs:
    - alias: prod
      environment: prod
      production: true              # its SandboxInfo/SandboxProcess records give sandbox lineage
      loginUrl: https://login.salesforce.com
      auth:
        method: jwt                 # connected app with a certificate; the key stays in a file
        clientId: "\${SF_CLIENT_ID}"
        username: scanner@example.com
        privateKeyFile: "\${SF_KEY_FILE}"
    - alias: uat
      environment: uat
      auth:
        method: access-token        # or: refresh-token with clientId, clientSecret?, refreshToken
        instanceUrl: https://example--uat.sandbox.my.salesforce.com
        accessToken: "\${SF_UAT_TOKEN}"

aws:
  regions: [us-east-1]              # AWS_REGION is used when this is left out
  # endpoints: { connect: https://vpce-....connect.us-east-1.vpce.amazonaws.com }
  rateLimits: { connect: 2 }        # requests per second per account and region
  organizations: { discover: false }
  accounts:
    - id: "111111111111"
      environment: prod
      assumeRole:
        roleArn: arn:aws:iam::111111111111:role/ScvGuardReadOnly
        externalId: "\${SCANNER_EXTERNAL_ID}"
    - { id: "222222222222", environment: uat, profile: uat-readonly }

policies:
  paths: []                         # folders of your own Rego rules, added to the built-in ones
  exclude: []                       # rule ids to skip, e.g. [SCV-TEL-001]
  severity: {}                      # per-rule severity overrides, e.g. { SCV-OBS-002: medium }

# Rule settings, handed to the policies as data.config. Every setting has a default
# (docs/rules.md in the package lists them): set only what differs in your estate.
settings:
  environmentTagKey: Environment    # tag naming a resource's environment
  # salesforceAccountIds: ["793525387755"]      # AWS accounts Salesforce assumes the SCV roles from
  # scvRoleNamePatterns: ["SCV*", "*SCVS3Role*", "*-ConnectCallRole"]
  # nonProductionPhoneNumberAllowance: 1       # claimed numbers a non-production instance may hold

# Accepted risks. Every waiver needs a reason and an expiry date; an expired waiver stops
# waiving and raises SCV-WAIVER-001.
waivers: []
#  - rule: SCV-DATA-001
#    resource: "arn:aws:s3:::legacy-recordings"   # exact id/ARN or a glob
#    reason: "KMS migration tracked in SEC-142"
#    expires: 2027-03-31
#    environment: uat                              # optional

report:
  formats: [sarif, json, markdown]
  outputDir: reports
  failOn: high                      # critical | high | medium | low | info | none
`;
