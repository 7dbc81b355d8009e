import type { EstatePart } from '../estate';
import { applyTutorialSed, stockConf } from '../../proxy/tutorial';
import { launchProxy, provisionSquidConf, proxyVpc } from '../reference/proxy';

/**
 * As the tutorial leaves it: the Amazon Linux 2 stock squid.conf with the tutorial's sed script applied,
 * byte for byte — so it carries "http_port8080", which Squid 5 refuses. The group admits 8080 from the VPC.
 */
export const proxyDemo: EstatePart = {
  domain: 'proxy',
  async provision(ctx) {
    const { vpcCidr } = await launchProxy(ctx, await proxyVpc(ctx, 'tutorial-proxy', { closeDefaults: false }));
    await provisionSquidConf(ctx, applyTutorialSed(stockConf('amazonLinux2'), { vpcCidr, port: ctx.config.proxy.port }));
  },
};
