/**
 * Shape of the org fixtures the local Salesforce server serves (fixtures/salesforce/*.json).
 * Records are written as Salesforce returns them over REST (18-character Ids, 15-character ids
 * where Salesforce uses them, `+0000` offsets).
 */
export type SObjectRecord = Record<string, unknown>;

export interface ApiFailureFixture {
  status: number;
  errorCode: string;
  /** `{token}` is replaced with the caller's access token (to prove redaction). */
  message: string;
}

export interface CallCenterItemFixture {
  name: string;
  label: string;
  value: string;
}

export interface CallCenterDefinitionFixture {
  /** CallCenter Id (18). */
  id: string;
  fullName: string;
  displayName: string;
  adapterUrl?: string;
  customSettings?: string;
  version?: string;
  createdDate: string;
  sections: { name: string; label: string; items: CallCenterItemFixture[] }[];
}

export type OrgLogin =
  | { method: 'jwt'; clientId: string; username: string }
  | { method: 'refresh-token'; clientId: string; clientSecret?: string; refreshToken: string }
  | { method: 'access-token'; accessToken: string };

export interface OrgFixture {
  /** Alias the tests use for this org. */
  key: string;
  login: OrgLogin;
  /** REST sObjects by name; `Organization` must hold one record. */
  sobjects: Record<string, SObjectRecord[]>;
  /** Tooling API objects by name. */
  tooling: Record<string, SObjectRecord[]>;
  callCenterDefinitions: CallCenterDefinitionFixture[];
  /** Object name (REST or Tooling) → the error a query on it answers with. */
  failures?: Record<string, ApiFailureFixture>;
}

export interface EstateFixture {
  description: string;
  orgs: OrgFixture[];
}
