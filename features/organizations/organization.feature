@domain:organizations @scope:organization
Feature: The organization can limit its member accounts
  Service control policies (SCPs) set the maximum permissions of the principals in member accounts; they
  never grant anything. They exist only in an organization with all features enabled (a consolidated-
  billing-only organization has none), and only once the SERVICE_CONTROL_POLICY type is enabled on the
  root. An action must be allowed by an SCP at every level from the root through each OU to the account:
  FullAWSAccess is attached to every root, OU and account by default. Every root, OU and account must keep
  at least one SCP attached (AWS refuses to detach the last one), so a lock-out is a level left with only
  deny-only SCPs, or with an allow-list too narrow for the accounts below: nothing, or too little, is
  allowed there and every account below inherits it. CIS AWS Foundations v5.0.0 has no Organizations
  control (CIS v7.0.0 adds one), so these scenarios carry no @cis tag.

  # source: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  # source: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html

  @severity:high
  Scenario: The organization has all features enabled
    Then the account belongs to an organization with all features enabled

  @severity:high
  Scenario: Service control policies are enabled on the root
    Then the SERVICE_CONTROL_POLICY type is enabled on the organization root

  @severity:critical
  Scenario: No member account is locked out by its SCPs
    Then every member account has an SCP with an Allow at each level from the root to the account

  @severity:medium
  Scenario: Every SCP Allow takes effect through the whole chain
    Then every action an SCP allows is allowed at every other level from the root to the account
