@domain:storage
Feature: Databases and file systems are encrypted, patched, private and resilient
  RDS encryption at rest (AES-256, a KMS key) covers the instance's storage, automated backups, read
  replicas and snapshots; it can only be chosen when the instance is created, so an unencrypted instance is
  fixed by restoring an encrypted copy of a snapshot. Auto minor version upgrade applies the engine's minor
  releases (security fixes) in the maintenance window. A publicly accessible instance gets a DNS name that
  resolves to a public address, leaving only its security groups between the database and the internet.
  Multi-AZ keeps a synchronous standby in another Availability Zone and fails over to it automatically (a
  read replica is asynchronous and for reads). EFS encryption at rest, like RDS's, is set at creation only.
  # source: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
  # source: https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html

  Which instances must be Multi-AZ is the posture config's choice: storage.multiAz.instances names them,
  and every instance tagged storage.multiAz.tag (default Environment=production) is held to it.

  @cis:2.2.1 @severity:high
  Scenario: Every RDS DB instance is encrypted at rest
    Then every RDS DB instance in the audited regions has storage encryption

  @cis:2.2.2 @severity:low
  Scenario: Every RDS DB instance upgrades minor engine versions automatically
    Then every RDS DB instance in the audited regions has auto minor version upgrade on

  @cis:2.2.3 @severity:critical
  Scenario: No RDS DB instance is publicly accessible
    Then no RDS DB instance in the audited regions is publicly accessible

  @cis:2.2.4 @severity:medium
  Scenario: Production RDS DB instances are Multi-AZ
    Then every RDS DB instance named or tagged in storage.multiAz is Multi-AZ

  @cis:2.3.1 @severity:high
  Scenario: Every EFS file system is encrypted at rest
    Then every EFS file system in the audited regions is encrypted at rest
