@domain:iam
Feature: Effective permissions of named people and roles
  Least privilege is shown, not assumed. A policy allowing ec2:Describe*, ec2:StartInstances and
  ec2:StopInstances on "*" lets its user see, start and stop instances but not terminate them: what
  no policy allows is implicitly denied, and an explicit Deny wins over any Allow. The identity policies
  of each principal (its own and its groups') are read from the account and decided by the same
  permissions evaluator the SCP scenarios use. A row naming a principal the audited account does not
  have is not applicable there (the reason names it), never "not verified": the account was read.

  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  # source: seed study notes: least-privilege EC2 operator policy (ec2:Describe*, StartInstances, StopInstances)

  @severity:medium
  Scenario Outline: Effective permission: <principal> <action> is <decision>
    Then the identity policies of "<principal>" leave <action> <decision>

    Examples:
      | principal  | action                   | decision          |
      | dana       | ec2:DescribeInstances    | allowed           |
      | dana       | ec2:StartInstances       | allowed           |
      | dana       | ec2:StopInstances        | allowed           |
      | dana       | ec2:TerminateInstances   | implicitly denied |
      | frank      | cloudtrail:DescribeTrails | allowed          |
      | frank      | cloudtrail:StopLogging   | explicitly denied |
      | alice      | iam:CreateUser           | allowed           |
      | app-server | s3:DeleteBucket          | implicitly denied |
