@domain:study
Feature: Limits and dates that older study notes get wrong
  Narrative only: facts from AWS study notes written 2017–2020 that the suite cannot check against an
  account, stated as they hold today, each with the older claim it replaces.

  Lambda runs a function for at most 900 seconds (15 minutes) since October 2018; older notes said 300
  seconds, which is outdated. An SNS topic is Standard unless FIFO is chosen at creation; older notes
  said FIFO is the default, which is outdated. S3 has strong read-after-write consistency for every
  request since December 2020; older notes said S3 is eventually consistent, which is outdated. SQS
  defaults: visibility timeout 30 seconds, retention 4 days (60 seconds to 14 days), long polling
  recommended. EventBridge cron expressions are in UTC: cron(30 1 * * ? *) runs at 10:30 JST. The
  Well-Architected Framework has six pillars since sustainability was added in December 2021; older
  notes listed five, which is outdated.

  # source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
  # source: https://aws.amazon.com/s3/consistency/
  # source: https://docs.aws.amazon.com/wellarchitected/latest/framework/the-pillars-of-the-framework.html
