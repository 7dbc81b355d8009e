import type { PolicyJson } from '../../model/policy-json';
import type { Collected } from '../collected';

/** What AWS Organizations says about the organization the audited account belongs to. */
export interface OrganizationsInventory {
  /** The audited account. */
  account: string;
  /** `null`: the account is in no organization (AWSOrganizationsNotInUseException), which is data. */
  organization: Collected<OrganizationFacts | null>;
}

export interface OrganizationFacts {
  id: string;
  arn: string;
  /** 'ALL' or 'CONSOLIDATED_BILLING'; SCPs exist only with 'ALL'. */
  featureSet: string;
  managementAccountId: string;
  /** The audited account is the management account (whose principals SCPs never limit). */
  auditedIsManagement: boolean;
  /** The tree and the SCPs: readable from the management account or a delegated administrator. */
  structure: Collected<OrganizationStructure>;
  serviceControlPolicies: Collected<ServiceControlPolicy[]>;
}

export interface OrganizationRoot {
  id: string;
  arn: string;
  name: string;
  policyTypes: { type: string; status: string }[];
}

export interface OrganizationalUnit {
  id: string;
  arn: string;
  name: string;
  parentId: string;
}

export interface MemberAccount {
  id: string;
  arn: string;
  name: string;
  status: string;
  /** Ids from the root down to the account's direct parent, e.g. ['r-ab12', 'ou-ab12-x', 'ou-ab12-y']. */
  parentChain: string[];
}

export interface OrganizationStructure {
  roots: OrganizationRoot[];
  organizationalUnits: OrganizationalUnit[];
  accounts: MemberAccount[];
}

export type PolicyTargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export interface ServiceControlPolicy {
  id: string;
  arn: string;
  name: string;
  awsManaged: boolean;
  /** The parsed JSON document, or why it could not be parsed. */
  document: PolicyJson | null;
  documentError?: string;
  targets: { id: string; type: PolicyTargetType; name: string }[];
}
