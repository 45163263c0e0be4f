import type { RemediationScript, RemediationStep } from './remediation-script';

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const octal = (mode: number): string => mode.toString(8).padStart(4, '0');
/** A regex (ERE) for sed's /…/ address or s/…/: the delimiter escaped. */
const sedRegex = (source: string): string => source.replace(/\//g, '\\/');
/** A literal string as an ERE. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
/** Replacement text of s/…/…/. */
const sedReplacement = (text: string): string => text.replace(/[\\/&]/g, (c) => `\\${c}`);
/** Text of GNU sed's one-line `i`/`a` commands (a leading backslash keeps leading whitespace). */
const sedText = (text: string): string => `\\${text.replace(/\\/g, '\\\\')}`;

function renderStep(step: RemediationStep): string[] {
  switch (step.kind) {
    case 'set-key-in-file': {
      const line = `${step.key}${step.separator}${step.value}`;
      const key = `^[[:space:]]*${literal(step.key)}([[:space:]]|=|$)`;
      const flag = step.caseInsensitive ? 'I' : '';
      const file = quote(step.path);
      return [
        `[ -e ${file} ] || install -m ${octal(step.createMode ?? 0o644)} /dev/null ${file}`,
        `if grep -Eq${step.caseInsensitive ? 'i' : ''} ${quote(key)} ${file}; then`,
        `  sed -E -i ${quote(`0,/${sedRegex(key)}/${flag}s/${sedRegex(key)}.*/${sedReplacement(line)}/${flag}`)} ${file}`,
        'elif [ -s ' + file + ' ]; then',
        step.insertAt === 'top' ? `  sed -i ${quote(`1i ${sedText(line)}`)} ${file}` : `  printf '%s\\n' ${quote(line)} >> ${file}`,
        'else',
        `  printf '%s\\n' ${quote(line)} > ${file}`,
        'fi',
      ];
    }
    case 'append-line':
      return [`grep -qxF ${quote(step.line)} ${quote(step.path)} 2>/dev/null || printf '%s\\n' ${quote(step.line)} >> ${quote(step.path)}`];
    case 'insert-line': {
      const anchor = sedRegex(step.before ?? step.after ?? '$');
      const insert = quote(`0,/${anchor}/{/${anchor}/s/^/${sedReplacement(step.line)}\\n/}`);
      // before: in front of the first matching line; after: behind the last one (tac turns last into first)
      return step.before !== undefined
        ? [`grep -qxF ${quote(step.line)} ${quote(step.path)} || sed -E -i ${insert} ${quote(step.path)}`]
        : [`grep -qxF ${quote(step.line)} ${quote(step.path)} || { tac ${quote(step.path)} | sed -E ${insert} | tac > ${quote(`${step.path}.rampart`)} && cat ${quote(`${step.path}.rampart`)} > ${quote(step.path)} && rm ${quote(`${step.path}.rampart`)}; }`];
    }
    case 'remove-line':
      return [`sed -E -i ${quote(`/${sedRegex(step.pattern)}/d`)} ${quote(step.path)}`];
    case 'remove-word':
      return [`sed -E -i ${quote(`/${sedRegex(step.linePattern)}/s/[[:space:]]+${literal(step.word)}([[:space:]]|$)/\\1/g`)} ${quote(step.path)}`];
    case 'write-file':
      return [`cat > ${quote(step.path)} <<'RAMPART_EOF'`, step.content.replace(/\n$/, ''), 'RAMPART_EOF', `chmod ${octal(step.mode)} ${quote(step.path)}`];
    case 'chmod':
      return [`chmod ${octal(step.mode)} ${quote(step.path)}`];
    case 'chown':
      return [`chown ${quote(`${step.owner}:${step.group}`)} ${quote(step.path)}`];
    case 'sysctl-set': {
      const key = `^[[:space:]]*${literal(step.key)}[[:space:]]*=`;
      return [
        `if grep -Eq ${quote(key)} ${quote(step.file)} 2>/dev/null; then sed -E -i ${quote(`s/${sedRegex(key)}.*/${sedReplacement(`${step.key} = ${step.value}`)}/`)} ${quote(step.file)}; else printf '%s\\n' ${quote(`${step.key} = ${step.value}`)} >> ${quote(step.file)}; fi`,
        `sysctl -w ${quote(`${step.key}=${step.value}`)}`,
      ];
    }
    case 'set-account-field':
      return step.field === 'shell'
        ? [`usermod -s ${quote(step.value)} ${quote(step.account)}`]
        : [`chage ${{ lastChangeDays: '-d', minDays: '-m', maxDays: '-M', warnDays: '-W', inactiveDays: '-I' }[step.field]} ${quote(step.value)} ${quote(step.account)}`];
    case 'lock-account':
      return [`passwd -l ${quote(step.account)}`];
    case 'disable-unit':
      return [`systemctl disable --now ${quote(step.unit)}`];
    case 'run':
      return [step.argv.map(quote).join(' ')];
  }
}

const touchedPath = (step: RemediationStep): string | null => {
  switch (step.kind) {
    case 'sysctl-set':
      return step.file;
    case 'set-account-field':
      return step.field === 'shell' ? '/etc/passwd' : '/etc/shadow';
    case 'lock-account':
      return '/etc/shadow';
    case 'disable-unit':
    case 'run':
      return null;
    default:
      return step.path;
  }
};

/**
 * The steps as a reviewable shell script for GNU tools (backups first, then each step with its number). The agent
 * never runs it: it executes the structured steps itself; the script says what that amounts to.
 */
export function renderRemediationScript(script: RemediationScript, options: { backupDir?: string } = {}): string {
  const backupDir = options.backupDir ?? `/var/backups/rampart/${script.taskId}`;
  const paths = [...new Set(script.steps.map(touchedPath).filter((p): p is string => p !== null))];
  const lines = [
    '#!/bin/sh',
    `# Rampart remediation ${script.itemId}: ${script.title}`,
    `# task ${script.taskId}; the agent applies these steps itself and restores the backup when verification fails`,
    'set -eu',
    `mkdir -p ${quote(backupDir)}`,
    ...paths.map((p) => `[ -e ${quote(p)} ] && cp -a --parents ${quote(p)} ${quote(backupDir)} || true`),
  ];
  script.steps.forEach((step, index) => {
    lines.push('', `# step ${index + 1}: ${step.kind}`, ...renderStep(step));
  });
  if (script.expect.length > 0) {
    lines.push('', '# then verified on re-collected facts:', ...script.expect.map((e) => `#   ${e.description}`));
  }
  return `${lines.join('\n')}\n`;
}
