import type { Collected } from '../collected';
import type { S3Inventory } from './s3';

export interface EdgeFunction {
  kind: 'lambda-edge' | 'cloudfront-function';
  eventType: string; // viewer-request | viewer-response | origin-request | origin-response
  arn: string;
}

export interface CacheBehaviour {
  /** "default" for the default cache behaviour. */
  pathPattern: string;
  targetOriginId: string;
  viewerProtocolPolicy: string; // allow-all | redirect-to-https | https-only
  functions: EdgeFunction[];
}

export interface DistributionOrigin {
  id: string;
  domainName: string;
  /** Set when the origin signs its requests with Origin Access Control. */
  originAccessControlId?: string;
  /** "origin-access-identity/cloudfront/<id>" for a legacy OAI; undefined when the origin has no S3OriginConfig. */
  originAccessIdentity?: string;
  s3OriginConfig: boolean;
}

export interface DistributionFacts {
  id: string;
  arn: string;
  domainName: string;
  aliases: string[];
  enabled: boolean;
  defaultRootObject: string;
  origins: DistributionOrigin[];
  behaviours: CacheBehaviour[];
  viewerCertificate: { cloudFrontDefaultCertificate: boolean; minimumProtocolVersion?: string; acmCertificateArn?: string };
}

/** CloudFront is global: read once per account, with the account's S3 inventory its origins are judged against. */
export interface CloudFrontInventory {
  account: string;
  distributions: Collected<DistributionFacts[]>;
  s3: S3Inventory;
}
