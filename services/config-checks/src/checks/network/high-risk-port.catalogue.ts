/** Services that must never face the whole internet, with the ports they listen on. */
export interface HighRiskService {
  readonly key: string;
  readonly name: string;
  readonly tcp: readonly number[];
  readonly udp: readonly number[];
}

export const HIGH_RISK_SERVICES = {
  ssh: { key: 'ssh', name: 'SSH', tcp: [22], udp: [] },
  rdp: { key: 'rdp', name: 'RDP', tcp: [3389], udp: [3389] },
  telnet: { key: 'telnet', name: 'Telnet', tcp: [23], udp: [] },
  ftp: { key: 'ftp', name: 'FTP', tcp: [20, 21], udp: [] },
  smb: { key: 'smb', name: 'SMB/CIFS', tcp: [445], udp: [] },
  netbios: { key: 'netbios', name: 'NetBIOS', tcp: [137, 138, 139], udp: [137, 138, 139] },
  mysql: { key: 'mysql', name: 'MySQL', tcp: [3306], udp: [] },
  postgresql: { key: 'postgresql', name: 'PostgreSQL', tcp: [5432], udp: [] },
  sqlserver: { key: 'sqlserver', name: 'SQL Server', tcp: [1433], udp: [1434] },
  oracle: { key: 'oracle', name: 'Oracle DB', tcp: [1521], udp: [] },
  redis: { key: 'redis', name: 'Redis', tcp: [6379], udp: [] },
  mongodb: { key: 'mongodb', name: 'MongoDB', tcp: [27017, 27018], udp: [] },
  memcached: { key: 'memcached', name: 'Memcached', tcp: [11211], udp: [11211] },
  elasticsearch: { key: 'elasticsearch', name: 'Elasticsearch', tcp: [9200, 9300], udp: [] },
  kibana: { key: 'kibana', name: 'Kibana', tcp: [5601], udp: [] },
  docker: { key: 'docker', name: 'Docker daemon API', tcp: [2375, 2376], udp: [] },
  kubernetes: { key: 'kubernetes', name: 'Kubernetes API server', tcp: [6443], udp: [] },
  hadoop: { key: 'hadoop', name: 'Hadoop HDFS NameNode', tcp: [50070, 9870, 8020], udp: [] },
  vnc: { key: 'vnc', name: 'VNC', tcp: [5900], udp: [] },
} as const satisfies Record<string, HighRiskService>;

/** Every high-risk TCP port above, for instance- and listener-level exposure checks. */
export const HIGH_RISK_TCP_PORTS: readonly number[] = [
  ...new Set(Object.values(HIGH_RISK_SERVICES).flatMap((s) => [...s.tcp])),
].sort((a, b) => a - b);
