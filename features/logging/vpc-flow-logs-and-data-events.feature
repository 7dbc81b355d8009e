@domain:logging
Feature: VPC flow logs and S3 object-level events are recorded, and Security Hub watches every region
  A VPC flow log captures IP traffic metadata (addresses, ports, protocol, bytes, ACCEPT or REJECT) of
  every network interface in the VPC, to CloudWatch Logs, S3 or Firehose; it records no packet contents.
  Traffic type REJECT (or ALL) shows what security groups and network ACLs turned away: scans and attempts
  on closed ports. Flow logs are per VPC and per region, default VPCs included.
  # source: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html

  CloudTrail records management events by default; S3 object-level calls (GetObject, PutObject,
  DeleteObject) are data events and are recorded only when a trail selects them: classic event selectors
  (DataResources AWS::S3::Object on arn:aws:s3, ReadWriteType All, WriteOnly or ReadOnly) or advanced event
  selectors (eventCategory Data, resources.type AWS::S3::Object, readOnly true or false). Data events cost
  extra per 100,000 events.
  # source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html

  AWS Security Hub gathers findings (GuardDuty, Inspector, Macie, Access Analyzer, its own standards
  checks such as the CIS benchmark) per region; it is enabled region by region, and it needs AWS Config
  recording in that region for its controls.
  # source: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html

  @cis:3.7 @severity:medium
  Scenario: Every VPC has a flow log that records rejected traffic
    Then every VPC in the audited regions has an active flow log of traffic type REJECT or ALL

  @cis:3.8 @severity:medium
  Scenario: A multi-region trail records S3 object-level write events
    Then a multi-region trail records S3 object-level write events for all buckets

  @cis:3.9 @severity:medium
  Scenario: A multi-region trail records S3 object-level read events
    Then a multi-region trail records S3 object-level read events for all buckets

  @cis:4.16 @severity:medium
  Scenario: AWS Security Hub is enabled in every audited region
    Then AWS Security Hub is enabled in every audited region
