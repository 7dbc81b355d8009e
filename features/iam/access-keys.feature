@domain:iam
Feature: Access keys and unused credentials
  Access keys are long-lived: they end up in laptops, logs and repositories. A user holds at most one
  active key (two only for the minutes of a rotation), rotates it within 90 days, and a password or key
  unused for 45 days is disabled. The thresholds come from the posture config (iam.unusedCredentialDays,
  iam.keyRotationDays); unused credentials are judged from the credential report, as CIS audits them.

  The emulator dates every password and key "now" and offers no way to age them, so on it the
  unused-credential and rotation scenarios can only pass; the rules' table tests show them failing on
  46-day-old passwords and 91-day-old keys.

  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
  # source: CIS AWS Foundations Benchmark v5.0.0, 1.11–1.13

  @cis:1.11 @severity:medium
  Scenario: Credentials unused for 45 days or more are disabled
    Then no enabled password or active access key has gone unused for iam.unusedCredentialDays

  @cis:1.12 @severity:medium
  Scenario: No user has more than one active access key
    Then no user has more than one active access key

  @cis:1.13 @severity:medium
  Scenario: Active access keys are rotated within 90 days
    Then every active access key is younger than iam.keyRotationDays
