@domain:iam
Feature: The root user stays locked away
  The root user is the account's owner: it can do anything, including closing the account, and no IAM
  policy limits it. Give it MFA and no access keys, create an administrator user or role first, and use
  the root user only for the few tasks that need it (changing the support plan, closing the account).
  The credential report's <root_account> row shows root keys, MFA and last use; GetAccountSummary
  (AccountAccessKeysPresent, AccountMFAEnabled) is the other documented source for keys and MFA.

  The emulator has no root user: its credential report has no <root_account> row and its account
  summary fixes AccountMFAEnabled at 0. Root MFA and root use cannot be shown there, so those two
  scenarios carry the tag emulator-gap: on an emulator they report "not verified" (never passed) and the
  rules' table tests prove them; on AWS they run like every other scenario. On the emulator, root keys are judged from the
  account summary (AccountAccessKeysPresent 0: it holds no root keys), which no drift can change; the
  table tests show that rule failing on a root key.

  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html
  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html

  @cis:1.3 @severity:critical
  Scenario: The root user has no active access keys
    Then the root user has no active access keys

  @cis:1.4 @severity:critical @emulator-gap
  Scenario: The root user signs in with MFA
    Then the root user has an MFA device

  @cis:1.6 @severity:high @emulator-gap
  Scenario: The root user is not used for daily work
    Then neither the root password nor a root access key was used within iam.rootRecentUseDays
