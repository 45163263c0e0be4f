import type { DockerFacts, HostFacts } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type CheckOutcome, type Evidence } from '../baseline-check-item';
import { moreThan, need, notApplicable, octal, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });

const withDocker = (facts: HostFacts, check: (docker: DockerFacts) => CheckOutcome): CheckOutcome => {
  const docker = need(facts.docker, 'docker');
  return docker.installed ? check(docker) : notApplicable('no container engine (docker) installed');
};

export const containerItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'CTR-01',
    title: 'Docker socket and docker group are restricted',
    severity: 'HIGH',
    category: 'container',
    standards: [mlps('8.1.4.2d')],
    containerSpecific: true,
    notApplicableInContainer: false,
    remediation: 'Keep /run/docker.sock 0660 root:docker and limit the docker group (root-equivalent) to named administrators.',
    params: { allowedMembers: { type: 'string-list', default: [], description: 'accounts allowed in the docker group' } },
    evaluate: (facts, params) =>
      withDocker(facts, (docker) => {
        const faults: Evidence[] = [];
        if (docker.socket !== null && (moreThan(docker.socket, 0o660) || docker.socket.uid !== 0)) faults.push({ subject: docker.socket.path, detail: `mode ${octal(docker.socket.mode)} owner ${docker.socket.owner ?? docker.socket.uid}` });
        for (const member of docker.groupMembers.filter((m) => !params.allowedMembers.includes(m))) faults.push({ subject: member, detail: 'member of group docker (root-equivalent)', source: '/etc/group' });
        return verdict(faults, 'container engine control is too widely granted', 'docker socket and group restricted');
      }),
  }),
  defineItem({
    id: 'CTR-02',
    title: 'Docker daemon hardening options are set',
    severity: 'MEDIUM',
    category: 'container',
    standards: [mlps('8.1.4.4a')],
    containerSpecific: true,
    notApplicableInContainer: false,
    remediation: 'In /etc/docker/daemon.json set "icc": false, "no-new-privileges": true, "userns-remap": "default", "live-restore": true.',
    params: { required: { type: 'string-list', default: ['icc=false', 'no-new-privileges=true', 'userns-remap', 'live-restore=true'], description: 'daemon.json keys (key or key=value)' } },
    evaluate: (facts, params) =>
      withDocker(facts, (docker) => {
        const config = docker.daemonConfig ?? {};
        const faults: Evidence[] = params.required
          .filter((r) => {
            const [key, value] = r.split('=');
            return !(key in config) || (value !== undefined && String(config[key]) !== value);
          })
          .map((r) => ({ subject: r.split('=')[0], detail: `expected ${r}, found ${JSON.stringify(config[r.split('=')[0]] ?? null)}`, source: '/etc/docker/daemon.json' }));
        return verdict(faults, 'containers run with weak isolation defaults', 'daemon hardening options set');
      }),
  }),
  defineItem({
    id: 'CTR-03',
    title: 'The Docker API is not exposed without TLS',
    severity: 'HIGH',
    category: 'container',
    standards: [mlps('8.1.4.4b'), mlps('8.1.4.4c')],
    containerSpecific: true,
    notApplicableInContainer: false,
    remediation: 'Remove tcp:// hosts from the daemon or require "tlsverify": true with client certificates; never expose port 2375.',
    params: {},
    evaluate: (facts) =>
      withDocker(facts, (docker) => {
        const faults: Evidence[] = [];
        const hosts = Array.isArray(docker.daemonConfig?.hosts) ? (docker.daemonConfig?.hosts as unknown[]).map(String) : [];
        const tls = docker.daemonConfig?.tlsverify === true;
        for (const host of hosts.filter((h) => h.startsWith('tcp://'))) if (!tls) faults.push({ subject: host, detail: 'TCP API without tlsverify', source: '/etc/docker/daemon.json' });
        if (facts.listeners.status === 'collected') for (const l of facts.listeners.value.filter((x) => x.port === 2375 && !/^(127\.|::1$)/.test(x.address))) faults.push({ subject: `tcp/${l.port}`, detail: `Docker API listening on ${l.address}` });
        return verdict(faults, 'anyone reaching the API controls the host', 'Docker API not exposed in clear');
      }),
  }),
];
