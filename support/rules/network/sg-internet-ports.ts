import type { PostureConfig } from '../../config/schema';
import { ANYWHERE, type Family } from '../../evaluators/network/cidr';
import { allPortsOpenToInternet, describeCoverage, portOpenToInternet, type ExposureContext, type InternetExposure } from '../../evaluators/network/internet-exposure';
import type { NetworkInventory, SecurityGroup } from '../../inventory/types/network';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { prefixListsById } from './facts';

/** What a rule asks of every security group: these ports (and maybe all ports at once) closed to the internet of these families. */
export interface InternetPortsQuestion {
  families: readonly Family[];
  ports: (config: PostureConfig) => readonly number[];
  allPorts?: boolean;
}

const PUBLIC: Record<Family, string> = { ipv4: 'every public IPv4 address', ipv6: 'every public IPv6 address' };

/**
 * A security group is judged by the union of its ingress rules per port and protocol, not rule by rule:
 * 0.0.0.0/1 + 128.0.0.0/1 is 0.0.0.0/0 (support/evaluators/network/internet-exposure.ts).
 */
export function internetPortsControl(meta: RuleMeta, question: InternetPortsQuestion): Control<'network'> {
  return {
    meta,
    inventory: 'network',
    evaluate(inventory, { account, region, config }) {
      if (inventory.securityGroups.kind === 'not-collected') return notVerified(inventory.securityGroups.reason);
      const context = exposureContext(inventory);
      const ports = question.ports(config);
      const findings: Finding[] = [];
      const unreadable: string[] = inventory.prefixLists.kind === 'not-collected' ? [inventory.prefixLists.reason] : [];
      for (const group of inventory.securityGroups.value) {
        for (const family of question.families) {
          const open: { what: string; exposure: InternetExposure }[] = [];
          const check = (what: string, found: InternetExposure | null | 'unknown') => {
            if (found === 'unknown') unreadable.push(`${group.id}: a prefix list its rules for ${what} name was not read`);
            else if (found) open.push({ what, exposure: found });
          };
          if (question.allPorts) check('all ports', allPortsOpenToInternet(group, family, context));
          for (const port of ports) check(String(port), portOpenToInternet(group, port, family, context));
          if (open.length > 0) findings.push(finding(group, family, open, context, { account, region }));
        }
      }
      return verdictFrom({ findings, checked: inventory.securityGroups.value.length, unreadable, evidence: { region, ports, allPorts: question.allPorts === true, securityGroups: inventory.securityGroups.value.map((g) => g.id) } });
    },
  };
}

function exposureContext(inventory: NetworkInventory): ExposureContext {
  return { prefixLists: prefixListsById(inventory), interfaces: inventory.networkInterfaces.kind === 'collected' ? inventory.networkInterfaces.value : undefined };
}

function finding(group: SecurityGroup, family: Family, open: { what: string; exposure: InternetExposure }[], context: ExposureContext, where: { account: string; region: string }): Finding {
  // "admits 22 from 0.0.0.0/0 (tcp; every public IPv4 address, via 0.0.0.0/1 + 128.0.0.0/1)"
  const shown = open.slice(0, 4).map(({ what, exposure }) => `${what} from ${ANYWHERE[family]} (${exposure.protocol === '6' ? 'tcp' : 'udp'}; ${PUBLIC[family]}, via ${describeCoverage(exposure, context.prefixLists)})`);
  const more = open.length > 4 ? `; and ${open.length - 4} more` : '';
  return { resource: group.arn, ...where, problem: `${group.id} (${group.name}) admits ${shown.join('; ')}${more}` };
}
