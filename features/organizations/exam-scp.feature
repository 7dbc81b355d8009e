@domain:organizations @exam
Feature: How SCPs limit principals (exam)
  SCPs set the maximum permissions of member accounts and never grant any: an identity policy that allows
  the action is still needed. They do not affect service-linked roles, nor any principal of the
  management account. Roles attached to EC2 instances in a member account are limited like any other
  principal of that account (notes claiming "SCPs cannot restrict an instance role" are wrong). The
  emulator stores organizations and SCPs but does not enforce them, so each scenario builds the
  organization in a scratch account, reads it back and decides with the suite's permission evaluator.

  Background:
    Given a scratch organization whose root denies config:StopConfigurationRecorder and every region but eu-west-1

  # source: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html

  @severity:medium @established:evaluator
  Scenario: SCPs do not limit a service-linked role in a member account
    When the service-linked role of AWS Config in a member account calls config:StopConfigurationRecorder in eu-west-1
    Then the permission evaluator decides Allowed
    And an ordinary role of that account with the same policies is ExplicitlyDenied

  @severity:medium @established:evaluator
  Scenario: SCPs do not limit the management account
    When an administrator of the management account calls config:StopConfigurationRecorder in eu-west-1
    Then the permission evaluator decides Allowed

  @severity:medium @established:evaluator
  Scenario: SCPs do not grant permissions
    When a role of a member account with no identity policy calls s3:ListAllMyBuckets in eu-west-1
    Then the permission evaluator decides ImplicitlyDenied at "identity policies"

  @severity:medium @established:evaluator
  Scenario: An instance role in a member account is limited by SCPs like any role
    When an EC2 instance role of a member account, allowed ec2:*, calls ec2:RunInstances in us-west-2
    Then the permission evaluator decides ExplicitlyDenied at the root
