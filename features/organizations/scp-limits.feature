@domain:organizations @scope:organization
Feature: What member accounts can do under their SCPs
  What a principal in a member account can actually do is its identity policies intersected with every
  SCP from the root down to its account: an explicit deny at any level wins, and each level must allow.
  Each row below names an OU (every account in it, or a new account there if it has none), "every member
  account" or an account id; a principal holding AdministratorAccess (or the root user); an action or
  "each protected action"; a region, "each allowed region" or "a region outside the allowed ones" (the
  lists are organization.protectedActions, organization.allowedRegions and
  organization.outsideRegionProbes in the posture config). A region restriction must exempt global
  services (IAM, Organizations, STS, Route 53, CloudFront, Support…) whose calls land in us-east-1.
  Edit the table to state your own limits. A failure names the deciding policy and level.

  # source: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html

  @severity:high
  Scenario Outline: SCP limit: <principal> in <ou or account> calling <action> in <region> is <expected>
    Then in "<ou or account>", "<principal>" calling "<action>" in "<region>" is <expected> by the SCPs

    Examples:
      | ou or account        | principal     | action                          | region                            | expected |
      | Sandbox              | administrator | ec2:RunInstances                | a region outside the allowed ones | denied   |
      | Sandbox              | administrator | ec2:RunInstances                | each allowed region               | allowed  |
      | Workloads            | administrator | iam:CreateRole                  | a region outside the allowed ones | allowed  |
      | every member account | administrator | each protected action           | each allowed region               | denied   |
      | Security             | instance role | organizations:LeaveOrganization | us-east-1                         | denied   |
      | every member account | root user     | s3:CreateBucket                 | each allowed region               | denied   |
