@domain:sites
Feature: Static sites on S3 served through CloudFront
  A static site is served from a private bucket through CloudFront, not from the S3 website endpoint:
  the bucket blocks all public access and has website hosting off, the distribution's origin is the
  bucket REST endpoint and signs its requests with Origin Access Control (OAC), and the bucket policy
  lets only the service principal cloudfront.amazonaws.com read, with AWS:SourceArn equal to that
  distribution. OAC replaced the origin access identity (OAI) in August 2022; an OAI is legacy: an OAI cannot sign for
  SSE-KMS objects, PUT/DELETE or S3 in Regions opened after December 2022. Viewers are redirected from
  HTTP to HTTPS on every cache behaviour, the viewer security policy is at least TLSv1.2_2021
  (sites.minimumTlsProtocol; the default *.cloudfront.net certificate stays at TLSv1, accepted by
  sites.acceptDefaultCertificate), and the default root object is index.html. A private site
  (sites.privateSites) checks each viewer in a viewer-request function: a Lambda@Edge function, which
  must be created in us-east-1 and is associated by a numbered version, or a CloudFront Function.
  CloudFront is global: it is read once per account.

  # source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
  # source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-restrictions.html
  # source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
  # source: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html
  # outdated: restrict bucket access with an origin access identity (OAI) — OAC is the current way

  @severity:high
  Scenario: Every S3 origin is read through Origin Access Control
    Then every distribution reads its S3 origins through Origin Access Control

  @severity:low
  Scenario: No S3 origin uses a legacy origin access identity
    Then no distribution still reads an S3 origin through a legacy origin access identity

  @severity:critical
  Scenario: Each origin bucket lets only its distribution read and is otherwise private
    Then each S3 origin bucket lets only its distribution read, blocks public access and hosts no website

  @severity:high
  Scenario: Viewers are sent to HTTPS on every cache behaviour
    Then every cache behaviour redirects HTTP to HTTPS or serves HTTPS only

  @severity:medium
  Scenario: Distributions refuse viewers below the minimum TLS policy
    Then every distribution's viewer security policy is at least the configured minimum

  @severity:low
  Scenario: Every S3 site has a default root object
    Then every distribution serving an S3 site has a default root object

  @severity:high
  Scenario: Private sites check every viewer in a viewer-request function
    Then every private site in the posture config runs a viewer-request function on every cache behaviour

  @severity:medium
  Scenario: No public website bucket is served without CloudFront
    Then no public website bucket is served without a CloudFront distribution in front
