import { AttachInternetGatewayCommand, CreateInternetGatewayCommand, CreateRouteCommand, DescribeInternetGatewaysCommand, DescribeRouteTablesCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { EstatePart } from '../estate';
import { allowIn, createSecurityGroup, ec2, launchInstance, tcpFrom } from '../reference/network';

/**
 * As the tutorials leave it, in the default VPC of the home region: the launch wizard's group with SSH
 * open to 0.0.0.0/0 and all egress; a "web server" group with SSH from anywhere, 8080 only from
 * 50.100.200.0/24, HTTP/HTTPS from anywhere and MySQL from anywhere; the default NACL (allows all) and the
 * default security group as created. The emulator's default VPC lacks the internet gateway route a real
 * one has, so it is added.
 */
export const networkDemo: EstatePart = {
  domain: 'network',
  async provision(ctx) {
    const client = ec2(ctx, ctx.home);
    const vpc = (await client.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0];
    if (!vpc?.VpcId) throw new Error(`no default VPC in ${ctx.home}`);
    const vpcId = vpc.VpcId;
    const attached = (await client.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }))).InternetGateways?.[0];
    const igwId = attached?.InternetGatewayId ?? (await client.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId;
    if (!attached) await client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
    const main = (await client.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables?.[0];
    if (main && !main.Routes?.some((r) => r.DestinationCidrBlock === '0.0.0.0/0')) {
      await client.send(new CreateRouteCommand({ RouteTableId: main.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
    }

    const wizard = await createSecurityGroup(client, vpcId, 'launch-wizard-1');
    await allowIn(client, wizard, [tcpFrom(22, ['0.0.0.0/0'])]);
    const web = await createSecurityGroup(client, vpcId, 'web-server-sg', { Tier: 'web' });
    await allowIn(client, web, [tcpFrom(22, ['0.0.0.0/0']), { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '50.100.200.0/24' }] }, tcpFrom(80, ['0.0.0.0/0']), tcpFrom(443, ['0.0.0.0/0']), tcpFrom(3306, ['0.0.0.0/0'])]);

    const subnet = (await client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets?.[0]?.SubnetId;
    if (!subnet) throw new Error(`the default VPC in ${ctx.home} has no subnet`);
    await launchInstance(client, subnet, [web, wizard], { Name: 'my-first-web-server', Tier: 'web' });
    // Later demo parts (the tutorial proxy) launch into the same default VPC instead of building their own.
    ctx.handles.set('network.vpc', vpcId);
    ctx.handles.set('network.publicSubnet', subnet);
  },
};
