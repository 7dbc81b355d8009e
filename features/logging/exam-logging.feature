@domain:logging @exam
Feature: How CloudTrail encrypts log files and covers an organization (exam)
  CloudTrail encrypts log files with SSE-S3 by default; only a KMS key named on the trail makes it SSE-KMS.
  An organization trail created in the management account applies to every member account automatically:
  no per-account trails are needed, and members see the trail but cannot change, stop or delete it. The
  emulator stores trails per account and does not replicate an organization trail into member accounts,
  so the suite decides coverage and the members' rights with its own evaluators over the configuration
  it reads back (the trail, the organization's membership, and each member's own describe-trails).

  # source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
  # source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html

  @severity:low @established:evaluator
  Scenario: A trail without a KMS key stores its log files with SSE-S3
    Given a trail created without a KMS key
    Then the trail's log files are encrypted with SSE-S3

  @severity:low @established:evaluator
  Scenario: A trail with a KMS key stores its log files with SSE-KMS
    Given a trail created with a customer-managed KMS key
    Then the trail's log files are encrypted with SSE-KMS

  @severity:low @established:evaluator
  Scenario: An organization trail in the management account covers every member account
    Given an organization with 2 new member accounts and an organization trail created in the management account
    Then every member account of the organization is covered by the organization trail
    And no member account has a trail of its own

  @severity:low @established:evaluator
  Scenario: Member accounts see the organization trail but cannot change it
    Given an organization with 1 new member account and an organization trail created in the management account
    Then every member account of the organization is covered by the organization trail
    And a member account is refused cloudtrail:StopLogging, cloudtrail:UpdateTrail and cloudtrail:DeleteTrail on the organization trail
