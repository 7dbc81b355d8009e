@domain:logging
Feature: AWS Config records every resource in every audited region
  AWS Config records configuration changes of resources, evaluates them against rules, delivers
  snapshots and history to S3 and notifies through SNS. It is regional: each region needs its own
  recorder (recording all supported resource types, global ones such as IAM included), a started
  recorder, and a delivery channel. A recorder cannot start without a delivery channel.

  # source: https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
  # source: CIS AWS Foundations Benchmark v5.0.0, 3.3

  @cis:3.3 @severity:medium
  Scenario: AWS Config records all resource types including global ones
    Then in every audited region an AWS Config recorder records all supported resource types including global ones

  @cis:3.3 @severity:medium
  Scenario: The AWS Config recorder is recording
    Then in every audited region the AWS Config recorder is recording

  @severity:medium
  Scenario: AWS Config delivers to an S3 bucket
    Then in every audited region AWS Config has a delivery channel to an S3 bucket
