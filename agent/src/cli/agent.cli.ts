import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { collectHostFacts, type CollectOptions } from '../collect/host-facts.collector';
import { applyRemediation, parseRemediationScript } from '../fix/remediation.runner';
import { parseWordList } from '../weak-password/password-dictionary';
import { reportHostFacts } from './host-facts.reporter';

const USAGE = `Usage: rampart-agent <command> [options]

Commands:
  collect            print host facts as JSON (read-only)
  report             collect and submit to the gateway (reportHostFacts)
  fix --script FILE  apply a remediation script (FILE or - for stdin), verify, restore on failure

Options:
  --root DIR                 inspect / fix a mounted system instead of /
  --budget-ms N              fact collection budget (default 20000)
  --password-budget-ms N     dictionary test budget (default 120000)
  --no-password-test         skip the weak-password dictionary test
  --dictionary FILE          replace the shipped dictionary
  --custom-words FILE        the tenant's extra words, one per line
  --gateway URL --token T    gateway and token for report (or RAMPART_GATEWAY / RAMPART_TOKEN)
  --instance-id ID           cloud instance id sent with report
  --backup-dir DIR           fix: where backups go (default /var/backups/rampart/<task>)
  --dry-run                  fix: print the script, change nothing
  --pretty                   indent JSON output
`;

/** Runs the agent command line; returns the exit code. Output goes to the given streams (stdout gets JSON only). */
export async function runAgentCli(argv: readonly string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        'budget-ms': { type: 'string' },
        'password-budget-ms': { type: 'string' },
        'no-password-test': { type: 'boolean' },
        dictionary: { type: 'string' },
        'custom-words': { type: 'string' },
        gateway: { type: 'string' },
        token: { type: 'string' },
        'instance-id': { type: 'string' },
        script: { type: 'string' },
        'backup-dir': { type: 'string' },
        'dry-run': { type: 'boolean' },
        pretty: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help === true || command === undefined) {
    io.stderr.write(USAGE);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const number = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
  const collectOptions: CollectOptions = {
    root: values.root,
    budgetMs: number(values['budget-ms']),
    passwordBudgetMs: number(values['password-budget-ms']),
    skipPasswordTest: values['no-password-test'],
    dictionaryPath: values.dictionary,
    customWords: values['custom-words'] === undefined ? undefined : parseWordList(fs.readFileSync(values['custom-words'], 'utf8')),
  };
  const json = (value: unknown): string => `${JSON.stringify(value, null, values.pretty === true ? 2 : undefined)}\n`;
  try {
    switch (command) {
      case 'collect': {
        io.stdout.write(json(await collectHostFacts(collectOptions)));
        return 0;
      }
      case 'report': {
        const gateway = values.gateway ?? process.env.RAMPART_GATEWAY;
        const token = values.token ?? process.env.RAMPART_TOKEN;
        if (gateway === undefined || token === undefined) {
          io.stderr.write('report needs --gateway and --token (or RAMPART_GATEWAY / RAMPART_TOKEN)\n');
          return 2;
        }
        const facts = await collectHostFacts(collectOptions);
        const id = await reportHostFacts(facts, { gateway, token, instanceId: values['instance-id'] });
        io.stdout.write(json({ hostId: id, hostname: facts.hostname, durationMs: facts.durationMs }));
        return 0;
      }
      case 'fix': {
        if (values.script === undefined) {
          io.stderr.write('fix needs --script FILE (or - for stdin)\n');
          return 2;
        }
        const text = fs.readFileSync(values.script === '-' ? 0 : values.script, 'utf8');
        const script = parseRemediationScript(JSON.parse(text));
        const result = await applyRemediation(script, {
          root: values.root,
          backupDir: values['backup-dir'],
          dryRun: values['dry-run'],
          collect: { budgetMs: collectOptions.budgetMs, passwordBudgetMs: collectOptions.passwordBudgetMs, dictionaryPath: collectOptions.dictionaryPath, customWords: collectOptions.customWords },
        });
        if (result.status === 'DRY_RUN') {
          io.stdout.write(result.script);
          return 0;
        }
        const { facts, ...summary } = result;
        io.stdout.write(json({ ...summary, script: undefined, factsCollectedAt: facts?.collectedAt }));
        return result.status === 'APPLIED' ? 0 : 1;
      }
      default:
        io.stderr.write(`unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.stderr.write(`rampart-agent ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
