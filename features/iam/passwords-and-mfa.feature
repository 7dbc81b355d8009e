@domain:iam
Feature: Passwords and MFA for the people who sign in
  One IAM user per person. Without a password policy IAM accepts 8-character passwords; CIS asks for at
  least 14 and for previous passwords not to be reused (the policy remembers up to 24). A console
  password alone can be phished: every user who signs in to the console needs an MFA device.

  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html

  @cis:1.7 @severity:medium
  Scenario: The password policy requires at least 14 characters
    Then the password policy requires at least iam.minimumPasswordLength characters

  @cis:1.8 @severity:medium
  Scenario: The password policy prevents password reuse
    Then the password policy remembers at least iam.passwordReusePrevention previous passwords

  @cis:1.9 @severity:high
  Scenario: Every user with a console password has MFA
    Then every user with a console password has an MFA device
