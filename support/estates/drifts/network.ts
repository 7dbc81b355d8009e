import { CreateManagedPrefixListCommand, CreateRouteCommand, DeleteRouteCommand, DescribeSecurityGroupsCommand, DisableEbsEncryptionByDefaultCommand, ModifyInstanceMetadataDefaultsCommand, ModifyInstanceMetadataOptionsCommand } from '@aws-sdk/client-ec2';
import { type Drift, atHandle, breaks, handle, named } from '../estate';
import { addNaclEntry, allowIn, createSecurityGroup, deleteNaclEntry, ec2, tcpFrom } from '../reference/network';

/** A reachability row: its control id names the flow; the finding names the tier instance it was tried on. */
const reach = (flow: string, instance: 'webInstance' | 'dbInstance') => breaks(`network.reachability.${flow}`, atHandle(`network.${instance}`));
const lastRegion = (regions: string[]) => regions[regions.length - 1];

export const networkDrifts: Drift[] = [
  {
    name: 'network-ssh-allow-shadowed-by-deny',
    domain: 'network',
    description: 'The public NACL gains "deny tcp 22 from 0.0.0.0/0" as rule 130 and "allow tcp 22 from 0.0.0.0/0" as rule 131: the allow is never reached, so nothing fails.',
    breaks: [],
    touches: ['network.publicAcl'],
    async apply(ctx) {
      const client = ec2(ctx, ctx.home);
      const acl = handle(ctx, 'network.publicAcl');
      await addNaclEntry(client, acl, { rule: 130, egress: false, action: 'deny', cidr: '0.0.0.0/0', ports: { From: 22, To: 22 } });
      await addNaclEntry(client, acl, { rule: 131, egress: false, action: 'allow', cidr: '0.0.0.0/0', ports: { From: 22, To: 22 } });
    },
  },
  {
    name: 'network-nacl-egress-ephemeral-missing',
    domain: 'network',
    description: 'The public NACL loses its outbound 1024-65535 rule: requests still come in, replies cannot leave (NACLs are stateless).',
    breaks: [
      reach('the-internet->the-web-tier.tcp-80', 'webInstance'),
      reach('the-internet->the-web-tier.tcp-443', 'webInstance'),
      reach('an-admin-address->the-web-tier.tcp-22', 'webInstance'),
      // the NAT gateway sits in the public subnet: replies to the db tier cannot leave it either
      reach('the-db-tier->the-internet.tcp-443', 'dbInstance'),
    ],
    touches: ['network.publicAcl'],
    async apply(ctx) {
      await deleteNaclEntry(ec2(ctx, ctx.home), handle(ctx, 'network.publicAcl'), 150, true);
    },
  },
  {
    name: 'network-nacl-rdp-from-anywhere',
    domain: 'network',
    description: 'The public NACL loses its "deny 3389" rule 140, so the 1024-65535 return-traffic allow admits RDP from 0.0.0.0/0 (the security group still blocks it).',
    breaks: [breaks('network.nacl-admin-ports', atHandle('network.publicAcl'))],
    async apply(ctx) {
      await deleteNaclEntry(ec2(ctx, ctx.home), handle(ctx, 'network.publicAcl'), 140, false);
    },
  },
  {
    name: 'network-sg-ssh-from-anywhere',
    domain: 'network',
    description: 'A "bastion-temp" security group opens tcp 22 to 0.0.0.0/0.',
    breaks: [breaks('network.sg-admin-ports-ipv4', named('bastion-temp'))],
    uses: ['network.vpc'],
    async apply(ctx) {
      const client = ec2(ctx, ctx.home);
      const group = await createSecurityGroup(client, handle(ctx, 'network.vpc'), 'bastion-temp');
      await allowIn(client, group, [tcpFrom(22, ['0.0.0.0/0'])]);
    },
  },
  {
    name: 'network-sg-rdp-from-ipv6-anywhere',
    domain: 'network',
    description: 'A "windows-admin" security group opens tcp 3389 to ::/0 (its IPv4 rules look right).',
    breaks: [breaks('network.sg-admin-ports-ipv6', named('windows-admin'))],
    uses: ['network.vpc'],
    async apply(ctx) {
      const client = ec2(ctx, ctx.home);
      const group = await createSecurityGroup(client, handle(ctx, 'network.vpc'), 'windows-admin');
      await allowIn(client, group, [tcpFrom(3389, ['::/0'])]);
    },
  },
  {
    name: 'network-default-sg-with-rule',
    domain: 'network',
    description: "The two-tier VPC's default security group gains an inbound rule for tcp 443 from the VPC.",
    breaks: [breaks('network.default-sg-closed', named('default'))],
    uses: ['network.vpc'],
    async apply(ctx) {
      const client = ec2(ctx, ctx.home);
      const groups = await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [handle(ctx, 'network.vpc')] }, { Name: 'group-name', Values: ['default'] }] }));
      await allowIn(client, groups.SecurityGroups?.[0]?.GroupId as string, [tcpFrom(443, ['10.0.0.0/16'])]);
    },
  },
  {
    name: 'network-web-tier-opens-8080',
    domain: 'network',
    description: 'The web tier group opens tcp 8080 to 0.0.0.0/0, beyond the public ports.',
    breaks: [breaks('network.tier-exposure', atHandle('network.webSecurityGroup'))],
    async apply(ctx) {
      await allowIn(ec2(ctx, ctx.home), handle(ctx, 'network.webSecurityGroup'), [tcpFrom(8080, ['0.0.0.0/0'])]);
    },
  },
  {
    name: 'network-db-tier-open-to-the-vpc',
    domain: 'network',
    description: 'The db tier group also admits tcp 3306 from the whole VPC range 10.0.0.0/16: every reachability row still holds, but any future instance in the VPC reaches the database.',
    breaks: [breaks('network.tier-exposure', atHandle('network.dbSecurityGroup'))],
    async apply(ctx) {
      await allowIn(ec2(ctx, ctx.home), handle(ctx, 'network.dbSecurityGroup'), [tcpFrom(3306, ['10.0.0.0/16'])]);
    },
  },
  {
    name: 'network-private-subnet-routed-to-igw',
    domain: 'network',
    description: 'The private route table sends 0.0.0.0/0 to the internet gateway instead of the NAT gateway.',
    // The db instance has no public address, so it also loses its way out: two scenarios fail.
    breaks: [breaks('network.private-tier-routes', atHandle('network.privateRouteTable')), reach('the-db-tier->the-internet.tcp-443', 'dbInstance')],
    uses: ['network.internetGateway'],
    async apply(ctx) {
      const client = ec2(ctx, ctx.home);
      const RouteTableId = handle(ctx, 'network.privateRouteTable');
      await client.send(new DeleteRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0' }));
      await client.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: handle(ctx, 'network.internetGateway') }));
    },
  },
  {
    name: 'network-sg-ssh-split-halves',
    domain: 'network',
    description: 'A "jump-host" security group opens tcp 22 to 0.0.0.0/1 and to 128.0.0.0/1: no rule says 0.0.0.0/0, together they are the whole IPv4 internet.',
    breaks: [breaks('network.sg-admin-ports-ipv4', named('jump-host'))],
    uses: ['network.vpc'],
    async apply(ctx) {
      const client = ec2(ctx, ctx.home);
      const group = await createSecurityGroup(client, handle(ctx, 'network.vpc'), 'jump-host');
      await allowIn(client, group, [tcpFrom(22, ['0.0.0.0/1']), tcpFrom(22, ['128.0.0.0/1'])]);
    },
  },
  {
    name: 'network-sg-cifs-from-prefix-list',
    domain: 'network',
    description: 'A "file-share" security group admits tcp 445 from a customer prefix list holding 0.0.0.0/0 as four /2 blocks.',
    breaks: [breaks('network.sg-cifs', named('file-share'))],
    uses: ['network.vpc'],
    async apply(ctx) {
      const client = ec2(ctx, ctx.home);
      const list = await client.send(
        new CreateManagedPrefixListCommand({ PrefixListName: 'partners', AddressFamily: 'IPv4', MaxEntries: 4, Entries: ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'].map((Cidr) => ({ Cidr })) }),
      );
      const group = await createSecurityGroup(client, handle(ctx, 'network.vpc'), 'file-share');
      await allowIn(client, group, [{ IpProtocol: 'tcp', FromPort: 445, ToPort: 445, PrefixListIds: [{ PrefixListId: list.PrefixList?.PrefixListId }] }]);
    },
  },
  {
    name: 'network-sg-mysql-from-slash-4s',
    domain: 'network',
    description: 'A "reporting-db" security group in the last audited region admits tcp 3306 from 0.0.0.0/0 written as sixteen /4 blocks (AWS allows 60 rules per group).',
    breaks: [breaks('network.sg-high-risk-ports', named('reporting-db'))],
    async apply(ctx) {
      const client = ec2(ctx, lastRegion(ctx.regions));
      const vpcs = await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }));
      const vpcId = vpcs.SecurityGroups?.[0]?.VpcId as string;
      const group = await createSecurityGroup(client, vpcId, 'reporting-db');
      await allowIn(client, group, [tcpFrom(3306, Array.from({ length: 16 }, (_, i) => `${i * 16}.0.0.0/4`))]);
    },
  },
  {
    name: 'network-ebs-default-encryption-off',
    domain: 'network',
    description: 'EBS encryption by default is turned off in the last audited region.',
    breaks: [breaks('network.ebs-default-encryption', named(':ebs-encryption-by-default'))],
    async apply(ctx) {
      await ec2(ctx, lastRegion(ctx.regions)).send(new DisableEbsEncryptionByDefaultCommand({}));
    },
  },
  {
    name: 'network-instance-allows-imdsv1',
    domain: 'network',
    description: 'The IAM app server instance is switched to HttpTokens optional: IMDSv1 answers without a session token.',
    breaks: [breaks('network.imdsv2-required', atHandle('iam.appInstance'))],
    async apply(ctx) {
      await ec2(ctx, ctx.home).send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: handle(ctx, 'iam.appInstance'), HttpTokens: 'optional' }));
    },
  },
  {
    name: 'network-imds-account-default-optional',
    domain: 'network',
    description: 'The account-level IMDS default of the last audited region says HttpTokens optional: new instances launch with IMDSv1.',
    breaks: [breaks('network.imdsv2-required', named(':instance-metadata-defaults'))],
    async apply(ctx) {
      await ec2(ctx, lastRegion(ctx.regions)).send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'optional' }));
    },
  },
];
