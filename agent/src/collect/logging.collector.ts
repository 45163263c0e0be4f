import { collected, type ConfigSetting, type LoggingFacts, type TimeSyncFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { activeLines, parseKeyValues } from './config-text.parser';
import type { HostReader } from './host.reader';

function dropIns(reader: HostReader, main: string, dir: string): string[] {
  return [main, ...reader.listFiles(dir, /\.conf$/)].filter((f) => reader.exists(f));
}

export function collectLogging(reader: HostReader, installed: ReadonlySet<string>): LoggingFacts {
  const rsyslogFiles = dropIns(reader, '/etc/rsyslog.conf', '/etc/rsyslog.d');
  const remote: string[] = [];
  let fileCreateMode: string | null = null;
  let listens = false;
  for (const file of rsyslogFiles) {
    for (const { text } of activeLines(reader.readText(file) ?? '')) {
      const legacy = /^\S+\s+@@?(?:\([^)]*\))?\[?([^\s;:\]]+)/.exec(text);
      if (/^[^$(\s][^\s]*\s+@/.test(text) && legacy !== null) remote.push(legacy[1]);
      const omfwd = /type\s*=\s*"omfwd"[^)]*target\s*=\s*"([^"]+)"/.exec(text) ?? /target\s*=\s*"([^"]+)"[^)]*type\s*=\s*"omfwd"/.exec(text);
      if (omfwd !== null) remote.push(omfwd[1]);
      const mode = /^\$FileCreateMode\s+(\d+)/.exec(text) ?? /FileCreateMode\s*=\s*"(\d+)"/.exec(text);
      if (mode !== null) fileCreateMode = mode[1];
      if (/^\$(InputTCPServerRun|UDPServerRun)\b/.test(text) || /input\s*\(\s*type\s*=\s*"im(tcp|udp|relp)"/.test(text)) listens = true;
    }
  }
  const journald: Record<string, ConfigSetting> = {};
  for (const file of dropIns(reader, '/etc/systemd/journald.conf', '/etc/systemd/journald.conf.d')) parseKeyValues(reader.readText(file) ?? '', file, journald);
  const upload: Record<string, ConfigSetting> = {};
  for (const file of dropIns(reader, '/etc/systemd/journal-upload.conf', '/etc/systemd/journal-upload.conf.d')) parseKeyValues(reader.readText(file) ?? '', file, upload);
  return {
    rsyslogInstalled: installed.has('rsyslog') || reader.exists('/usr/sbin/rsyslogd'),
    rsyslogFiles,
    rsyslogRemoteTargets: [...new Set(remote)],
    rsyslogFileCreateMode: fileCreateMode,
    rsyslogListens: listens,
    journald,
    journalUploadUrl: upload.URL?.value || null,
  };
}

export function collectTimeSync(reader: HostReader, installed: ReadonlySet<string>): TimeSyncFacts {
  const chronyFiles = ['/etc/chrony/chrony.conf', ...reader.listFiles('/etc/chrony/conf.d', /\.conf$/), ...reader.listFiles('/etc/chrony/sources.d', /\.sources$/)];
  const chronyServers = chronyFiles.flatMap((f) =>
    activeLines(reader.readText(f) ?? '')
      .map((l) => /^(server|pool)\s+(\S+)/.exec(l.text)?.[2])
      .filter((s): s is string => s !== undefined),
  );
  const timesyncd: Record<string, ConfigSetting> = {};
  for (const file of dropIns(reader, '/etc/systemd/timesyncd.conf', '/etc/systemd/timesyncd.conf.d')) parseKeyValues(reader.readText(file) ?? '', file, timesyncd);
  return {
    chronyInstalled: installed.has('chrony') || reader.exists('/usr/sbin/chronyd'),
    chronyServers,
    timesyncdInstalled: installed.has('systemd-timesyncd') || reader.exists('/lib/systemd/systemd-timesyncd') || reader.exists('/usr/lib/systemd/systemd-timesyncd'),
    timesyncdServers: `${timesyncd.NTP?.value ?? ''} ${timesyncd.FallbackNTP?.value ?? ''}`.split(/\s+/).filter((s) => s !== ''),
    ntpInstalled: installed.has('ntp') || installed.has('ntpsec') || installed.has('openntpd'),
  };
}

export const loggingCollector: Collector<'logging' | 'timeSync'> = {
  name: 'logging',
  keys: ['logging', 'timeSync'],
  collect: ({ reader, installed }) => ({ logging: collected(collectLogging(reader, installed)), timeSync: collected(collectTimeSync(reader, installed)) }),
};
