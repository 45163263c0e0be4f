import { collected, unavailable, type AuditFacts, type ConfigSetting, type FileMeta } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { activeLines, parseKeyValues } from './config-text.parser';
import type { HostReader } from './host.reader';

export function collectAudit(reader: HostReader, installed: ReadonlySet<string>): AuditFacts {
  const ruleFilePaths = reader.listFiles('/etc/audit/rules.d', /\.rules$/);
  const sources = ruleFilePaths.length > 0 ? ruleFilePaths : reader.exists('/etc/audit/audit.rules') ? ['/etc/audit/audit.rules'] : [];
  const rules = sources.flatMap((f) => activeLines(reader.readText(f) ?? '').map((l) => l.text.replace(/\s+/g, ' ')));
  const auditdConf: Record<string, ConfigSetting> = parseKeyValues(reader.readText('/etc/audit/auditd.conf') ?? '', '/etc/audit/auditd.conf', {}, { lowerCaseKeys: true });
  const logFile = auditdConf.log_file?.value ?? '/var/log/audit/audit.log';
  const logDir = logFile.replace(/\/[^/]*$/, '') || '/var/log/audit';
  const metas = (paths: string[]): FileMeta[] => paths.map((p) => reader.meta(p)).filter((m): m is FileMeta => m !== null);
  return {
    installed: installed.has('auditd') || reader.exists('/sbin/auditd') || reader.exists('/usr/sbin/auditd'),
    ruleFiles: metas([...ruleFilePaths, '/etc/audit/audit.rules']),
    rules,
    auditdConf,
    configFiles: metas(['/etc/audit/auditd.conf', ...reader.listFiles('/etc/audit', /\.conf$/).filter((f) => f !== '/etc/audit/auditd.conf')]),
    logDirectory: reader.meta(logDir),
    logFiles: metas(reader.listFiles(logDir).slice(0, 50)),
  };
}

export const auditCollector: Collector<'audit' | 'auditLoadedRules'> = {
  name: 'audit',
  keys: ['audit', 'auditLoadedRules'],
  collect: ({ reader, installed }) => {
    let loaded: AuditFacts['rules'] | null = null;
    if (reader.live) {
      const auditctl = reader.findBinary(['/sbin/auditctl', '/usr/sbin/auditctl']);
      const output = auditctl === null ? null : reader.run(auditctl, ['-l']);
      if (output !== null) loaded = output.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== 'No rules');
    }
    return {
      audit: collected(collectAudit(reader, installed)),
      auditLoadedRules: loaded === null ? unavailable(reader.live ? 'auditctl not present or not permitted' : 'loaded audit rules exist only on a live host') : collected(loaded),
    };
  },
};
