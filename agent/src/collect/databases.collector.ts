import { collected, type ConfigSetting, type MysqlFacts, type PostgresFacts, type RedisFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { parseKeyValues } from './config-text.parser';
import { parsePgHba, postgresClusterDirs, readMysqlOptionFiles, readRedisConfig, redisConfigFiles } from './database-config.reader';

const SERVER_SECTIONS = new Set(['mysqld', 'mariadb', 'server', 'mariadbd', 'mysqld_safe']);

export const databasesCollector: Collector<'mysql' | 'postgres' | 'redis'> = {
  name: 'databases',
  keys: ['mysql', 'postgres', 'redis'],
  collect: ({ reader, installed }) => {
    const options = readMysqlOptionFiles(reader);
    const server: Record<string, ConfigSetting> = {};
    for (const entry of options.entries) {
      if (/pass/.test(entry.key)) continue; // secrets stay on the host
      if (SERVER_SECTIONS.has(entry.section) || /^(mysqld|mariadb)-\d/.test(entry.section)) server[entry.key] = { key: entry.key, value: entry.value ?? '', source: `${entry.file}:${entry.line}` };
    }
    const mysql: MysqlFacts = {
      installed: ['mariadb-server', 'mysql-server', 'mariadb-server-core', 'mysql-server-core-8.0', 'percona-server-server'].some((p) => installed.has(p)) || reader.exists('/usr/sbin/mariadbd') || reader.exists('/usr/sbin/mysqld'),
      configFiles: options.files,
      server,
    };
    const postgres: PostgresFacts = {
      installed: [...installed].some((p) => /^postgresql-\d+$/.test(p)) || reader.exists('/etc/postgresql'),
      clusters: postgresClusterDirs(reader).map((configDir) => {
        const settings = parseKeyValues(reader.readText(`${configDir}/postgresql.conf`) ?? '', `${configDir}/postgresql.conf`, {}, { lowerCaseKeys: true });
        const hbaFile = settings.hba_file?.value || `${configDir}/pg_hba.conf`;
        return { configDir, settings, hba: parsePgHba(reader.readText(hbaFile) ?? '', hbaFile) };
      }),
    };
    const redis: RedisFacts = {
      installed: installed.has('redis-server') || installed.has('redis') || reader.exists('/usr/bin/redis-server'),
      configs: redisConfigFiles(reader).map((file) => {
        const settings: Record<string, ConfigSetting> = {};
        let requirePassSet = false;
        for (const d of readRedisConfig(reader, file)) {
          if (d.keyword === 'requirepass') {
            requirePassSet = (d.args[0] ?? '') !== '';
            settings.requirepass = { key: 'requirepass', value: requirePassSet ? '(set)' : '', source: `${d.file}:${d.line}` };
          } else if (d.keyword !== 'user' && d.keyword !== 'masterauth') {
            settings[d.keyword] = { key: d.keyword, value: d.args.join(' '), source: `${d.file}:${d.line}` };
          }
        }
        return { file, settings, requirePassSet };
      }),
    };
    return { mysql: collected(mysql), postgres: collected(postgres), redis: collected(redis) };
  },
};
