@domain:iam @exam
Feature: How IAM decides (exam)
  A user can belong to at most 10 groups (AddUserToGroup fails with LimitExceeded after that; a managed
  policy keeps up to 5 versions). Every request starts implicitly denied; an Allow in any identity
  policy allows it, and an explicit Deny in any policy beats every Allow. Programs on EC2 should use
  an instance role: the instance metadata service hands them temporary credentials for the role
  (an ASIA… key id, a session token, an expiry), rotated by AWS, and no key is stored on the server.
  The emulator stores group memberships without the limit and has no metadata service; the suite shows
  the limit through its own check over the stored configuration and asks STS for the role's session
  as EC2 does.

  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html

  @severity:low @established:evaluator
  Scenario: A user can be in at most 10 groups
    Given a user added to 11 groups in the sandbox account
    Then AWS allows that user 10 groups and refuses the 11th

  @severity:low @established:evaluator
  Scenario: An explicit deny beats an allow
    Given a user whose group allows s3:* and whose own policy denies s3:DeleteBucket
    Then for that user s3:DeleteBucket is explicitly denied
    And for that user s3:GetObject is allowed
    And for that user ec2:TerminateInstances is implicitly denied

  @severity:low @established:emulator
  Scenario: A role attached to an instance gives programs credentials with no keys stored on the server
    Given an instance launched with an instance profile whose role trusts ec2.amazonaws.com
    When a program on the instance asks for credentials, as the instance metadata service provides them
    Then it receives temporary credentials for the role, with a session token and an expiry
    And the instance's user data holds no access key
