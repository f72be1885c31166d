/** AWS::IAM::Role and SAML providers (AWS::IAM::SAMLProvider, and the custom resource of Salesforce's IdP stack). */
import { propertyAt, type ResourceMapper } from './types.js';
import { plain, str, tagsOf } from './values.js';

export const iamRole: ResourceMapper = (resource, { estate }) => {
  const { key, origin, properties: p } = resource;
  const doc = p.AssumeRolePolicyDocument;
  estate.roles.push({
    key,
    origin,
    name: str(p.RoleName),
    path: str(p.Path),
    arn: null,
    tags: tagsOf(p.Tags),
    trustPolicy: typeof doc === 'string' ? doc : plain(doc),
    trustPolicyAt: propertyAt(resource, 'AssumeRolePolicyDocument'),
  });
};

export const samlProvider: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  estate.samlProviders.push({ key, origin, name: str(p.Name), arn: null });
};

/** SCV creates its identity provider, `SalesforceServiceVoiceIdp_<org id>`, through this custom resource (BYOAIDPStack). */
export const SCV_IDP_RESOURCE_TYPE = 'Custom::IdentityProvider';

/** The custom resource counts as a SAML provider only when it names SCV's. */
export const scvIdentityProvider: ResourceMapper = (resource, ctx) => {
  const name = str(resource.properties.Name);
  if (name !== null && name.startsWith('SalesforceServiceVoiceIdp_')) samlProvider(resource, ctx);
};
