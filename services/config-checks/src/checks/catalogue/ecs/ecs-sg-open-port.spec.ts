import type { SecurityGroupRule } from '@rampart/asset-model';
import { HIGH_RISK_SERVICES, type HighRiskService } from '../../network/high-risk-port.catalogue';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

// One fixtures table for the high-risk-port family: same exposure semantics, different ports.
const FAMILY: Record<string, HighRiskService> = {
  'ecs-sg-open-ssh': HIGH_RISK_SERVICES.ssh,
  'ecs-sg-open-rdp': HIGH_RISK_SERVICES.rdp,
  'ecs-sg-open-telnet': HIGH_RISK_SERVICES.telnet,
  'ecs-sg-open-ftp': HIGH_RISK_SERVICES.ftp,
  'ecs-sg-open-smb': HIGH_RISK_SERVICES.smb,
  'ecs-sg-open-netbios': HIGH_RISK_SERVICES.netbios,
  'ecs-sg-open-mysql': HIGH_RISK_SERVICES.mysql,
  'ecs-sg-open-postgresql': HIGH_RISK_SERVICES.postgresql,
  'ecs-sg-open-sqlserver': HIGH_RISK_SERVICES.sqlserver,
  'ecs-sg-open-oracle': HIGH_RISK_SERVICES.oracle,
  'ecs-sg-open-redis': HIGH_RISK_SERVICES.redis,
  'ecs-sg-open-mongodb': HIGH_RISK_SERVICES.mongodb,
  'ecs-sg-open-memcached': HIGH_RISK_SERVICES.memcached,
  'ecs-sg-open-elasticsearch': HIGH_RISK_SERVICES.elasticsearch,
  'ecs-sg-open-kibana': HIGH_RISK_SERVICES.kibana,
  'ecs-sg-open-docker': HIGH_RISK_SERVICES.docker,
  'ecs-sg-open-kubernetes-api': HIGH_RISK_SERVICES.kubernetes,
  'ecs-sg-open-hadoop': HIGH_RISK_SERVICES.hadoop,
  'ecs-sg-open-vnc': HIGH_RISK_SERVICES.vnc,
};

const sg = (rules: SecurityGroupRule[]) => f.securityGroup({ rules });
const tcp = (port: number, o: Partial<SecurityGroupRule> = {}) => f.rule({ portFrom: port, portTo: port, ...o });

for (const [id, service] of Object.entries(FAMILY)) {
  const port = service.tcp[service.tcp.length - 1];
  verifyCheckFixtures(catalogueItem(id), {
    pass: [
      { name: 'only HTTPS faces the internet', asset: sg([tcp(443)]) },
      { name: 'the port is open to a private range only', asset: sg([tcp(port, { sourceCidrIp: '10.0.0.0/8' })]) },
      {
        name: 'a Drop from 0.0.0.0/0 at a higher priority shadows the Accept',
        asset: sg([tcp(port, { priority: 10 }), tcp(port, { policy: 'drop', priority: 5 }), ...service.udp.map((u) => f.rule({ protocol: 'udp', portFrom: u, portTo: u, policy: 'drop' }))]),
        evidence: { shadowed: [{ port, protocol: 'tcp' }] },
      },
      {
        name: 'a Drop at equal priority wins over the Accept',
        asset: sg([f.rule({ protocol: 'all', portFrom: 1, portTo: 65535, portRange: '-1/-1', priority: 3 }), f.rule({ protocol: 'all', portFrom: 1, portTo: 65535, portRange: '-1/-1', policy: 'drop', priority: 3 })]),
      },
      { name: 'the rule is egress', asset: sg([tcp(port, { direction: 'egress' })]) },
    ],
    fail: [
      { name: `0.0.0.0/0 reaches ${port}/tcp`, asset: sg([tcp(port)]), evidence: { exposures: [{ port, protocol: 'tcp', source: '0.0.0.0/0', rule: { ruleIndex: 0 } }] } },
      { name: 'a port range overlaps the port', asset: sg([f.rule({ portFrom: Math.max(1, port - 5), portTo: port + 5 })]), reason: /reachable from 0\.0\.0\.0\/0/ },
      { name: 'IPv6 ::/0 reaches the port', asset: sg([tcp(port, { sourceCidrIp: null, ipv6SourceCidrIp: '::/0' })]), evidence: { exposures: [{ family: 'ipv6', source: '::/0' }] } },
      { name: 'protocol ALL with -1/-1 admits everything', asset: sg([f.rule({ protocol: 'all', portFrom: 1, portTo: 65535, portRange: '-1/-1' })]) },
      { name: 'the only Drop has a lower priority than the Accept', asset: sg([tcp(port, { priority: 1 }), tcp(port, { policy: 'drop', priority: 2 })]) },
      { name: 'the Drop covers a narrower source only', asset: sg([tcp(port, { priority: 5 }), tcp(port, { policy: 'drop', priority: 1, sourceCidrIp: '198.51.100.0/24' })]) },
    ],
    error: [{ name: 'the rules could not be collected', asset: f.withUnknown(sg([]), ['rules'], 'Ecs:DescribeSecurityGroupAttribute') }],
  });
}
