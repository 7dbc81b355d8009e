@domain:ec2
Feature: Machine image provenance and sharing
  An AMI is a launch configuration (architecture, boot mode, block device mapping, launch permissions)
  plus the EBS snapshots of its volumes: launching it runs whatever those disks hold. Anyone can publish
  a public (community) AMI, so check its owner before launching one (describe-images, OwnerId and
  ImageOwnerAlias: "amazon" for Amazon's images, "aws-marketplace" for Marketplace ones). Instances run
  images of Amazon, of the audited account, or of owners listed in ec2.trustedImageOwners. An AMI shared
  with the group "all" is public, and so is a snapshot whose createVolumePermission names "all": anyone
  can copy the disk. Block public access for AMIs and for snapshots is a regional account setting.
  The emulator has no block-public-access settings for AMIs or snapshots: that scenario is NOT VERIFIED
  on it and is proven by table tests.

  # source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html
  # source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/usingsharedamis-finding.html
  # source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
  # source: https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html

  @severity:high
  Scenario: Every instance runs an image from a trusted owner
    Then every instance was launched from an AMI of Amazon, this account or a trusted owner

  @severity:high
  Scenario: No AMI of the account is public
    Then no AMI of the account is shared with everyone

  @severity:critical
  Scenario: No EBS snapshot of the account is public
    Then no EBS snapshot of the account lets everyone create a volume from it

  @severity:medium @emulator-gap
  Scenario: Block public access for AMIs and snapshots is on
    Then block public access for AMIs and for EBS snapshots is on in every audited region
